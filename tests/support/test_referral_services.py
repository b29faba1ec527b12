"""The status changes as services: who may make them, from which status, and their record."""

import pytest

from portal.audit import audit_chain_broken_at
from portal.models import AuditEvent
from portal.refusals import Refused
from support.models import Referral
from support.referrals import selectors
from support.referrals.services import (
    REFERRAL_STATE,
    referral_accept,
    referral_decline,
    referral_first_contact_record,
    referral_open,
)
from tests.factories import DOMESTIC_ABUSE_ANSWERS, agency_user, referred_report, staff_user, support_agency

MET = "E23000001"


@pytest.fixture
def setup(forces):
    ours = support_agency("Ours", routes=((MET, "domestic_abuse"),))
    theirs = support_agency("Theirs", routes=((MET, "victim_support"),))
    report = referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service"]))
    return {
        "referral": Referral.objects.get(report=report),
        "worker": agency_user(ours),
        "stranger": agency_user(theirs),
        "officer": staff_user(force_code=MET),
        "other_force": staff_user(force_code="W15000003"),
    }


def test_only_the_agencys_own_staff_can_change_a_referral(setup):
    referral = setup["referral"]
    for user in (setup["stranger"], setup["officer"]):
        with pytest.raises(PermissionError):
            referral_accept(referral=referral, user=user)
        with pytest.raises(PermissionError):
            referral_decline(referral=referral, user=user, reason="no")
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.NEW
    assert not AuditEvent.objects.exists()


def test_only_the_agencys_own_staff_can_open_a_referral(setup):
    referral = setup["referral"]

    stranger = selectors.agency_member_for(setup["stranger"])
    worker = selectors.agency_member_for(setup["worker"])

    assert selectors.referral_for_agency(stranger, referral.pk) is None
    assert selectors.agency_member_for(setup["officer"]) is None
    with pytest.raises(PermissionError):
        referral_open(member=stranger, referral=referral)
    assert referral_open(member=worker, referral=selectors.referral_for_agency(worker, referral.pk)) == referral
    assert list(AuditEvent.objects.values_list("actor", "action")) == [(setup["worker"].pk, "referral.view")]


def test_selectors_scope_referrals_to_the_users_agency_or_force(setup):
    assert list(selectors.referrals_visible_to(setup["worker"])) == [setup["referral"]]
    assert list(selectors.referrals_visible_to(setup["stranger"])) == []
    # Force staff see the referrals of the reports they may see: their own force's.
    assert list(selectors.referrals_visible_to(setup["officer"])) == [setup["referral"]]
    assert list(selectors.referrals_visible_to(setup["other_force"])) == []
    assert list(selectors.referrals_visible_to(None)) == []


def test_a_decline_needs_a_reason(setup):
    with pytest.raises(ValueError):
        referral_decline(referral=setup["referral"], user=setup["worker"], reason="   ")


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("decline", "accept"),
        ("decline", "decline"),
        ("decline", "contact"),
        ("contact", "accept"),
        ("contact", "decline"),
        ("contact", "contact"),
    ],
)
def test_a_finished_referral_cannot_change(setup, first, then):
    from datetime import date

    changes = {
        "accept": lambda r: referral_accept(referral=r, user=setup["worker"]),
        "decline": lambda r: referral_decline(referral=r, user=setup["worker"], reason="Full"),
        "contact": lambda r: referral_first_contact_record(referral=r, user=setup["worker"], contacted_on=date.today()),
    }
    referral = changes[first](setup["referral"])

    with pytest.raises(Refused) as refused:
        changes[then](referral)
    assert refused.value.reason == REFERRAL_STATE
    assert "so that cannot be done" in refused.value.message


def test_every_change_is_recorded_and_the_trail_is_intact(setup):
    from datetime import date

    referral = referral_accept(referral=setup["referral"], user=setup["worker"])
    referral_first_contact_record(referral=referral, user=setup["worker"], contacted_on=date.today(), note="ok")

    events = list(AuditEvent.objects.order_by("id").values_list("action", "object_id", "organisation"))
    assert events == [
        ("referral.accept", str(referral.pk), "Ours"),
        ("referral.first_contact", str(referral.pk), "Ours"),
    ]
    assert audit_chain_broken_at() is None


def test_an_agency_reads_only_what_was_shared_never_the_reports_answers(setup, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tests.factories import verified_client

    referral = setup["referral"]
    worker = selectors.agency_member_for(setup["worker"])

    with CaptureQueriesContext(connection) as direct:
        loaded = selectors.referral_for_agency(worker, referral.pk)
    assert "answers" in loaded.report.get_deferred_fields()
    assert (loaded.report.reference, loaded.report.report_type) == (referral.report.reference, "domestic-abuse")
    assert loaded.report.force.display_name == referral.report.force.display_name

    verified_client(client, setup["worker"])
    with CaptureQueriesContext(connection) as page:
        assert client.get(reverse("support:agency_referral", args=[referral.pk])).status_code == 200
        for action in ("agency_referral_decline", "agency_referral_first_contact"):
            assert client.get(reverse(f"support:{action}", args=[referral.pk])).status_code == 200
    selected = [query["sql"] for query in [*direct.captured_queries, *page.captured_queries]]
    assert any('"reporting_report"."reference"' in sql for sql in selected)
    assert not [sql for sql in selected if '"reporting_report"."answers"' in sql]
