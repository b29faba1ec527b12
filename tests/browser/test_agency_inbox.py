"""Referrals end to end in a real browser: a report that consents to two services reaches
both agencies' inboxes (and each agency's email says only that a referral is waiting); each
agency signs in with its password and security code, one accepts and the other declines;
the force then sees both outcomes.

axe-core checks the inbox, a referral, every form in its error state, the force's list, and
the referrals section of the force's report page (the rest of that page is the triage work's).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from reporting.models import StaffMember
from reporting.services import forces_sync
from support.models import Referral
from tests.browser.accessibility import WCAG_A_AA, assert_accessible
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    PASSWORD,
    agency_user,
    current_code,
    staff_user,
    submitted_report,
    support_agency,
)

MET = "E23000001"


@pytest.fixture
def referred(audit_trail_emptied_afterwards):
    forces_sync()
    women = support_agency("Women's Aid Test", routes=((MET, "domestic_abuse"), (MET, "housing")))
    victims = support_agency(
        "Victim Care Test", routes=((MET, "victim_support"),), notification_email="new@victimcare.example"
    )
    # Sent as the journey sends it: the outbox runs the referral handler after the commit.
    report = submitted_report(
        dict(
            DOMESTIC_ABUSE_ANSWERS,
            your_name="Alex Jordan",
            support_referrals=["domestic_abuse_service", "victim_service"],
        )
    )
    return {
        "report": report,
        "women": agency_user(women, username="women-worker"),
        "victims": agency_user(victims, username="victims-worker"),
        "officer": staff_user(username="met-officer", force_code=MET, role=StaffMember.Role.CASE_OFFICER),
    }


def sign_in(page, user, *, to: str) -> None:
    page.goto(to)
    page.wait_for_url("**/staff/sign-in/?next=*")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/sign-in/code/**")
    page.get_by_label("Security code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{to}")


def open_the_referral(page, report) -> None:
    page.get_by_role("link", name=report.reference).click()
    page.wait_for_url("**/agency/referrals/*/")
    assert page.get_by_role("heading", name=f"Referral {report.reference}").is_visible()


def test_two_agencies_accept_and_decline_and_the_force_sees_both(visitor_factory, referred):
    report = referred["report"]
    assert set(Referral.objects.filter(report=report).values_list("kind", flat=True)) == {
        "domestic_abuse",
        "victim_support",
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["new@victimcare.example", "referrals@agency.example"]
    assert all(report.reference not in message.body and "Alex" not in message.body for message in mail.outbox)

    # The domestic abuse service accepts.
    page = visitor_factory().page
    sign_in(page, referred["women"], to="/agency/")
    assert page.get_by_role("link", name=report.reference).is_visible()
    assert_accessible(page, "agency inbox")
    open_the_referral(page, report)
    assert page.get_by_text("07700 900982").is_visible()
    assert page.get_by_text("He pushed me").count() == 0
    assert_accessible(page, "a referral")

    page.get_by_role("button", name="Record first contact").click()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record first contact").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "first contact with an error")
    page.get_by_role("link", name="Back to the referral").click()

    page.get_by_role("button", name="Accept referral").click()
    assert page.get_by_text("You have accepted the referral").is_visible()
    assert page.locator(".govuk-tag", has_text="Accepted").is_visible()
    assert_accessible(page, "an accepted referral")

    # The victims' service declines, after first forgetting the reason.
    page = visitor_factory().page
    sign_in(page, referred["victims"], to="/agency/")
    open_the_referral(page, report)
    page.get_by_role("button", name="Decline referral").click()
    page.wait_for_url("**/decline/")
    assert_accessible(page, "decline")
    page.get_by_role("button", name="Decline referral").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.locator(".govuk-error-message", has_text="Enter why you are declining the referral").is_visible()
    assert_accessible(page, "decline with an error")
    page.get_by_role("link", name="Enter why you are declining the referral").click()
    page.keyboard.type("We only support people in Camden")
    page.get_by_role("button", name="Decline referral").click()
    assert page.get_by_text("You have declined the referral").is_visible()
    assert_accessible(page, "a declined referral")

    # The force sees both outcomes, and the reason.
    page = visitor_factory().page
    sign_in(page, referred["officer"], to="/staff/referrals/")
    rows = page.locator("tbody tr", has_text=report.reference)
    assert rows.count() == 2
    assert page.locator("tbody tr", has_text="Women's Aid Test").locator(".govuk-tag", has_text="Accepted").is_visible()
    assert page.locator("tbody tr", has_text="Victim Care Test").locator(".govuk-tag", has_text="Declined").is_visible()
    assert_accessible(page, "the force's referrals")

    # On the report itself, too (the triage work's report page, which includes our tag).
    page.goto(f"/staff/reports/{report.reference}/")
    if "/reason/" in page.url:  # not assigned to this officer: they say why they open it
        page.locator("input[name=reason]").first.check()
        page.get_by_role("button", name="Open the report").click()
        page.wait_for_url(f"**/staff/reports/{report.reference}/")
    section = page.locator(".waymark-report-referrals")
    assert section.locator("tr", has_text="Women's Aid Test").locator(".govuk-tag", has_text="Accepted").is_visible()
    assert section.locator("tr", has_text="Victim Care Test").locator(".govuk-tag", has_text="Declined").is_visible()
    assert section.get_by_text("We only support people in Camden").is_visible()
    results = Axe().run(
        page, context=".waymark-report-referrals", options={"runOnly": {"type": "tag", "values": WCAG_A_AA}}
    )
    assert results.violations_count == 0, results.generate_report()

    # And can refer the person to the service they have not been referred to yet.
    page.goto(f"/staff/referrals/{report.pk}/new/")
    assert page.get_by_label("Housing or refuge service").is_visible()
    page.get_by_role("button", name="Make referral").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "an officer's referral with errors")

    outcomes = dict(Referral.objects.filter(report=report).values_list("kind", "status"))
    assert outcomes == {"domestic_abuse": "accepted", "victim_support": "declined"}
    assert (
        Referral.objects.get(report=report, kind="victim_support").decline_reason == "We only support people in Camden"
    )


def test_the_inbox_works_without_javascript(visitor_factory, referred):
    page = visitor_factory(javascript=False).page
    sign_in(page, referred["women"], to="/agency/")
    open_the_referral(page, referred["report"])

    page.get_by_role("button", name="Accept referral").click()

    assert page.get_by_text("You have accepted the referral").is_visible()
