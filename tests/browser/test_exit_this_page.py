"""Each way out of the site leaves at once and destroys the session: a test re-uses the old
cookie afterwards and finds nothing."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from tests.factories import PASSWORD, user_without_authenticator


@pytest.fixture
def signed_in_visitor(visitor, transactional_db):
    """A visitor whose session holds something worth destroying: a half-finished sign-in."""
    user_without_authenticator("someone")
    page = visitor.page
    page.goto("/staff/sign-in/")
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/sign-in/set-up/")
    page.goto("/")
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    return visitor


def assert_left_and_session_destroyed(visitor, old_cookie, browser, neutral_site):
    visitor.page.wait_for_url(settings.WAYMARK_EXIT_URL)
    assert visitor.page.title() == "Weather"
    assert "referer" not in neutral_site.visits[-1], "the neutral site learnt where the visitor came from"
    assert visitor.session_cookie() is None
    assert not SessionStore().exists(old_cookie["value"])

    replay = browser.new_context(base_url=visitor.base_url)
    try:
        replay.add_cookies([old_cookie])
        page = replay.new_page()
        page.goto("/staff/sign-in/set-up/")
        assert page.url.endswith("/staff/sign-in/"), "the old cookie still carried a session"
    finally:
        replay.close()


def test_exit_button_leaves_the_site_and_destroys_the_session(signed_in_visitor, browser, neutral_site):
    old_cookie = signed_in_visitor.session_cookie()
    assert old_cookie is not None

    signed_in_visitor.page.get_by_role("button", name="Emergency Exit this page").click()

    assert_left_and_session_destroyed(signed_in_visitor, old_cookie, browser, neutral_site)


def test_pressing_shift_three_times_leaves_the_site(signed_in_visitor, browser, neutral_site):
    old_cookie = signed_in_visitor.session_cookie()

    for _ in range(3):
        signed_in_visitor.page.keyboard.press("Shift")

    assert_left_and_session_destroyed(signed_in_visitor, old_cookie, browser, neutral_site)


def test_exit_skip_link_is_reachable_by_keyboard_and_leaves_the_site(signed_in_visitor, browser, neutral_site):
    old_cookie = signed_in_visitor.session_cookie()
    page = signed_in_visitor.page

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Exit this page"
    page.keyboard.press("Enter")

    assert_left_and_session_destroyed(signed_in_visitor, old_cookie, browser, neutral_site)


def test_exit_button_works_without_javascript(visitor_factory, transactional_db):
    visitor = visitor_factory(javascript=False)
    visitor.page.goto("/staying-safe-online/")

    visitor.page.get_by_role("button", name="Emergency Exit this page").click()

    visitor.page.wait_for_url(settings.WAYMARK_EXIT_URL)
