"""Every journey walked in a real browser by someone reporting (or applying) for another
person, with JavaScript off and on (issue 11).

On every page, check your answers and the confirmation, the visible text is read for
phrases that only make sense said to the person it happened to (tests/third_party.py);
with JavaScript on, axe-core checks each page too (it runs inside the page, so it cannot
with JavaScript off).
"""

import pytest

from reporting.journeys import JOURNEYS, flow_for
from support.directory.services import national_services_sync
from tests.browser.accessibility import assert_accessible
from tests.browser.test_domestic_abuse_journey import fill, page_slug
from tests.factories import page_data
from tests.third_party import third_party_answer_sets, victim_phrases


@pytest.fixture(autouse=True)
def support_listed(db):
    """The national support services, so the confirmation lists them (and they are read)."""
    national_services_sync()


def read(page, journey: str, slug: str, *, javascript: bool) -> None:
    text = page.locator("main").inner_text()
    assert not victim_phrases(journey, slug, text), (slug, victim_phrases(journey, slug, text))
    if javascript:
        assert_accessible(page, f"{journey} {slug} as a third party")


def click(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_a_third_party_walks_the_journey_and_is_spoken_to_as_themselves(visitor_factory, forces, journey, javascript):
    flow = flow_for(journey)
    answers = third_party_answer_sets(journey)[0]
    page = visitor_factory(javascript=javascript).page

    page.goto(f"/report/{journey}/")
    assert f"It takes about {JOURNEYS[journey].minutes} minutes" in page.locator("main").inner_text()
    click(page, "a.govuk-button--start")
    visited = []
    for _ in range(120):
        slug = page_slug(page)
        if slug == "check-your-answers":
            break
        visited.append(slug)
        read(page, journey, slug, javascript=javascript)
        fill(page, page_data(flow.page(slug), answers))
        click(page, "button[name='action'][value='continue']")
    else:
        raise AssertionError(f"The journey did not end: {visited}")

    read(page, journey, "check-your-answers", javascript=javascript)
    # Back from check your answers goes to the last question, not the start.
    assert page.locator("a.govuk-back-link").get_attribute("href").endswith(f"/{visited[-1]}/")
    click(page, "form button.govuk-button")
    assert page_slug(page) == "sent"
    read(page, journey, "sent", javascript=javascript)
    assert "Support for you" in page.locator("main").inner_text()
