import pytest

from tests.browser.accessibility import assert_accessible

PUBLIC_PAGES = ["/", "/staying-safe-online/", "/accessibility/", "/privacy/", "/cookies/", "/about-the-data/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(page, path):
    page.goto(path)
    assert_accessible(page)


def test_home_page_lists_every_journey_without_javascript(visitor_factory):
    page = visitor_factory(javascript=False).page
    page.goto("/")
    links = page.locator("main a").all_inner_texts()
    for title in [
        "Report domestic abuse",
        "Report rape or sexual assault",
        "Clare's Law",
        "Sarah's Law",
        "Find support",
    ]:
        assert any(title in link for link in links), title
    assert page.get_by_role("button", name="Emergency Exit this page").is_visible()
    assert "Call 999 if you are in danger now" in page.inner_text(".waymark-emergency")


def test_govuk_frontend_starts_when_javascript_is_on(page):
    page.goto("/")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
