"""The warning before a session runs out (WCAG 2.2.1): which pages carry it, and that its
one button really renews the session, for a person reporting and for staff."""

import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reporting.models import Draft
from tests.factories import staff_user, verified_client

FIRST_PAGE = reverse("reporting:journey_page", args=["domestic-abuse", "in-danger"])
SECOND_PAGE = reverse("reporting:journey_page", args=["domestic-abuse", "who-for"])
KEEP_ALIVE = reverse("portal:keep_alive")
STAFF_KEEP_ALIVE = reverse("portal:staff_keep_alive")
WARNING = 'data-module="waymark-timeout-warning"'


def started_report(client) -> Client:
    client.post(FIRST_PAGE, {"in_danger": "no"})
    return client


def still_has_the_answers(client) -> bool:
    return re.search(r'value="no"\s+checked', client.get(FIRST_PAGE).content.decode()) is not None


def test_question_pages_and_check_your_answers_warn_30_minutes_after_the_last_page(client, db):
    for path in (FIRST_PAGE, reverse("reporting:journey_check_answers", args=["domestic-abuse"])):
        html = started_report(client).get(path, follow=True).content.decode()
        assert WARNING in html, path
        assert 'data-timeout-seconds="1800"' in html
        assert f'action="{KEEP_ALIVE}"' in html
        assert f'data-closed-url="{reverse("portal:form_closed")}"' in html


def test_pages_without_a_form_in_progress_carry_no_warning(client, db):
    for path in (reverse("portal:home"), reverse("portal:staying_safe"), reverse("portal:staff_sign_in")):
        assert WARNING not in client.get(path).content.decode(), path


def test_staff_pages_warn_before_the_15_minute_sign_out(client, forces):
    verified_client(client, staff_user())
    html = client.get(reverse("reporting:staff_queue")).content.decode()

    assert WARNING in html
    assert 'data-timeout-seconds="900"' in html
    assert f'action="{STAFF_KEEP_ALIVE}"' in html


def test_keeping_the_form_open_renews_the_session_so_no_answer_is_lost(client, db):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        started_report(client)
        clock.shift(timedelta(minutes=29))
        assert client.post(KEEP_ALIVE).status_code == 204
        clock.shift(timedelta(minutes=29))

        assert still_has_the_answers(client)


def test_without_it_the_form_is_closed_after_30_minutes(client, db):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        started_report(client)
        clock.shift(timedelta(minutes=30, seconds=1))

        assert not still_has_the_answers(client)


def test_staying_signed_in_renews_the_staff_idle_clock(client, forces):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        verified_client(client, staff_user())
        client.get(reverse("reporting:staff_queue"))
        clock.shift(timedelta(minutes=14))
        assert client.post(STAFF_KEEP_ALIVE).status_code == 204
        clock.shift(timedelta(minutes=14))

        assert client.get(reverse("reporting:staff_queue")).status_code == 200


def test_staying_signed_in_cannot_bring_back_a_session_that_already_timed_out(client, forces):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        verified_client(client, staff_user())
        client.get(reverse("reporting:staff_queue"))
        clock.shift(timedelta(minutes=15, seconds=1))

        response = client.post(STAFF_KEEP_ALIVE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:staff_sign_in"))


def test_keep_alive_takes_only_a_form_sent_from_the_site(db):
    browser = Client(enforce_csrf_checks=True)
    browser.get(FIRST_PAGE)

    assert browser.post(KEEP_ALIVE).status_code == 403
    assert browser.get(KEEP_ALIVE).status_code == 405


def test_a_closed_form_ends_the_session_and_says_so_calmly(client, db):
    started_report(client)
    assert Draft.objects.exists()
    assert still_has_the_answers(client)

    response = client.get(reverse("portal:form_closed"))

    assert response.status_code == 200
    assert "This page was closed to keep you safe" in response.content.decode()
    assert not still_has_the_answers(client)
    assert client.get(SECOND_PAGE)["Location"] == FIRST_PAGE
