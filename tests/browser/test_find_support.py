"""Find support without reporting, in a real browser, with JavaScript on and off."""

from datetime import datetime

import pytest
import time_machine

from support.directory.services import national_services_sync
from support.opening_hours import LONDON
from tests.browser.accessibility import assert_accessible

# A Monday morning, so which lines are open is the same whenever the tests run.
MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)


@pytest.fixture
def services(transactional_db):
    national_services_sync()
    with time_machine.travel(MONDAY_MORNING):
        yield


def answer_questions(page, *, postcode: str) -> None:
    page.goto("/find-support/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Domestic abuse").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Me", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What is your postcode?").fill(postcode)
    page.get_by_role("button", name="Continue").click()


def assert_results(page) -> None:
    assert page.get_by_role("heading", level=1).inner_text() == "Services that can help"
    open_now = page.locator("h2:has-text('Open now') ~ .waymark-service h3").all_inner_texts()
    assert open_now[0] == "National Domestic Abuse Helpline"
    assert "Metropolitan Police Service area" in page.inner_text("main")
    phone = page.get_by_role("link", name="0 8 0 8 2 0 0 0 2 4 7").first
    assert phone.get_attribute("href") == "tel:+448082000247"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_journey_ends_with_services_and_leaves_no_trace(visitor_factory, services, javascript):
    visitor = visitor_factory(javascript=javascript)
    page = visitor.page

    answer_questions(page, postcode="SW1A 1AA")

    page.wait_for_url("**/find-support/results/**")
    assert "SW1A" not in page.url
    assert "area=E23000001" in page.url
    assert_results(page)
    assert visitor.session_cookie() is None
    assert visitor.context.cookies() == []


def click_and_wait(page, name: str, url: str, *, role: str = "button") -> None:
    """Click, then wait for the next page to load fully (its stylesheet too), so axe never
    checks a half-loaded page."""
    page.get_by_role(role, name=name).click()
    page.wait_for_url(url, wait_until="load")


def test_find_support_pages_are_accessible_including_errors(page, services):
    page.goto("/find-support/", wait_until="load")
    assert_accessible(page, "start")

    click_and_wait(page, "Start now", "**/find-support/help/")
    assert_accessible(page, "what help")
    click_and_wait(page, "Continue", "**/find-support/help/?continue=1")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "what help, with an error")

    page.get_by_label("Rape, sexual assault or sexual abuse").check()
    click_and_wait(page, "Continue", "**/find-support/who/?help=sexual_violence")
    click_and_wait(page, "Continue", "**/find-support/who/?help=sexual_violence&continue=1")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "who, with an error")
    page.get_by_label("Someone else").check()
    click_and_wait(page, "Continue", "**/find-support/last-7-days/?help=sexual_violence&who=someone_else")

    assert_accessible(page, "last 7 days")
    page.get_by_label("Yes").check()
    click_and_wait(page, "Continue", "**/find-support/where/?**")

    assert_accessible(page, "postcode")
    page.get_by_label("What is your postcode?").fill("12345")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_load_state("load")
    assert_accessible(page, "postcode, with an error")

    page.get_by_label("What is your postcode?").fill("B38 8AA")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("input[type=radio]")
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text().endswith("Which area are you in?")
    assert_accessible(page, "which of two areas")
    page.locator("input[type=radio]").first.check()
    click_and_wait(page, "Continue", "**/find-support/results/**")

    headings = page.locator(".waymark-service h3").all_inner_texts()
    assert headings[0] == "Sexual assault referral centres (SARCs)"
    assert_accessible(page, "results")

    click_and_wait(page, "Back", "**/find-support/where/**", role="link")
    click_and_wait(page, "Choose your area from a list instead", "**/find-support/area/**", role="link")
    assert_accessible(page, "area list")
    page.get_by_label("Which area are you in?").select_option(label="Cumbria Constabulary")
    click_and_wait(page, "Continue", "**area=E23000002**")


def test_the_error_summary_takes_you_to_the_first_option(page, services):
    page.goto("/find-support/help/")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Select what you want help with").click()

    assert page.evaluate("document.activeElement.id") == "id_help_1"


def test_the_directory_is_accessible_and_its_hours_open_without_javascript(visitor_factory, services):
    page = visitor_factory().page
    page.goto("/support-services/", wait_until="load")
    assert_accessible(page, "directory")

    page = visitor_factory(javascript=False).page
    page.goto("/support-services/")
    men = page.locator("#men ~ .waymark-service").first
    assert men.locator("h3").inner_text() == "Men's Advice Line"
    hours = page.locator("details", has_text="Opening hours of Men's Advice Line").first
    hours.locator("summary").click()
    assert "Monday and Wednesday" not in hours.inner_text()  # days are grouped only when next to each other
    assert "Tuesday" in hours.inner_text()


def test_someone_worried_about_their_own_behaviour_is_not_shown_victims_services(visitor_factory, services):
    page = visitor_factory(javascript=False).page
    page.goto("/find-support/help/")
    page.get_by_label("Domestic abuse").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("I'm worried about my own behaviour").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Skip this question").click()

    names = page.locator(".waymark-service h3").all_inner_texts()
    assert names == ["Respect Phoneline"]
    assert "Services for particular groups" not in page.inner_text("main")
