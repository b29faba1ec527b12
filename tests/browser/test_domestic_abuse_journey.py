"""The whole domestic abuse journey in a real browser, with and without JavaScript, for a
victim and for someone reporting for another person: saving and coming back with the code,
an error put right, a change from check your answers, and sending.

With JavaScript on, axe-core checks every page on the way, error states included.
"""

import re

import pytest
from django.conf import settings

from reporting.journeys.domestic_abuse import DOMESTIC_ABUSE
from reporting.models import Draft, Report
from tests.browser.accessibility import assert_accessible
from tests.factories import session_with_draft_reaching

START = "/report/domestic-abuse/"

VICTIM = {
    "in-danger": {"in_danger": "no"},
    "who-for": {"who_for": "myself"},
    "your-name": {"your_name": "Alex"},
    "relationship": {"relationship": "ex_partner"},
    "kinds-of-abuse": {"abuse_kinds": ["controlling", "physical"]},
    "what-happened": {"what_happened": "He took my phone and pushed me into the door.\nIt has happened before."},
    "when": {"when_last": "this_week", "when_detail": "Saturday night"},
    "where": {"where": "known_place"},
    "incident-postcode": {"incident_postcode": "np16 1aa"},
    "choose-force": {"split_force": "W15000002"},
    "injuries": {"injured": "yes"},
    "injury-details": {"medical_help": "had", "injury_details": "Bruised arm"},
    "children": {"children": "yes"},
    "children-details": {"children_details": "Two children, aged 4 and 7"},
    "risk": {"risk_indicators": ["strangulation", "escalation"]},
    "person-details": {"person_name": "Jordan", "person_age": "about 35"},
    "person-lives-with": {"person_lives_with": "no"},
    "contact-methods": {"contact_methods": ["call", "text"]},
    "contact-phone": {"phone": "07700 900982"},
    "safe-times": {"safe_days": ["weekdays"], "safe_times": ["morning", "afternoon"]},
    "trusted-person": {"trusted_contact": "no"},
    "language": {"interpreter": "no"},
    "officer": {"officer_gender": "female"},
    "support": {"support_referrals": ["domestic_abuse_service", "housing"]},
    "copy": {"copy_safe": "yes"},
    "copy-how": {"copy_method": "download"},
}

SOMEONE_ELSE = {
    "in-danger": {"in_danger": "not_sure"},
    "who-for": {"who_for": "someone_else"},
    "about-them": {"their_name": "Priya", "they_know": "no"},
    "about-you": {"reporter_name": "Chris", "reporter_connection": "friend"},
    "age": {"age_band": "16_or_17"},
    "relationship": {"relationship": "partner"},
    "kinds-of-abuse": {"abuse_kinds": ["emotional", "economic"]},
    "what-happened": {"what_happened": "Her partner controls all of her money."},
    "when": {"when_last": "ongoing"},
    "where": {"where": "online"},
    "home-postcode": {"home_postcode": "LS1 4AP"},
    "injuries": {"injured": "not_sure"},
    "injury-details": {"medical_help": "not_sure"},
    "children": {"children": "no"},
    "risk": {"risk_indicators": ["separation"]},
    "person-lives-with": {"person_lives_with": "yes"},
    "approach-direct": {"approach_direct": "no"},
    "approach-safe-times": {"approach_safe_times": "Weekday mornings at college"},
    "approach-go-between": {"approach_go_between_name": "Dee", "approach_go_between_contact": "07700 900456"},
    "approach-anything-else": {"approach_notes": "Her partner reads her texts."},
    "contact-methods": {"contact_methods": ["email"]},
    "contact-email": {"email": "chris@example.com"},
    "trusted-person": {"trusted_contact": "yes"},
    "trusted-person-details": {"trusted_name": "Sam", "trusted_phone": "07700 900123"},
    "officer": {"officer_gender": "no_preference"},
    "copy": {"copy_safe": "no"},
}

# Where each person stops to save, the error they make and put right, and what they change.
SCENARIOS = {
    "victim": {
        "answers": VICTIM,
        "save_at": "what-happened",
        "mistake": ("incident-postcode", {"incident_postcode": "NP16 1A"}, "Enter a full UK postcode, like SW1A 1AA"),
        "change": ("Kinds of abuse", "kinds-of-abuse", {"abuse_kinds": ["controlling", "physical", "stalking"]}),
        "changed_answer": "Stalking or harassment",
        "force": "W15000002",
    },
    "someone else": {
        "answers": SOMEONE_ELSE,
        "save_at": "when",
        "mistake": ("contact-email", {"email": "chris.example.com"}, "Enter an email address in the correct format"),
        "change": ("Name of the person you are worried about", "about-them", {"their_name": "Priya K"}),
        "changed_answer": "Priya K",
        "force": "E23000010",
    },
}


def page_slug(page) -> str:
    return page.url.split("?")[0].rstrip("/").split("/")[-1]


def fill(page, answers: dict) -> None:
    """Sets each answer the way a person would: ticking, choosing and typing."""
    for name, value in answers.items():
        if isinstance(value, list):
            for box in page.locator(f"input[name='{name}']").all():
                box.set_checked(box.get_attribute("value") in value, force=True)
        elif page.locator(f"select[name='{name}']").count():
            page.locator(f"select[name='{name}']").select_option(value)
        elif page.locator(f"input[type='radio'][name='{name}']").count():
            page.locator(f"input[type='radio'][name='{name}'][value='{value}']").check(force=True)
        else:
            page.locator(f"[name='{name}']").fill(value)


