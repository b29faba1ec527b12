"""Following a sent report in a real browser (issue 13): a person sends a report and is shown
a private code once; an officer sends them a message; the person comes back in a fresh browser
with the reference and code, reads it, replies and adds information; the officer sees both.
With JavaScript on (axe-core on every page of the area) and off."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from reporting import services
from reporting.models import Report, StaffMember
from tests.browser.accessibility import assert_accessible
from tests.browser.test_triage import sign_in as staff_sign_in
from tests.factories import DOMESTIC_ABUSE_ANSWERS, MET, draft_with_answers, member_of, staff_user

CHECK = "/report/domestic-abuse/check-your-answers/"


def send_a_report(visitor) -> tuple[str, str]:
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)
    session = SessionStore()
    session["reporting.draft.domestic-abuse"] = str(draft.pk)
    session.create()
    visitor.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": visitor.base_url}]
    )
    page = visitor.page
    page.goto(CHECK)
    with page.expect_navigation():
        page.get_by_role("button", name="Send report", exact=True).click()
    assert page.url.endswith("/report/domestic-abuse/sent/")
    return page.locator("#reference").inner_text().strip(), page.locator("#follow-up-code").inner_text().strip()


def check(page, javascript: bool, label: str) -> None:
    if javascript:
        assert_accessible(page, label)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_person_follows_their_report_and_talks_with_the_officer(
    visitor_factory, forces, audit_trail_emptied_afterwards, javascript
):
    # The person sends a report, and is shown the code once.
    sender = visitor_factory(javascript=javascript)
    reference, code = send_a_report(sender)
    check(sender.page, javascript, "sent, with the code")
    sender.page.reload()
    assert sender.page.locator("#follow-up-code").count() == 0
    assert code not in sender.page.content()

    # An officer who has the report sends a message from the report page.
    officer = staff_user(force_code=MET, role=StaffMember.Role.CASE_OFFICER, username=f"officer-{javascript}")
    services.report_claim(member=member_of(officer), report=Report.objects.get(reference=reference))
    staff = visitor_factory(javascript=javascript)
    staff_sign_in(staff.page, officer)
    staff.page.goto(f"/staff/reports/{reference}/")
    check(staff.page, javascript, "staff report page, no messages")
    staff.page.get_by_role("button", name="Send message to the person").click()
    staff.page.wait_for_load_state()
    assert staff.page.get_by_text("Enter a message").first.is_visible()
    check(staff.page, javascript, "staff message form with an error")
    staff.page.get_by_label("Message to the person").fill("Is it safe to call you on Tuesday?")
    staff.page.get_by_role("button", name="Send message to the person").click()
    staff.page.wait_for_url(f"**/staff/reports/{reference}/**")
    assert staff.page.get_by_text("Is it safe to call you on Tuesday?").is_visible()

    # The person comes back in a fresh browser with the reference and code.
    person = visitor_factory(javascript=javascript)
    page = person.page
    page.goto("/your-report/")
    check(page, javascript, "sign in")
    page.get_by_label("Reference number").fill(reference)
    page.get_by_label("Private code").fill("2222-3333-4444")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("We cannot find a report with that reference and code").first.is_visible()
    check(page, javascript, "sign in, wrong code")
    page.get_by_label("Private code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/your-report/")
    assert page.title().startswith("Your report")
    assert page.get_by_text("Is it safe to call you on Tuesday?").is_visible()
    assert page.get_by_text("An officer has been given it").first.is_visible()
    assert page.get_by_role("button", name="Exit this page").first.is_visible() or not javascript
    check(page, javascript, "your report, with a new message")

    page.get_by_role("button", name="Reply").click()
    page.wait_for_url("**/your-report/reply/")
    check(page, javascript, "reply")
    page.get_by_label("Your message").fill("Yes, after 6pm.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_url("**/your-report/")
    assert page.get_by_text("Your message has been sent.").is_visible()
    check(page, javascript, "your report, after replying")

    page.get_by_role("button", name="Add information or a correction").click()
    page.wait_for_url("**/your-report/add-information/")
    check(page, javascript, "add information")
    page.get_by_label("What do you want to add or correct?").fill("It was Thursday, not Wednesday.")
    page.get_by_role("button", name="Add to my report").click()
    page.wait_for_url("**/your-report/")
    assert page.get_by_text("It was Thursday, not Wednesday.").is_visible()

    # The officer sees the reply and the addition, marked new.
    staff.page.goto(f"/staff/reports/{reference}/")
    assert staff.page.get_by_text("Yes, after 6pm.").is_visible()
    assert staff.page.get_by_text("It was Thursday, not Wednesday.").is_visible()
    assert staff.page.locator("#conversation ~ ol .govuk-tag--red").count() == 2
    check(staff.page, javascript, "staff report page with the conversation")
