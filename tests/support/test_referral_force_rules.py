"""Who at a force may refer a report, and where their referrals are recorded.

Only staff working the report refer it: a role that works reports, with the report
assigned to them or an access reason given for it. Each referral action is recorded where
the force's supervisors review the trail: under the officer (by the force's code) and under
the report (by its reference).
"""

import pytest
from django.urls import reverse

from reporting.models import StaffMember
from reporting.services import report_claim
from support.models import Referral, ReferralRoute
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    member_of,
    referred_report,
    staff_user,
    support_agency,
    verified_client,
)

Role = StaffMember.Role


@pytest.fixture
def report(forces):
    support_agency("Victim Care Test", routes=((MET, "victim_support"),))
    return referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"]))


def new_referral_url(report):
    return reverse("support:officer_referral_new", args=[report.pk])


def referral_form(report):
    route = ReferralRoute.objects.get(force__code=MET, kind="victim_support")
    return {"route": route.pk, "consent_method": "officer_phone"}


def test_the_force_administrator_cannot_refer(client, report):
    admin = staff_user(username="met-admin", force_code=MET, role=Role.FORCE_ADMIN)
    verified_client(client, admin)

    assert client.get(new_referral_url(report)).status_code == 403
    assert client.post(new_referral_url(report), referral_form(report)).status_code == 403
    assert not Referral.objects.filter(report=report).exists()


def test_staff_not_working_the_report_are_asked_for_a_reason_first(client, report):
    handler = staff_user(username="met-handler", force_code=MET, role=Role.CONTACT_HANDLER)
    verified_client(client, handler)

    for response in (
        client.get(new_referral_url(report)),
        client.post(new_referral_url(report), referral_form(report)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("reporting:staff_report_reason", args=[report.reference]))
    assert not Referral.objects.filter(report=report).exists()

    # Once they have given a reason, they may.
    client.post(reverse("reporting:staff_report_reason", args=[report.reference]), {"reason": "triage"})
    response = client.post(new_referral_url(report), referral_form(report))
    assert response.status_code == 302
    assert Referral.objects.filter(report=report).count() == 1


def test_the_assignee_can_refer(client, report):
    officer = staff_user(username="met-officer", force_code=MET, role=Role.CASE_OFFICER)
    report_claim(member=member_of(officer), report=report)
    verified_client(client, officer)

    assert client.get(new_referral_url(report)).status_code == 200
    response = client.post(new_referral_url(report), referral_form(report))

    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:staff_report", args=[report.reference])
    assert Referral.objects.filter(report=report).count() == 1


def test_supervisors_see_the_officers_referral_actions_in_the_audit(client, report):
    officer = staff_user(username="met-officer", force_code=MET, role=Role.CASE_OFFICER)
    supervisor = staff_user(username="met-supervisor", force_code=MET, role=Role.SUPERVISOR)
    report_claim(member=member_of(officer), report=report)
    verified_client(client, officer)
    client.get(reverse("support:force_referrals"))
    client.get(new_referral_url(report))
    client.post(new_referral_url(report), referral_form(report))
    referral = Referral.objects.get(report=report)

    client.logout()
    verified_client(client, supervisor)
    officers_trail = client.get(reverse("reporting:staff_audit", args=[officer.pk])).content.decode()
    reports_trail = client.get(reverse("reporting:staff_report_audit", args=[report.reference])).content.decode()

    for action in ("referral.list", "referral.view_form", "referral.create"):
        assert action in officers_trail, action
    for action in ("referral.view_form", "referral.create"):
        assert action in reports_trail, action
    assert str(referral.pk) in reports_trail and "Victim Care Test" in reports_trail
