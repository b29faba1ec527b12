"""The staff triage pages in a real browser: no axe-core violations, the queue and a report
worked with the keyboard alone, and answers holding script never running."""

import pytest

from reporting import services
from reporting.models import Report, StaffMember
from reporting.triage import THRIVE_FACTORS
from tests.browser.accessibility import assert_accessible
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    PASSWORD,
    current_code,
    grade_schemes,
    member_of,
    queued_report,
    staff_user,
)

Role = StaffMember.Role
TAB_LIMIT = 200


def sign_in(page, user):
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/sign-in/code/")
    page.get_by_label("Security code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/staff/queue/")


def tab_to(page, text: str, *, role: str | None = None) -> None:
    """Presses Tab until the focused element's text starts with `text`: how someone without a
    mouse gets there. Fails if it is never reached."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.innerText || document.activeElement.value || '',"
            " document.activeElement.tagName, document.activeElement.type || '']"
        )
        if focused[0].strip().startswith(text) and (role is None or focused[1].lower() == role):
            return
    raise AssertionError(f"Never reached {text!r} with the Tab key")


def tab_to_field(page, name: str) -> None:
    """Presses Tab until the focus is in the form field called `name`."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name || ''") == name:
            return
    raise AssertionError(f"Never reached the field {name!r} with the Tab key")


@pytest.fixture
def staff(audit_trail_emptied_afterwards, forces):
    grade_schemes()
    return {role: staff_user(force_code=MET, role=role, username=f"met-{role}") for role in Role}


def test_a_handler_claims_and_works_a_report_with_the_keyboard_only(page, staff):
    queued_report(dict(DOMESTIC_ABUSE_ANSWERS, in_danger="yes"))
    queued_report()
    sign_in(page, staff[Role.CONTACT_HANDLER])
    page.goto("/staff/queue/")
    assert_accessible(page, "queue")

    tab_to(page, "Claim the next report", role="button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/reports/*/")
    assert page.get_by_text("Do NOT leave a voicemail.").is_visible()
    assert_accessible(page, "report view")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]

    tab_to(page, "THRIVE assessment", role="a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thrive/")
    assert_accessible(page, "THRIVE form")
    tab_to(page, "Save assessment", role="button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "THRIVE form with errors")
    for factor in THRIVE_FACTORS:
        # Into the factor's radios (Low), two arrows along to High, then a note.
        tab_to_field(page, f"{factor}_level")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
        page.keyboard.type(f"{factor}: noted")
    tab_to(page, "Save assessment", role="button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/reports/{reference}/")
    assert page.get_by_text("THRIVE assessment saved.").is_visible()

    tab_to(page, "Grade", role="a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/grade/")
    assert_accessible(page, "grade form")
    tab_to_field(page, "grade")
    page.keyboard.press("Space")  # the first grade: Emergency
    tab_to_field(page, "rationale")
    page.keyboard.type("Threats to kill and he is on his way")
    tab_to(page, "Save grade", role="button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/reports/{reference}/")
    assert page.get_by_text("Pass this report to the control room now").is_visible()
    assert_accessible(page, "report with the emergency banner")

    report = Report.objects.get(reference=reference)
    assert report.grade.code == "emergency"
    assert report.thrive_assessments.get().factors["harm"] == {"level": "high", "note": "harm: noted"}


def test_the_reason_page_and_the_supervisors_pages_are_accessible(page, staff):
    report = queued_report()
    sign_in(page, staff[Role.SUPERVISOR])

    page.goto(f"/staff/reports/{report.reference}/")
    page.wait_for_url("**/reason/**")
    assert_accessible(page, "reason")
    page.get_by_role("button", name="Open the report").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "reason with error")
    page.get_by_label("Supervising or reviewing the case").check()
    page.get_by_role("button", name="Open the report").click()
    page.wait_for_url(f"**/staff/reports/{report.reference}/")

    for path, label in (
        (f"/staff/reports/{report.reference}/assign/", "assign"),
        (f"/staff/reports/{report.reference}/status/", "status"),
        (f"/staff/reports/{report.reference}/notes/", "note"),
        (f"/staff/reports/{report.reference}/transfer/", "transfer"),
        (f"/staff/reports/{report.reference}/audit/", "audit of a report"),
        ("/staff/audit/staff/", "audit staff list"),
        (f"/staff/audit/staff/{staff[Role.SUPERVISOR].pk}/", "audit of a member of staff"),
        ("/staff/dashboard/", "dashboard"),
        ("/staff/reports/search/?reference=ZZZZ-ZZZZ", "search"),
        ("/staff/queue/?status=incoming", "incoming transfers"),
    ):
        page.goto(path)
        assert_accessible(page, label)


def test_script_in_answers_never_runs_on_the_staff_pages(page, staff):
    payloads = ["<script>window.__xss = 1; alert('x')</script>", '<img src=x onerror="window.__xss=2;alert(2)">']
    report = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, your_name=payloads[0], what_happened="\n".join(payloads)))
    services.report_claim(member=member_of(staff[Role.SUPERVISOR]), report=report)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, staff[Role.SUPERVISOR])

    page.goto("/staff/queue/?status=in_triage")
    page.goto(f"/staff/reports/{report.reference}/")

    assert page.get_by_text(payloads[0]).first.is_visible()
    assert page.evaluate("() => window.__xss") is None
    assert dialogs == []


def test_a_report_about_someone_else_shows_how_to_approach_them_accessibly(page, staff):
    report = queued_report(
        dict(
            DOMESTIC_ABUSE_ANSWERS,
            who_for="someone_else",
            they_know="no",
            support_referrals=None,
            age_band="13_to_15",
            approach_direct="no",
            approach_safe_times="Weekday mornings",
        )
    )
    sign_in(page, staff[Role.SUPERVISOR])

    page.goto(f"/staff/reports/{report.reference}/")
    page.wait_for_url("**/reason/**")
    page.get_by_label("Supervising or reviewing the case").check()
    page.get_by_role("button", name="Open the report").click()
    page.wait_for_url(f"**/staff/reports/{report.reference}/")

    panel = page.get_by_role("region", name="Before approaching the person at risk")
    assert "Do not contact the person directly" in panel.inner_text()
    assert "A child (under 18): 13 to 15" in page.locator("#age-band").inner_text()
    assert_accessible(page, "report about someone else, a child")
