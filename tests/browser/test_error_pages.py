"""The error pages are accessible, as every public page is."""

import pytest

from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.urls("tests.portal.error_urls")


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/no-such-page/", "Page not found"),
        ("/test-errors/forbidden/", "You cannot use this page"),
        ("/test-errors/suspicious/", "Sorry, there is a problem with the page you asked for"),
        ("/test-errors/broken/", "Sorry, there is a problem with the service"),
    ],
)
def test_error_pages_have_no_accessibility_violations(page, path, heading):
    page.goto(path)

    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("button", name="Emergency Exit this page").is_visible()
    assert_accessible(page)
