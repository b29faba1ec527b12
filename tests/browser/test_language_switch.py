"""Switching between English and Cymraeg in a real browser, with JavaScript on and off."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.portal.test_languages import WELSH_EXIT, WELSH_SERVICE_NAME, ensure_catalogues_compiled


@pytest.fixture(autouse=True)
def compiled_catalogues():
    ensure_catalogues_compiled()


def switch_and_back(visitor):
    page = visitor.page
    page.goto("/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")

    page.get_by_role("link", name="Cymraeg").click()

    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.get_by_role("link", name=WELSH_SERVICE_NAME)).to_be_visible()
    expect(page.get_by_role("button", name=f"Argyfwng {WELSH_EXIT}")).to_be_visible()
    expect(page.locator('.govuk-language-navigation [aria-current="true"]')).to_have_text("Cymraeg")
    assert {cookie["name"] for cookie in visitor.context.cookies()} == {settings.SESSION_COOKIE_NAME}

    page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    expect(page.locator('.govuk-language-navigation [aria-current="true"]')).to_have_text("English")


def test_switching_language_with_javascript(visitor_factory):
    switch_and_back(visitor_factory())


def test_switching_language_without_javascript(visitor_factory):
    switch_and_back(visitor_factory(javascript=False))


def test_home_page_in_welsh_has_no_accessibility_violations(page):
    page.goto("/")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")

    assert_accessible(page, "the home page in Welsh")
