"""The "please check" page before check your answers, in a real browser: accessible (axe)
in its first and error states with JavaScript on, and working with JavaScript off."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from reporting.services import draft_save
from tests.browser.accessibility import assert_accessible
from tests.factories import RAPE_SEXUAL_ASSAULT_ANSWERS, journey_state

JOURNEY = "rape-sexual-assault"
KEY = "not-recent-but-within-7-days"


def contradicting_session() -> str:
    """A session whose finished draft says "not in the last 7 days" and "today"."""
    state = journey_state(dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="no", when_roughly="today"), journey=JOURNEY)
    draft = draft_save(draft=None, journey=JOURNEY, state=state)
    session = SessionStore()
    session[f"reporting.draft.{JOURNEY}"] = str(draft.pk)
    session.create()
    return session.session_key


def visit(visitor) -> None:
    visitor.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": contradicting_session(), "url": visitor.base_url}]
    )
    visitor.page.goto(f"/report/{JOURNEY}/check-your-answers/")


def test_the_query_is_accessible_with_and_without_an_error(visitor, forces):
    visit(visitor)
    page = visitor.page

    assert page.url.endswith(f"/please-check/{KEY}/")
    assert_accessible(page, "please check")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page, "please check, error")


@pytest.mark.parametrize(
    ("choice", "lands_on"),
    [
        ("Carry on with my answers as they are", "/check-your-answers/"),
        ("Go back and change my answer", "/recent/?change=1"),
    ],
)
def test_the_query_works_without_javascript(visitor_factory, forces, choice, lands_on):
    visitor = visitor_factory(javascript=False)
    visit(visitor)
    page = visitor.page

    page.get_by_label(choice).check()
    page.get_by_role("button", name="Continue").click()

    assert page.url.endswith(lands_on)
