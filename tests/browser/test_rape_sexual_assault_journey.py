"""Report rape or sexual assault in a real browser, with and without JavaScript: saving and
coming back with the code, a branch (recent, so advice on care and evidence first), an error
put right, a change from check your answers, sending to the right force with its 12-hour
clock; and an anonymous report that keeps none of the contact details typed before.

With JavaScript on, axe-core checks every page on the way, error states included; every
page of the journey is also checked on its own, reached directly.

The helpers here (JourneyWalker, send_after_saving_and_coming_back, check_page) are shared
by the Clare's Law and Sarah's Law browser tests.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from reporting.engine import DateInput
from reporting.journeys import JOURNEYS
from reporting.models import Draft, Report
from support.directory.services import national_services_sync
from tests.browser.accessibility import assert_accessible
from tests.browser.test_domestic_abuse_journey import Walker, fill, page_slug, press
from tests.factories import session_with_draft_reaching

JOURNEY = "rape-sexual-assault"
CODE = re.compile(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")

WITH_MY_DETAILS = {
    "in-danger": {"in_danger": "no"},
    "how-to-report": {"report_mode": "myself"},
    "recent": {"recent": "yes"},
    "your-name": {"your_name": "Robin"},
    "what-happened": {"what_happened": "I was assaulted after a night out.\nI do not remember all of it."},
    "when": {"when_roughly": "yesterday", "when_detail": "Friday night"},
    "where": {"where": "known_place"},
    "incident-postcode": {"incident_postcode": "sw1a 1aa"},
    "person-known": {"person_known": "known"},
    "relationship": {"relationship": "date"},
    "person-details": {"person_name": "Jo"},
    "contact-methods": {"contact_methods": ["call", "text"]},
    "contact-phone": {"phone": "07700 900982"},
    "safe-times": {"safe_days": ["weekdays"], "safe_times": ["evening"]},
    "callback": {"callback": "chosen", "callback_time": "Tuesday after 6pm"},
    "trusted-person": {"trusted_contact": "no"},
    "language": {"interpreter": "no"},
    "officer": {"officer_gender": "female"},
    "support": {"support_referrals": ["isva", "sarc"]},
    "support-share-account": {"support_share_account": "no"},
}


@pytest.fixture(autouse=True)
def support_listed(db):
    """The national support services, so pages that signpost them show them (and axe-core
    checks them too)."""
    national_services_sync()


class JourneyWalker(Walker):
    """The domestic abuse journey's walker, for any journey's start page."""

    def __init__(self, page, *, journey: str, check_accessibility: bool):
        super().__init__(page, check_accessibility=check_accessibility)
        self.start_url = f"/report/{journey}/"

    def start(self) -> None:
        self.page.goto(self.start_url)
        self.check()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Start now").click()


def send_after_saving_and_coming_back(visitor_factory, *, journey: str, javascript: bool, scenario: dict) -> Report:
    """Starts, saves at scenario["save_at"], comes back in a new browser with the code,
    makes and puts right scenario["mistake"], makes scenario["change"] from check your
    answers, and sends. Returns the report."""
    answers = scenario["answers"]
    application = JOURNEYS[journey].application
    first = visitor_factory(javascript=javascript).page
    walker = JourneyWalker(first, journey=journey, check_accessibility=javascript)
    walker.start()
    walker.answer_until(answers, scenario["save_at"])
    fill(first, answers[scenario["save_at"]])
    press(first, "Save and come back later")
    code = first.locator("#return-code").inner_text().strip()
    assert CODE.fullmatch(code)
    walker.check("save page")
    first.context.close()

    later = visitor_factory(javascript=javascript).page
    walker = JourneyWalker(later, journey=journey, check_accessibility=javascript)
    later.goto(walker.start_url)
    later.get_by_role("link", name="Continue a saved application" if application else "Continue a saved report").click()
    later.wait_for_url("**/resume/")
    walker.check("resume page")
    later.get_by_label("Enter your code").fill(code.lower().replace("-", " "))
    press(later, "Continue")
    saved_page = scenario["save_at"]
    assert page_slug(later) == saved_page
    for name, value in answers[saved_page].items():
        if isinstance(value, str):
            assert later.locator(f"[name='{name}']").first.input_value() == value
    press(later, "Continue")

    slug, wrong, message = scenario["mistake"]
    walker.answer_until(answers, "check-your-answers", mistakes={slug: (wrong, message)})
    assert page_slug(later) == "check-your-answers"
    walker.check("check your answers")

    label, change_slug, new_answer = scenario["change"]
    later.get_by_role("link", name=f"Change {label}", exact=True).click()
    later.wait_for_url(f"**/{change_slug}/?change=1")
    walker.check(f"{change_slug} from check your answers")
    fill(later, new_answer)
    press(later, "Continue")
    walker.answer_until(answers, "check-your-answers")
    assert scenario["changed_answer"] in later.locator("main").inner_text()

    press(later, "Send application" if application else "Send report")
    assert page_slug(later) == "sent"
    reference = later.locator("#reference").inner_text().strip()
    walker.check("confirmation")
    assert not Draft.objects.exists()
    report = Report.objects.get(reference=reference)
    scenario["confirmation"] = later.locator("main").inner_text()
    return report


def clocks(report) -> dict:
    return {clock.milestone: clock.due_at - report.submitted_at for clock in report.clocks.all()}


def check_page(visitor, *, journey: str, slug: str) -> None:
    """One page, reached directly with a draft that has just got there: axe-core on it, on
    its error state when it has a required question, and on a wrong date when it has one."""
    visitor.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_with_draft_reaching(slug, journey=journey),
                "url": visitor.base_url,
            }
        ]
    )
    page = visitor.page
    page.goto(f"/report/{journey}/{slug}/")
    assert page_slug(page) == slug
    assert_accessible(page, slug)
    questions = JOURNEYS[journey].flow.page(slug).questions
    if any(question.required for question in questions):
        press(page, "Continue")
        assert page.locator(".govuk-error-summary").is_visible()
        target = page.locator(".govuk-error-summary__list a").first.get_attribute("href")
        assert page.locator(target).count() == 1
        assert_accessible(page, f"{slug} with errors")
    dates = [question for question in questions if isinstance(question, DateInput)]
    if dates:
        page.goto(f"/report/{journey}/{slug}/")
        page.locator(f"[name='{dates[0].name}_0']").fill("31")
        page.locator(f"[name='{dates[0].name}_1']").fill("2")
        page.locator(f"[name='{dates[0].name}_2']").fill("2001")
        press(page, "Continue")
        assert "Enter a real date" in page.locator(".govuk-error-summary").inner_text()
        page.locator(".govuk-error-summary__list a").first.click()
        assert page.evaluate("document.activeElement.name") == f"{dates[0].name}_0"
        assert_accessible(page, f"{slug} with a wrong date")


# --- with my details ----------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_report_can_be_saved_resumed_corrected_changed_and_sent_to_the_right_force(
    visitor_factory, forces, javascript
):
    scenario = {
        "answers": WITH_MY_DETAILS,
        "save_at": "what-happened",
        "mistake": ("contact-phone", {"phone": "call me"}, "Enter a phone number, like 07700 900 982"),
        "change": ("Knew the person", "person-known", {"person_known": "stranger"}),
        "changed_answer": "No, they were a stranger",
    }

    report = send_after_saving_and_coming_back(
        visitor_factory, journey=JOURNEY, javascript=javascript, scenario=scenario
    )

    assert (report.force.code, report.report_type) == ("E23000001", JOURNEY)
    assert clocks(report) == {"first_contact": timedelta(hours=12)}
    values = report.answers["values"]
    assert values["person_known"] == "stranger"
    # The branch the change closed is not sent.
    assert "relationship" not in values
    assert values["support_referrals"] == ["isva", "sarc"]
    assert values["callback_time"] == "Tuesday after 6pm"
    assert report.risk_indicators == ["within_7_days"]
    confirmation = scenario["confirmation"]
    assert "They will contact you within 12 hours, or at the time you chose" in confirmation.replace("\xa0", " ")
    assert "You can stop at any time." in confirmation
    assert "Sexual assault referral centres (SARCs)" in confirmation


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_advice_on_care_and_evidence_comes_first_when_it_was_recent(visitor_factory, forces, javascript):
    page = visitor_factory(javascript=javascript).page
    walker = JourneyWalker(page, journey=JOURNEY, check_accessibility=javascript)
    walker.start()

    walker.answer_until(WITH_MY_DETAILS, "medical-care-and-evidence")

    assert walker.visited == ["in-danger", "how-to-report", "recent"]
    text = page.locator("main").inner_text()
    assert "You can go to a SARC without reporting to the police." in text
    assert "store it while you decide whether to report" in text
    assert "Sexual assault referral centres (SARCs)" in text
    walker.check("medical care and evidence")


# --- anonymously -----------------------------------------------------------------------------------

NAME_CANARY = "Canary-Name-5519"
PHONE_CANARY = "07700 900519"
NAMED_FIRST = {
    **WITH_MY_DETAILS,
    "recent": {"recent": "no"},
    "when": {"when_roughly": "long_ago"},
    "your-name": {"your_name": NAME_CANARY},
    "contact-methods": {"contact_methods": ["call"]},
    "contact-phone": {"phone": PHONE_CANARY},
    "trusted-person": {"trusted_contact": "yes"},
    "trusted-person-details": {"trusted_name": NAME_CANARY, "trusted_phone": PHONE_CANARY},
    "support": {"support_referrals": ["isva"]},
}


def raw_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - the table names are constants
        return repr(cursor.fetchall())


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_switching_to_anonymous_after_typing_contact_details_stores_none_of_them(visitor_factory, forces, javascript):
    page = visitor_factory(javascript=javascript).page
    walker = JourneyWalker(page, journey=JOURNEY, check_accessibility=javascript)
    walker.start()
    walker.answer_until(NAMED_FIRST, "check-your-answers")
    assert NAME_CANARY in page.locator("main").inner_text()

    page.get_by_role("link", name="Change How you are reporting", exact=True).click()
    page.wait_for_url("**/how-to-report/?change=1")
    fill(page, {"report_mode": "anonymous"})
    press(page, "Continue")
    assert page_slug(page) == "anonymous"
    assert (
        "If you gave us any contact details before choosing this, we have deleted them."
        in page.locator("main").inner_text()
    )
    walker.check("reporting anonymously")
    press(page, "Continue")
    assert page_slug(page) == "check-your-answers"
    check = page.locator("main").inner_text()
    assert NAME_CANARY not in check
    assert PHONE_CANARY not in check
    walker.check("check your answers, anonymous")

    press(page, "Send report")

    assert page_slug(page) == "sent"
    assert "You reported anonymously" in page.locator("main").inner_text()
    walker.check("confirmation, anonymous")
    report = Report.objects.get(reference=page.locator("#reference").inner_text().strip())
    assert report.answers["values"]["report_mode"] == "anonymous"
    for canary in (NAME_CANARY, PHONE_CANARY):
        assert canary not in repr(report.answers)
        assert canary not in raw_rows("reporting_report")
        assert canary not in raw_rows("reporting_draft")
    assert not {"your_name", "phone", "contact_methods", "trusted_name", "support_referrals"} & set(
        report.answers["values"]
    )
    assert clocks(report) == {"first_contact": timedelta(hours=12)}


# --- every page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [page.slug for page in JOURNEYS[JOURNEY].flow.pages])
def test_every_page_of_the_journey_is_accessible_including_its_error_state(visitor, forces, slug):
    check_page(visitor, journey=JOURNEY, slug=slug)