def press(page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()


class Walker:
    """Drives one visitor through the journey, checking accessibility when it can."""

    def __init__(self, page, *, check_accessibility: bool):
        self.page = page
        self.check_accessibility = check_accessibility
        self.visited: list[str] = []

    def check(self, label: str = "") -> None:
        if self.check_accessibility:
            assert_accessible(self.page, label)

    def start(self) -> None:
        self.page.goto(START)
        self.check()
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Start now").click()

    def answer_until(self, answers: dict, stop: str, *, mistakes: dict | None = None) -> None:
        """Answers page after page until the page called `stop` (or check your answers)."""
        mistakes = mistakes or {}
        for _ in range(60):
            slug = page_slug(self.page)
            if slug in (stop, "check-your-answers"):
                return
            self.visited.append(slug)
            self.check()
            if slug in mistakes:
                wrong, message = mistakes.pop(slug)
                fill(self.page, wrong)
                press(self.page, "Continue")
                assert page_slug(self.page) == slug
                assert message in self.page.locator(".govuk-error-summary").inner_text()
                # What was typed is still there, next to the error.
                for name, value in wrong.items():
                    assert self.page.locator(f"[name='{name}']").input_value() == value
                self.check(f"{slug} with an error")
            fill(self.page, answers.get(slug, {}))
            press(self.page, "I am safe to carry on" if slug == "get-help-now" else "Continue")
        raise AssertionError(f"The journey did not end: {self.visited}")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("who", SCENARIOS)
def test_a_report_can_be_saved_resumed_corrected_changed_and_sent(visitor_factory, forces, who, javascript):
    scenario = SCENARIOS[who]
    answers = scenario["answers"]
    first = visitor_factory(javascript=javascript).page
    walker = Walker(first, check_accessibility=javascript)

    walker.start()
    walker.answer_until(answers, scenario["save_at"])
    fill(first, answers[scenario["save_at"]])
    press(first, "Save and come back later")
    code = first.locator("#return-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    walker.check("save page")
    first.context.close()

    # Later, perhaps on another device: a new browser with no session at all.
    later = visitor_factory(javascript=javascript).page
    walker = Walker(later, check_accessibility=javascript)
    later.goto(START)
    later.get_by_role("link", name="Continue a saved report").click()
    later.wait_for_url("**/resume/")
    walker.check("resume page")
    later.get_by_label("Enter your code").fill("2222-3333-4444")
    press(later, "Continue")
    assert "We cannot find a saved report with that code" in later.locator(".govuk-error-summary").inner_text()
    walker.check("resume page with an error")
    later.get_by_label("Enter your code").fill(code.lower().replace("-", " "))
    press(later, "Continue")
    # Back on the page where they stopped, with what they typed before saving.
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
    later.get_by_role("link", name=f"Change {label}").click()
    later.wait_for_url(f"**/{change_slug}/?change=1")
    walker.check(f"{change_slug} from check your answers")
    fill(later, new_answer)
    press(later, "Continue")
    assert page_slug(later) == "check-your-answers"
    assert scenario["changed_answer"] in later.locator("main").inner_text()

    press(later, "Send report")
    assert page_slug(later) == "sent"
    reference = later.locator("#reference").inner_text().strip()
    walker.check("confirmation")

    report = Report.objects.get(reference=reference)
    assert report.force.code == scenario["force"]
    assert report.status == Report.Status.NEW
    assert report.routing["force"] == scenario["force"]
    values = report.answers["values"]
    for name, value in new_answer.items():
        assert values[name] == value
    assert values["who_for"] == answers["who-for"]["who_for"]
    # The age and how to approach the person at risk, where they were asked.
    for slug in ("age", "approach-direct", "approach-safe-times", "approach-go-between", "approach-anything-else"):
        for name, value in answers.get(slug, {}).items():
            assert values[name] == value
    if "age" in answers:
        assert "child" in report.priority_reasons
    assert not Draft.objects.exists()


@pytest.mark.parametrize("slug", [page.slug for page in DOMESTIC_ABUSE.pages])
def test_every_page_of_the_journey_is_accessible_including_its_error_state(visitor, forces, slug):
    """Every page, reached directly with a draft that has just got there, so pages that no
    walk above happens to pass (a letter address, a copy by email) are checked too."""
    visitor.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session_with_draft_reaching(slug, journey="domestic-abuse"),
                "url": visitor.base_url,
            }
        ]
    )
    page = visitor.page
    page.goto(f"{START}{slug}/")
    assert page_slug(page) == slug
    assert_accessible(page, slug)

    if any(question.required for question in DOMESTIC_ABUSE.page(slug).questions):
        press(page, "Continue")
        assert page.locator(".govuk-error-summary").is_visible()
        # The error summary's links lead to the fields they are about.
        first_link = page.locator(".govuk-error-summary__list a").first
        target = first_link.get_attribute("href")
        assert page.locator(target).count() == 1
        assert_accessible(page, f"{slug} with errors")
