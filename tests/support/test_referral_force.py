"""The force's side of referrals: a report's referrals and their status on the report page
(the template tag), the force's list with overdue referrals first, and an officer referring
a report later, recording how the person agreed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from portal.models import AuditEvent
from portal.refusals import Refused
from reporting.models import Force, StaffMember
from reporting.services import report_claim, report_transfer_request
from support.models import ConsentMethod, Referral
from support.referrals.services import (
    REFERRAL_NOT_ALLOWED,
    referral_accept,
    referral_create_by_officer,
    referral_decline,
)
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    agency_user,
    member_of,
    referred_report,
    signed_in,
    staff_user,
    support_agency,
)

MET = "E23000001"
BOTH = dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service", "victim_service", "housing"])


@pytest.fixture
def agencies(forces):
    da = support_agency("Women's Aid Test", routes=((MET, "domestic_abuse"),))
    victims = support_agency("Victim Care Test", routes=((MET, "victim_support"),))
    return {"da": da, "victims": victims, "da_worker": agency_user(da), "victims_worker": agency_user(victims)}


@pytest.fixture
def officer(forces):
    return staff_user(username="case-officer", force_code=MET, role=StaffMember.Role.CASE_OFFICER)


def render_tag(report, user) -> str:
    request = RequestFactory().get("/staff/")
    request.user = user
    template = Template("{% load referrals %}{% report_referrals report %}")
    return template.render(Context({"report": report, "request": request}))


def test_the_force_sees_each_referrals_outcome_on_the_report(agencies, officer):
    report = referred_report(BOTH)
    referral_accept(referral=Referral.objects.get(report=report, kind="domestic_abuse"), user=agencies["da_worker"])
    referral_decline(
        referral=Referral.objects.get(report=report, kind="victim_support"),
        user=agencies["victims_worker"],
        reason="We cannot reach people by letter only",
    )

    html = render_tag(report, officer)

    assert "Referrals to support services" in html
    assert "Women&#x27;s Aid Test" in html and "Accepted" in html
    assert "Victim Care Test" in html and "Declined" in html
    assert "We cannot reach people by letter only" in html
    assert "On the online form" in html
    # Asked for, but no agency in the area receives it: the officer refers another way.
    assert "Housing or refuge service" in html
    assert reverse("support:officer_referral_new", args=[report.pk]) in html


def test_the_report_page_flags_an_overdue_referral(agencies, officer, time_machine):
    report = referred_report(BOTH)
    referral = Referral.objects.get(report=report, kind="domestic_abuse")
    time_machine.move_to(referral.due_at + timedelta(minutes=1))

    html = render_tag(report, officer)

    assert "Overdue" in html
    assert "has not been picked up within 2 working days" in html


def test_the_tag_shows_nothing_to_anyone_but_the_reports_force(agencies, officer):
    report = referred_report(BOTH)
    from django.contrib.auth.models import AnonymousUser

    for user in (
        agencies["da_worker"],
        staff_user(username="south-wales", force_code="W15000003"),
        AnonymousUser(),
    ):
        assert render_tag(report, user).strip() == ""
    assert "Women" in render_tag(report, officer)


def test_the_tag_runs_a_fixed_number_of_queries(agencies, officer, django_assert_max_num_queries):
    report = referred_report(BOTH)
    with django_assert_max_num_queries(4):
        render_tag(report, officer)


# --- The force's list ---------------------------------------------------------------------


def test_the_forces_list_puts_overdue_referrals_first(client, agencies, officer, time_machine):
    first = referred_report(BOTH)
    referral_accept(referral=Referral.objects.get(report=first, kind="domestic_abuse"), user=agencies["da_worker"])
    time_machine.move_to(Referral.objects.filter(report=first).first().due_at + timedelta(hours=1))
    second = referred_report(BOTH)

    page = signed_in(client, officer).get(reverse("support:force_referrals")).content.decode()

    assert "1 referral is overdue." in page
    assert page.index(first.reference) < page.index(second.reference)
    assert page.count("Overdue") >= 2  # the warning and the tag
    assert AuditEvent.objects.filter(actor=officer, action="referral.list", object_type="force").count() == 1


def test_the_forces_list_runs_the_same_queries_for_one_referral_or_many(
    client, agencies, officer, django_assert_max_num_queries
):
    referred_report(BOTH)
    signed_in(client, officer)
    # Session, user, device, agency or force, the list, the audit row (and PostgreSQL's
    # advisory lock for it), the session saved: 16 at most, however many referrals.
    with django_assert_max_num_queries(16) as one:
        client.get(reverse("support:force_referrals"))
    for _ in range(10):
        referred_report(BOTH)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("support:force_referrals"))
    assert response.status_code == 200


def test_force_staff_move_between_their_reports_and_referrals_from_the_menu(client, agencies, officer):
    signed_in(client, officer)
    menu = [f'href="{reverse("reporting:staff_queue")}"', f'href="{reverse("support:force_referrals")}"']
    for page in (reverse("reporting:staff_queue"), reverse("support:force_referrals")):
        html = client.get(page).content.decode()
        assert all(link in html for link in menu), page


# --- Referring later ----------------------------------------------------------------------


def new_referral_url(report):
    return reverse("support:officer_referral_new", args=[report.pk])


def working_on(report, officer):
    """The report claimed by the officer: only staff working a report refer it."""
    report_claim(member=member_of(officer), report=report)
    return report


def test_an_officer_refers_a_report_later_recording_how_the_person_agreed(
    client, agencies, officer, django_capture_on_commit_callbacks
):
    report = working_on(referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"])), officer)
    signed_in(client, officer)

    form = client.get(new_referral_url(report))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Specialist domestic abuse service" in page and "Victim Care Test" in page
    route = agencies["victims"].routes.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new_referral_url(report), {"route": route.pk, "consent_method": "officer_phone"})

    assert response.status_code == 302
    assert response["Location"] == f"/staff/reports/{report.reference}/"
    referral = Referral.objects.get(report=report)
    assert referral.agency == agencies["victims"]
    assert referral.consent_method == ConsentMethod.OFFICER_PHONE
    assert referral.consent_recorded_by == officer
    assert referral.consent_option == ""
    assert referral.due_at.date() >= report.submitted_at.date()
    # Safe days and times are shared as "not given" when the person skipped them (issue 11).
    assert set(referral.shared) <= {"reference", "report_type", "force", "first_name", "contact_methods", "phone"} | {
        "voicemail_safe",
        "safe_days",
        "safe_times",
    }
    assert [message.to for message in mail.outbox] == [["referrals@agency.example"]]
    actions = list(
        AuditEvent.objects.filter(actor=officer, action__startswith="referral.").values_list(
            "action", "object_type", "object_id", "organisation"
        )
    )
    assert actions == [
        ("referral.view_form", "report", report.reference, MET),
        ("referral.create", "report", report.reference, MET),
    ]
    assert "To a police officer, by phone" in render_tag(report, officer)


def test_the_officers_form_says_what_is_missing(client, agencies, officer):
    report = working_on(referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"])), officer)
    signed_in(client, officer)

    response = client.post(new_referral_url(report), {})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Select the service they agreed to be referred to" in page
    assert "Select how they agreed to the referral" in page
    assert 'href="#id_route_1"' in page
    assert not Referral.objects.filter(report=report).exists()


def test_a_service_already_referred_is_not_offered_until_it_is_declined(client, agencies, officer):
    report = working_on(
        referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service"])), officer
    )
    signed_in(client, officer)
    assert "Women" not in client.get(new_referral_url(report)).content.decode()

    referral_decline(referral=Referral.objects.get(report=report), user=agencies["da_worker"], reason="Full")

    assert "Women" in client.get(new_referral_url(report)).content.decode()
    again = referral_create_by_officer(
        report=report, kind="domestic_abuse", consent_method="officer_in_person", officer=officer
    )
    assert again.status == Referral.Status.NEW
    assert Referral.objects.filter(report=report).count() == 2


def test_a_report_made_for_someone_else_cannot_be_referred(client, agencies, officer):
    report = working_on(referred_report(dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else")), officer)

    with pytest.raises(Refused) as refused:
        referral_create_by_officer(
            report=report, kind="domestic_abuse", consent_method="officer_phone", officer=officer
        )
    assert refused.value.reason == REFERRAL_NOT_ALLOWED
    page = signed_in(client, officer).get(new_referral_url(report)).content.decode()
    assert "it holds no contact details of their own" in page
    assert '<form method="post" novalidate>' not in page


def test_only_the_reports_own_force_can_refer_it(agencies):
    report = referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"]))
    stranger = staff_user(username="stranger", force_code="W15000003")

    with pytest.raises(PermissionError):
        referral_create_by_officer(
            report=report, kind="domestic_abuse", consent_method="officer_phone", officer=stranger
        )
    with pytest.raises(PermissionError):
        referral_create_by_officer(
            report=report, kind="domestic_abuse", consent_method="officer_phone", officer=agencies["da_worker"]
        )


def test_an_officer_cannot_claim_the_online_form_or_a_service_with_no_agency(agencies, officer):
    report = referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["none"]))

    with pytest.raises(ValueError):
        referral_create_by_officer(report=report, kind="domestic_abuse", consent_method="online_form", officer=officer)
    with pytest.raises(Refused) as refused:
        referral_create_by_officer(report=report, kind="housing", consent_method="officer_phone", officer=officer)
    assert refused.value.reason == REFERRAL_NOT_ALLOWED


def test_a_report_offered_to_another_force_stays_on_the_sending_forces_list_only(client, agencies):
    """The receiving force's supervisors may read a report offered to them, to decide; its
    referrals are still the sending force's to follow up, so they are not on their list."""
    report = referred_report(BOTH)
    met_supervisor = staff_user(force_code=MET, role=StaffMember.Role.SUPERVISOR)
    report_transfer_request(
        member=member_of(met_supervisor), report=report, to_force=Force.objects.get(code="W15000003"), reason="Moved"
    )
    receiving = staff_user(force_code="W15000003", role=StaffMember.Role.SUPERVISOR)

    theirs = signed_in(client, receiving).get(reverse("support:force_referrals")).content.decode()
    ours = signed_in(client, met_supervisor).get(reverse("support:force_referrals")).content.decode()

    assert report.reference not in theirs
    assert report.reference in ours
