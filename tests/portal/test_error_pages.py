"""Error pages keep "Exit this page", the 999 message, the language and the privacy headers;
the 500 and 503 pages need neither the session nor the database."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.portal.test_health import database_down
from tests.portal.test_security_headers import assert_safe_headers

pytestmark = pytest.mark.urls("tests.portal.error_urls")


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def assert_safe_error_page(response, status: int, heading: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    assert 'href="/exit/"' in html and "Exit this page" in html
    assert 'href="tel:999"' in html
    assert_safe_headers(response, str(status))
    return html


def test_a_missing_page(client, db):
    html = assert_safe_error_page(client.get("/no-such-page/SECRET-REF/"), 404, "Page not found")

    assert "SECRET-REF" not in html, "the page does not repeat the address asked for"


def test_a_missing_page_in_the_language_chosen(client, db):
    client.get(reverse("portal:choose_language", args=["cy"]))

    html = client.get("/no-such-page/").content.decode()

    assert '<html lang="cy"' in html


def test_a_forbidden_page(client, db):
    assert_safe_error_page(client.get("/test-errors/forbidden/"), 403, "You cannot use this page")


def test_a_bad_request(client, db):
    html = assert_safe_error_page(client.get("/test-errors/suspicious/"), 400, "problem with the page you asked for")

    assert "CANARY" not in html
    assert client.get("/", HTTP_HOST="not-our-site.example").status_code == 400


def test_a_server_error(client, db):
    assert_safe_error_page(client.get("/test-errors/broken/"), 500, "Sorry, there is a problem with the service")


def test_a_server_error_in_the_language_chosen(client, db):
    client.get(reverse("portal:choose_language", args=["cy"]))

    assert '<html lang="cy"' in client.get("/test-errors/broken/").content.decode()


def test_the_error_page_does_not_need_the_session(client, db, settings):
    settings.SESSION_ENGINE = "tests.portal.broken_session"
    client.cookies["waymark_session"] = "a-session-key-the-store-cannot-read"

    response = client.get(reverse("portal:home"))

    assert_safe_error_page(response, 500, "Sorry, there is a problem with the service")


def test_a_database_outage_is_service_unavailable(client, db):
    client.get(reverse("portal:choose_language", args=["en-gb"]))  # a session held in the database

    with database_down():
        response = client.get(reverse("portal:home"))

    assert_safe_error_page(response, 503, "Sorry, the service is unavailable")


def test_errors_are_emailed_without_what_was_sent(client, db, settings):
    settings.ADMINS = [("Operations", "ops@example.police.uk")]
    client.get(reverse("portal:choose_language", args=["en-gb"]))
    session_key = client.cookies["waymark_session"].value

    client.post("/test-errors/broken/", {"what_happened": "CANARY-POSTED-4471"}, HTTP_X_REAL_NAME="CANARY-HEADER")

    [email] = mail.outbox
    text = email.subject + email.body + "".join(str(content) for content, _ in email.alternatives)
    assert "RuntimeError" in text and "/test-errors/broken/" in text
    assert "CANARY" not in text
    assert session_key not in text
    assert "SECRET_KEY" not in text and settings.SECRET_KEY not in text
    assert not email.alternatives


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/test-errors/suspicious/", 400),
        ("/test-errors/forbidden/", 403),
        ("/no-such-page/", 404),
        ("/test-errors/broken/", 500),
    ],
)
def test_every_error_page_is_the_one_error_page(client, db, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert "error_base.html" in [template.name for template in response.templates]
    assert response.content.decode().count('class="govuk-heading-l"') == 1


def test_the_outage_page_is_the_one_error_page_too(client, db):
    client.get(reverse("portal:choose_language", args=["en-gb"]))  # a session held in the database

    with database_down():
        response = client.get(reverse("portal:home"))

    assert_safe_error_page(response, 503, "Sorry, the service is unavailable")
    assert "error_base.html" in [template.name for template in response.templates]
