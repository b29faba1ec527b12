"""Playwright driving Debian's Chromium against pytest-django's live server.

Every page is watched: a request to any host other than the live server fails the test
(the site must make no third-party requests), except the neutral site "Exit this page"
leads to. This machine has no internet, so that site is a small server of our own on
another port: a real other origin, which the browser reaches by following our redirect.
"""

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM

# The sync Playwright API runs an event loop; Django's ORM refuses to run in one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NEUTRAL_PAGE = b"<!doctype html><title>Weather</title><h1>Weather</h1>"


class NeutralSite(ThreadingHTTPServer):
    """Stands in for the weather site; remembers the headers of each visit."""

    def __init__(self):
        self.visits: list[dict[str, str]] = []
        super().__init__(("127.0.0.1", 0), NeutralPage)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/weather"


class NeutralPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.visits.append({key.lower(): value for key, value in self.headers.items()})
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(NEUTRAL_PAGE)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def neutral_site():
    site = NeutralSite()
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield site
    site.shutdown()


@pytest.fixture(autouse=True)
def exit_to_neutral_site(request, settings):
    if "browser" in request.keywords:
        settings.WAYMARK_EXIT_URL = request.getfixturevalue("neutral_site").url


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


class Visitor:
    """One browser context (its own cookies) and its page, with what it requested."""

    def __init__(self, browser, live_server, *, javascript: bool = True):
        self.base_url = live_server.url
        self.context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
        self.context.set_default_timeout(10_000)
        self.third_party_requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.base_url, settings.WAYMARK_EXIT_URL)):
            route.continue_()
        else:
            self.third_party_requests.append(url)
            route.abort()

    def session_cookie(self):
        return next((c for c in self.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME), None)

    def close(self):
        self.context.close()


@pytest.fixture
def visitor_factory(browser, live_server):
    visitors = []

    def make(*, javascript: bool = True) -> Visitor:
        visitor = Visitor(browser, live_server, javascript=javascript)
        visitors.append(visitor)
        return visitor

    yield make
    for visitor in visitors:
        visitor.close()
    strays = [url for visitor in visitors for url in visitor.third_party_requests]
    assert not strays, f"Pages requested other sites: {strays}"


@pytest.fixture
def visitor(visitor_factory) -> Visitor:
    return visitor_factory()


@pytest.fixture
def page(visitor):
    return visitor.page
