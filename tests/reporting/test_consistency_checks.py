"""Answers that contradict each other are queried kindly before check your answers: a
journey declares its checks as data, and the person chooses to go back and change an answer
or to carry on with their answers as they are."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.engine import JourneyState
from reporting.engine.checks import Check
from reporting.engine.conditions import Is
from reporting.engine.flow import Flow, Page, Section
from reporting.journeys import flow_for
from tests.factories import RAPE_SEXUAL_ASSAULT_ANSWERS, journey_state, walk_journey

JOURNEY = "rape-sexual-assault"
NOT_RECENT_BUT_TODAY = dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="no", when_roughly="today")


def check_url(key):
    return reverse("reporting:journey_please_check", args=[JOURNEY, key])


def cya_url():
    return reverse("reporting:journey_check_answers", args=[JOURNEY])


def test_not_in_the_last_7_days_but_today_is_queried():
    flow = flow_for(JOURNEY)

    check = flow.pending_check(journey_state(NOT_RECENT_BUT_TODAY, journey=JOURNEY))

    assert check is not None and check.page == "recent"
    assert flow.pending_check(journey_state(RAPE_SEXUAL_ASSAULT_ANSWERS, journey=JOURNEY)) is None
    assert flow.pending_check(journey_state(dict(NOT_RECENT_BUT_TODAY, recent="yes"), journey=JOURNEY)) is None


def test_in_the_last_7_days_but_years_ago_is_queried():
    flow = flow_for(JOURNEY)
    state = journey_state(dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes", when_roughly="years_ago"), journey=JOURNEY)

    assert flow.pending_check(state) is not None


def test_a_date_typed_within_the_last_7_days_is_queried_when_it_was_not_recent():
    flow = flow_for(JOURNEY)
    two_days_ago = (timezone.localdate() - timedelta(days=2)).strftime("%d/%m/%Y")
    a_year_ago = (timezone.localdate() - timedelta(days=400)).strftime("%d/%m/%Y")

    def pending(detail):
        answers = dict(RAPE_SEXUAL_ASSAULT_ANSWERS, when_detail=detail)
        return flow.pending_check(journey_state(answers, journey=JOURNEY))

    assert pending(f"On {two_days_ago}, at night") is not None
    assert pending(f"On {a_year_ago}") is None
    assert pending("the weekend of my birthday") is None


def test_carrying_on_as_it_is_is_remembered_until_an_answer_it_reads_changes():
    flow = flow_for(JOURNEY)
    state = journey_state(NOT_RECENT_BUT_TODAY, journey=JOURNEY)
    check = flow.pending_check(state)

    state.confirm(check, flow.answers(state))

    assert flow.pending_check(state) is None
    # Saved and read back, as a draft is.
    assert flow.pending_check(JourneyState.from_dict(state.as_dict())) is None
    # A different contradiction between the same answers asks again.
    state.answers["when_roughly"] = "yesterday"
    assert flow.pending_check(state) is check


def test_a_check_must_name_a_page_of_its_journey():
    page = Page(slug="a", section="s")

    with pytest.raises(ValueError, match="check x goes back to unknown page nowhere"):
        Flow(
            slug="j",
            sections=(Section("s", "S"),),
            pages=(page,),
            checks=(Check(key="x", when=Is("a", "b"), reads=("a",), page="nowhere", message="m"),),
        )


@pytest.fixture
def contradicting(client, forces):
    """A person who answered "yes, in the last 7 days" and "today", then changed the first."""
    walk_journey(client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes", when_roughly="today"))
    recent = reverse("reporting:journey_page", args=[JOURNEY, "recent"]) + "?change=1"
    response = client.post(recent, {"recent": "no"})
    return client, response


def test_the_query_comes_before_check_your_answers(contradicting):
    client, changed = contradicting
    key = "not-recent-but-within-7-days"

    # Changing the answer leads straight to the query.
    assert changed["Location"] == check_url(key)
    page = client.get(check_url(key))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Please check your answers" in html
    # The answers it is about are shown, as the person gave them.
    assert "In the last 7 days" in html and "Today" in html
    assert "Go back and change my answer" in html and "Carry on with my answers as they are" in html
    # Check your answers itself sends the person to the query.
    assert client.get(cya_url())["Location"] == check_url(key)


def test_choosing_nothing_says_what_to_do(contradicting):
    client, _changed = contradicting

    response = client.post(check_url("not-recent-but-within-7-days"), {})

    assert response.status_code == 200
    assert "Select whether you want to change your answer or carry on" in response.content.decode()


def test_going_back_to_change_opens_the_page_to_change(contradicting):
    client, _changed = contradicting

    response = client.post(check_url("not-recent-but-within-7-days"), {"choice": "change"})

    assert response["Location"] == reverse("reporting:journey_page", args=[JOURNEY, "recent"]) + "?change=1"
    client.post(response["Location"], {"recent": "yes"})
    assert client.get(cya_url()).status_code == 200


def test_carrying_on_as_it_is_goes_to_check_your_answers_and_can_be_sent(contradicting):
    client, _changed = contradicting

    response = client.post(check_url("not-recent-but-within-7-days"), {"choice": "keep"})

    assert response["Location"] == cya_url()
    assert client.get(cya_url()).status_code == 200


def test_a_check_that_does_not_apply_sends_the_person_on(client, forces):
    walk_journey(client, JOURNEY, RAPE_SEXUAL_ASSAULT_ANSWERS)

    assert client.get(check_url("not-recent-but-within-7-days"))["Location"] == cya_url()
    assert client.get(check_url("no-such-check")).status_code == 404
