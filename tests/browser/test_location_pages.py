"""The "where did it happen?" pages in a real browser: each branch, each error state, and
axe-core on every page (with JavaScript on, as axe needs)."""

import pytest

from tests.browser.accessibility import assert_accessible
from tests.browser.test_domestic_abuse_journey import START, Walker, fill, page_slug, press

BEFORE_WHERE = {"in-danger": {"in_danger": "no"}, "who-for": {"who_for": "myself"}}


def at_where(visitor_factory, *, javascript: bool = True):
    page = visitor_factory(javascript=javascript).page
    walker = Walker(page, check_accessibility=False)
    walker.start()
    walker.answer_until(BEFORE_WHERE, "where")
    if javascript:
        assert_accessible(page, "where")
    return page


def answer(page, slug: str, answers: dict, *, expect: str) -> None:
    assert page_slug(page) == slug
    fill(page, answers)
    press(page, "Continue")
    assert page_slug(page) == expect, page.locator("main").inner_text()


def test_a_postcode_split_between_forces_asks_the_person_to_choose(visitor_factory, forces):
    page = at_where(visitor_factory)
    answer(page, "where", {"where": "known_place"}, expect="incident-postcode")
    assert_accessible(page, "incident postcode")

    press(page, "Continue")
    assert "Enter a postcode" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "incident postcode, left empty")
    answer(page, "incident-postcode", {"incident_postcode": "NP16 1"}, expect="incident-postcode")
    assert "Enter a full UK postcode, like SW1A 1AA" in page.locator(".govuk-error-message").inner_text()
    assert_accessible(page, "incident postcode, malformed")

    answer(page, "incident-postcode", {"incident_postcode": "np161aa"}, expect="choose-force")
    assert_accessible(page, "choose between forces")
    labels = page.locator(".govuk-radios__label").all_inner_texts()
    assert [label.split(" (")[0].strip() for label in labels] == ["Gwent Police", "Gloucestershire Constabulary"]
    press(page, "Continue")
    assert "Select which area it is in" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "choose between forces, nothing chosen")
    answer(page, "choose-force", {"split_force": "E23000037"}, expect="injuries")


@pytest.mark.parametrize(
    "postcode,service,contact",
    [
        ("EH1 1YZ", "Police Scotland", "https://www.scotland.police.uk"),
        ("BT1 1AA", "Police Service of Northern Ireland", "https://www.psni.police.uk"),
        ("JE2 3AA", "Channel Islands", "contact your local police station"),
    ],
)
def test_a_place_outside_england_and_wales_explains_who_can_help(visitor_factory, forces, postcode, service, contact):
    page = at_where(visitor_factory)
    answer(page, "where", {"where": "known_place"}, expect="incident-postcode")

    answer(page, "incident-postcode", {"incident_postcode": postcode}, expect="outside-england-and-wales")

    text = page.locator("main").inner_text()
    assert "This service is for England and Wales" in text
    assert service in text
    assert contact in (page.locator("main").inner_html() if contact.startswith("http") else text)
    assert "999" in text
    assert page.get_by_role("button", name="Continue").count() == 0
    assert_accessible(page, f"outside England and Wales ({postcode})")
    # Going back keeps the answer, so it can be corrected.
    page.get_by_role("button", name="Change my answer").click()
    page.wait_for_url("**/incident-postcode/")
    assert page.locator("[name='incident_postcode']").input_value() == postcode


def test_the_railway_goes_to_british_transport_police(visitor_factory, forces):
    page = at_where(visitor_factory)

    answer(page, "where", {"where": "railway"}, expect="railway")

    text = page.locator("main").inner_text()
    assert "Your report will go to British Transport Police" in text
    assert "61016" in text
    assert "0800 40 50 40" in text
    assert_accessible(page, "railway")
    answer(page, "railway", {}, expect="injuries")


def test_online_asks_for_the_persons_postcode_then_an_area_or_a_force(visitor_factory, forces):
    page = at_where(visitor_factory)
    answer(page, "where", {"where": "online"}, expect="home-postcode")
    assert "What is your postcode?" in page.locator("h1").inner_text()
    assert_accessible(page, "home postcode")

    answer(page, "home-postcode", {"home_postcode": ""}, expect="council-area")
    assert_accessible(page, "council area")
    press(page, "Continue")
    assert "Select a council area" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "council area, nothing chosen")

    answer(page, "council-area", {"council_area": "unknown"}, expect="police-force")
    assert_accessible(page, "police force")
    answer(page, "police-force", {"police_force": "W15000003"}, expect="injuries")


def test_the_location_pages_work_without_javascript(visitor_factory, forces):
    page = at_where(visitor_factory, javascript=False)

    answer(page, "where", {"where": "unknown_place"}, expect="home-postcode")
    answer(page, "home-postcode", {"home_postcode": "not a postcode"}, expect="home-postcode")
    assert "Enter a full UK postcode, like SW1A 1AA" in page.locator(".govuk-error-summary").inner_text()
    answer(page, "home-postcode", {"home_postcode": ""}, expect="council-area")
    answer(page, "council-area", {"council_area": "W06000015"}, expect="injuries")
    page.goto(f"{START}where/")
    answer(page, "where", {"where": "railway"}, expect="railway")
