"""The agency inbox: an agency's referrals, what each shares, and accepting, declining and
recording first contact, every page and change in the audit trail."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from support.models import Referral
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    agency_user,
    referred_report,
    signed_in,
    staff_user,
    support_agency,
)

ANSWERS = dict(
    DOMESTIC_ABUSE_ANSWERS,
    your_name="Alex Jordan",
    what_happened="CANARY-NARRATIVE",
    contact_methods=["call", "voicemail"],
    safe_times=["evening"],
)


@pytest.fixture
def agency(forces):
    return support_agency("Women's Aid Test")


@pytest.fixture
def worker(agency):
    return agency_user(agency, username="worker")


@pytest.fixture
def referral(agency) -> Referral:
    report = referred_report(ANSWERS)
    return Referral.objects.get(report=report)


@pytest.fixture
def client_as_worker(client, worker):
    return signed_in(client, worker)


def audit_actions(user) -> list[tuple[str, str, str]]:
    return list(AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", "object_type", "object_id"))


def url(name, referral):
    return reverse(f"support:{name}", args=[referral.pk])


# --- The inbox ----------------------------------------------------------------------------


def test_the_inbox_lists_the_agencys_referrals(client_as_worker, referral, worker):
    response = client_as_worker.get(reverse("support:agency_inbox"))

    assert response.status_code == 200
    page = response.content.decode()
    assert referral.report.reference in page
    assert "Domestic abuse" in page
    assert "New" in page
    assert url("agency_referral", referral) in page
    # The list shows no one's details.
    assert "Alex" not in page
    assert audit_actions(worker) == [("referral.list", "agency", str(referral.agency_id))]


def test_the_inbox_leaves_out_other_agencies_referrals(client_as_worker, referral, forces):
    other = support_agency("Victim Care Test", routes=(("E23000001", "victim_support"),))
    others = referred_report(dict(ANSWERS, support_referrals=["victim_service"]))
    assert Referral.objects.filter(report=others, agency=other).exists()

    page = client_as_worker.get(reverse("support:agency_inbox")).content.decode()

    assert referral.report.reference in page
    assert others.reference not in page


def test_overdue_referrals_are_flagged_in_the_inbox(client, worker, referral, time_machine):
    time_machine.move_to(referral.due_at + timedelta(hours=1))

    page = signed_in(client, worker).get(reverse("support:agency_inbox")).content.decode()

    assert "Overdue" in page


def test_the_inbox_runs_the_same_queries_for_one_referral_or_many(
    client_as_worker, agency, django_assert_max_num_queries
):
    referred_report(ANSWERS)
    # Session, user, device, agency or force, the list, the audit row (and PostgreSQL's
    # advisory lock for it), the session saved: 16 at most, however many referrals.
    with django_assert_max_num_queries(16) as one:
        assert client_as_worker.get(reverse("support:agency_inbox")).status_code == 200
    for _ in range(25):
        referred_report(ANSWERS)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client_as_worker.get(reverse("support:agency_inbox"))
    assert response.content.decode().count("/agency/referrals/") == 26


def test_the_inbox_is_paged(client_as_worker, agency, settings, monkeypatch):
    monkeypatch.setattr("support.referrals.selectors.INBOX_PAGE_SIZE", 2)
    for _ in range(3):
        referred_report(ANSWERS)

    first = client_as_worker.get(reverse("support:agency_inbox")).content.decode()
    second = client_as_worker.get(reverse("support:agency_inbox") + "?page=2").content.decode()

    assert first.count("/agency/referrals/") == 2
    assert "Page 1 of 2" in first
    assert second.count("/agency/referrals/") == 1


# --- A referral ---------------------------------------------------------------------------


def test_a_referral_shows_what_the_person_agreed_to_share_and_nothing_else(client_as_worker, referral, worker):
    response = client_as_worker.get(url("agency_referral", referral))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Alex" in page
    assert "Jordan" not in page
    assert "07700 900982" in page
    assert "Phone call" in page
    assert "Evening (5pm to 9pm)" in page
    assert "CANARY-NARRATIVE" not in page
    assert "Safe to leave a voicemail" in page
    assert audit_actions(worker) == [("referral.view", "referral", str(referral.pk))]


def test_accepting_a_referral(client_as_worker, referral, worker):
    response = client_as_worker.post(url("agency_referral_accept", referral))

    assert response.status_code == 302
    assert response["Location"] == url("agency_referral", referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.accepted_by == worker
    assert referral.accepted_at is not None
    assert audit_actions(worker) == [("referral.accept", "referral", str(referral.pk))]
    assert "You have accepted the referral" in client_as_worker.get(response["Location"]).content.decode()


def test_accepting_twice_changes_nothing_more(client_as_worker, referral, worker):
    client_as_worker.post(url("agency_referral_accept", referral))
    accepted_at = Referral.objects.get(pk=referral.pk).accepted_at

    client_as_worker.post(url("agency_referral_accept", referral))

    assert Referral.objects.get(pk=referral.pk).accepted_at == accepted_at
    assert [action for action, *_ in audit_actions(worker)] == ["referral.accept"]


def test_accept_is_a_post(client_as_worker, referral):
    assert client_as_worker.get(url("agency_referral_accept", referral)).status_code == 405


def test_declining_needs_a_reason_shown_next_to_the_field(client_as_worker, referral, worker):
    response = client_as_worker.post(url("agency_referral_decline", referral), {"reason": "  "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_reason"' in page
    assert 'id="reason-error"' in page or "govuk-error-message" in page
    assert page.count("Enter why you are declining the referral") == 2
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.NEW
    assert audit_actions(worker) == [("referral.view_form", "referral", str(referral.pk))]


def test_declining_with_a_reason(client_as_worker, referral, worker):
    assert client_as_worker.get(url("agency_referral_decline", referral)).status_code == 200
    response = client_as_worker.post(url("agency_referral_decline", referral), {"reason": "Outside our area"})

    assert response.status_code == 302
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.status == Referral.Status.DECLINED
    assert referral.decline_reason == "Outside our area"
    assert referral.declined_by == worker
    assert [action for action, *_ in audit_actions(worker)] == ["referral.view_form", "referral.decline"]
    # A declined referral can be neither accepted nor declined again.
    client_as_worker.post(url("agency_referral_accept", referral))
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.DECLINED
    assert client_as_worker.get(url("agency_referral_decline", referral)).status_code == 302


def test_recording_first_contact(client_as_worker, referral, worker):
    today = timezone.localdate()
    response = client_as_worker.post(
        url("agency_referral_first_contact", referral),
        {
            "contacted_on_0": today.day,
            "contacted_on_1": today.month,
            "contacted_on_2": today.year,
            "note": "Spoke by phone",
        },
    )

    assert response.status_code == 302
    referral = Referral.objects.get(pk=referral.pk)
    assert referral.status == Referral.Status.FIRST_CONTACT_MADE
    assert referral.first_contact_on == today
    assert referral.first_contact_note == "Spoke by phone"
    assert referral.accepted_by == worker  # contact made means the referral was taken on
    assert audit_actions(worker) == [("referral.first_contact", "referral", str(referral.pk))]


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ({}, "Enter the date you first contacted them"),
        ({"contacted_on_0": "31", "contacted_on_1": "2", "contacted_on_2": "2026"}, "must be a real date"),
        ({"contacted_on_0": "1", "contacted_on_1": "", "contacted_on_2": "2026"}, "must include a month"),
        ({"contacted_on_0": "1", "contacted_on_1": "1", "contacted_on_2": "2999"}, "must be today or in the past"),
        ({"contacted_on_0": "1", "contacted_on_1": "1", "contacted_on_2": "2000"}, "when the report was made"),
    ],
)
def test_first_contact_needs_a_real_date_since_the_report(client_as_worker, referral, day, message):
    response = client_as_worker.post(url("agency_referral_first_contact", referral), day)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert 'href="#id_contacted_on_0"' in page
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.NEW


def test_first_contact_after_a_decline_is_refused(client_as_worker, referral):
    client_as_worker.post(url("agency_referral_decline", referral), {"reason": "Full"})
    today = date.today()

    client_as_worker.post(
        url("agency_referral_first_contact", referral),
        {"contacted_on_0": today.day, "contacted_on_1": today.month, "contacted_on_2": today.year},
    )

    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.DECLINED


def test_force_staff_have_no_inbox(client, forces):
    officer = staff_user(username="officer")
    signed_in(client, officer)

    assert client.get(reverse("support:agency_inbox")).status_code == 404
    assert not AuditEvent.objects.filter(actor=officer).exists()


def test_a_change_no_longer_possible_is_refused_with_a_message_on_the_referral(client_as_worker, referral):
    client_as_worker.post(url("agency_referral_decline", referral), {"reason": "Full"})

    response = client_as_worker.post(url("agency_referral_accept", referral))

    assert response.status_code == 302
    assert response["Location"] == url("agency_referral", referral)
    page = client_as_worker.get(response["Location"]).content.decode()
    assert "This referral is now “Declined”, so that cannot be done." in page
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.DECLINED
