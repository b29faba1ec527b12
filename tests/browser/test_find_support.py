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


def assert_results(page) -> None:
    assert page.get_by_role("heading", level=1).inner_text() == "Services that can help"
    assert page.title().startswith("Find support")
    open_now = page.locator("h2:has-text('Open now') ~ .waymark-service h3").all_inner_texts()
    assert "National Domestic Abuse Helpline" in open_now
    assert "Metropolitan Police Service area" in page.inner_text("main")
    phone = page.get_by_role("link", name="0 8 0 8 2 0 0 0 2 4 7").first
    assert phone.get_attribute("href") == "tel:+448082000247"


#: Every answer value a URL could carry.
ANSWER_VALUES = ("domestic_abuse", "sexual_violence", "me", "someone_else", "recent", "yes", "E23000001", "SW1A")


def answer_every_question(page) -> None:
    page.goto("/find-support/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Domestic abuse").check()
    page.get_by_label("Rape, sexual assault or sexual abuse").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Me", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What is your postcode?").fill("SW1A 1AA")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/find-support/results/", wait_until="load")


def carries_an_answer(url: str) -> bool:
    query = url.partition("?")[2]
    return bool(query) or any(value in url for value in ANSWER_VALUES)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_no_answer_is_ever_in_a_url_or_the_browsers_history(visitor_factory, services, javascript):
    visitor = visitor_factory(javascript=javascript)
    page = visitor.page
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)

    answer_every_question(page)
    assert_results(page)
    # Walk the browser's own history back to the start, reading every entry's address.
    entries = page.evaluate("window.history.length")
    history = [page.url]
    for _ in range(entries - 1):
        if page.go_back(wait_until="load") is None:
            break
        history.append(page.url)

    assert len(visited) >= 6
    assert [url for url in visited if carries_an_answer(url)] == []
    assert [url for url in history if carries_an_answer(url)] == []
    assert any(url.endswith("/find-support/results/") for url in history)


def test_exit_this_page_forgets_the_answers(visitor_factory, services, neutral_site):
    visitor = visitor_factory(javascript=False)
    page = visitor.page
    answer_every_question(page)

    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(neutral_site.url)
    page.goto("/find-support/results/")

    assert page.url.endswith("/find-support/help/")


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
    click_and_wait(page, "Continue", "**/find-support/help/")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "what help, with an error")

    page.get_by_label("Rape, sexual assault or sexual abuse").check()
    click_and_wait(page, "Continue", "**/find-support/who/")
    click_and_wait(page, "Continue", "**/find-support/who/")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "who, with an error")
    page.get_by_label("Someone else").check()
    click_and_wait(page, "Continue", "**/find-support/last-7-days/")

    assert_accessible(page, "last 7 days")
    page.get_by_label("Yes").check()
    click_and_wait(page, "Continue", "**/find-support/where/")

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
    click_and_wait(page, "Continue", "**/find-support/results/")
    assert "Cumbria Constabulary area" in page.inner_text("main")


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
    page.get_by_role("button", name="Skip this question").click()

    names = page.locator(".waymark-service h3").all_inner_texts()
    assert names == ["Respect Phoneline"]
    assert "Services for particular groups" not in page.inner_text("main")
