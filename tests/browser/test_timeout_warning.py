"""The timeout warning in a real browser, with the page's clock under the test's control:
it opens before the form closes, takes focus, gives more time with one key, and a form left
alone leaves the screen."""

from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible


def test_more_time_with_one_key_and_an_idle_form_closes_itself(visitor, transactional_db):
    page = visitor.page
    page.clock.install()
    page.goto("/report/domestic-abuse/in-danger/")
    page.locator('input[value="no"]').check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/who-for/")
    dialog = page.get_by_role("dialog", name="Do you need more time?")
    expect(dialog).to_be_hidden()

    page.clock.fast_forward("28:01")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.closest('dialog') !== null"), "focus is not in the warning"
    assert_accessible(page, "timeout warning")
    with page.expect_response("**/session/keep-alive/") as renewal:
        page.keyboard.press("Enter")
    assert renewal.value.status == 204
    expect(dialog).to_be_hidden()

    # Escape asks for more time too, rather than hiding the warning and letting the form close.
    page.clock.fast_forward("28:01")
    expect(dialog).to_be_visible()
    with page.expect_response("**/session/keep-alive/") as renewal:
        page.keyboard.press("Escape")
    assert renewal.value.status == 204
    expect(dialog).to_be_hidden()

    cookie = visitor.session_cookie()
    page.clock.fast_forward("30:04")
    page.wait_for_url("**/form-closed/")
    expect(page.get_by_role("heading", name="This page was closed to keep you safe")).to_be_visible()
    assert not SessionStore().exists(cookie["value"])
