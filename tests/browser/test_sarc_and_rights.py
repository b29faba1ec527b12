"""The nearest-SARC page and the Victims' Code page, in a real browser: accessible, and
the postcode typed never reaches a URL."""

import pytest

from tests.browser.accessibility import assert_accessible


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_nearest_sarc_page_names_the_centre_and_keeps_the_postcode_out_of_urls(
    visitor_factory, transactional_db, javascript
):
    page = visitor_factory(javascript=javascript).page
    # axe runs as a script in the page, so it can only check the pages with JavaScript on.
    check = assert_accessible if javascript else (lambda page, name: None)
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url) if frame == page.main_frame else None)

    page.goto("/find-support/sarc/", wait_until="load")
    check(page, "nearest SARC, asking")
    page.get_by_role("button", name="Find the centre").click()
    page.wait_for_selector(".govuk-error-summary")
    page.wait_for_load_state("load")
    check(page, "nearest SARC, with an error")
    page.get_by_label("What postcode should we find the centre for?").fill("CF10 1AA")
    page.get_by_role("button", name="Find the centre").click()
    page.wait_for_selector("text=Ynys Saff (Safe Island) SARC")
    page.wait_for_load_state("load")

    check(page, "nearest SARC, found")
    assert page.title().startswith("Find support")
    assert not [url for url in visited if "CF10" in url or "?" in url]


def test_the_victims_code_page_is_accessible_and_in_the_footer(page, transactional_db):
    page.goto("/", wait_until="load")
    page.get_by_role("link", name="Your rights as a victim of crime").click()
    page.wait_for_url("**/victims-code/", wait_until="load")

    assert page.get_by_role("heading", level=1).inner_text() == "Your rights as a victim of crime"
    assert (
        page.get_by_role("link", name="Code of Practice for Victims of Crime in England and Wales").get_attribute(
            "href"
        )
        == "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime"
    )
    assert_accessible(page, "victims' code")
