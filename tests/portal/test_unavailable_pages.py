"""What people see when the database is down or the session cannot be saved: the calm 503
page, never Django's "400 Bad Request", and on a failed press of Send, plainly that nothing was
sent, the answers are kept and sending again will not send it twice."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse

from portal.urls import handler500, urlpatterns  # noqa: F401 - the real error handler too
from tests.portal.test_error_pages import assert_safe_error_page
from tests.portal.test_health import database_down

NOT_SENT = "has not been sent yet"
MAY_NOT = "may not have been sent"
CHECK = reverse("reporting:journey_check_answers", args=["domestic-abuse"])


def unavailable(request):
    request.session["touched"] = True
    return HttpResponse("Down for maintenance", status=503)


urlpatterns = [*urlpatterns, path("test-unavailable/", unavailable)]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def saves_fail(settings):
    """Sessions kept in the database, whose saving fails once the test says so."""
    settings.SESSION_ENGINE = "tests.reporting.session_store_failing"
    settings.TEST_SESSION_SAVES_FAIL = False
    return settings


def test_a_good_page_whose_session_cannot_be_saved_is_service_unavailable_not_bad_request(client, db, saves_fail):
    client.get(reverse("portal:choose_language", args=["en-gb"]))  # a session held in the database
    saves_fail.TEST_SESSION_SAVES_FAIL = True

    response = client.get(reverse("portal:home"))

    html = assert_safe_error_page(response, 503, "Sorry, the service is unavailable")
    # The view may have done what was asked before the save failed: the page never says not.
    assert NOT_SENT not in html and MAY_NOT not in html


@pytest.mark.urls(__name__)
def test_a_server_error_stays_as_it_is_when_the_session_cannot_be_saved(client, db, saves_fail):
    client.get(reverse("portal:choose_language", args=["en-gb"]))
    saves_fail.TEST_SESSION_SAVES_FAIL = True

    response = client.get("/test-unavailable/")

    assert response.status_code == 503
    assert response.content == b"Down for maintenance"


def test_a_send_that_fails_because_the_database_is_down_says_it_may_not_be_sent_and_answers_kept(client, db):
    client.get(reverse("portal:choose_language", args=["en-gb"]))

    with database_down():
        response = client.post(CHECK, {"submission_key": "any"})

    # The handler cannot tell whether the report's transaction committed before the error:
    # it says what is true either way (Send again returns the same report, never a second).
    html = assert_safe_error_page(response, 503, "Sorry, the service is unavailable")
    assert "<title>May not have been sent:" in html
    assert "Your report or application may not have been sent." in html
    assert "Your answers are kept. Press Send again: it will not be sent twice." in html
    assert NOT_SENT not in html
    assert "Try sending it again in a few minutes" in html
    assert "999 if anyone is in danger now" in html


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", CHECK), ("get", reverse("portal:home")), ("post", reverse("portal:choose_language", args=["cy"]))],
)
def test_other_pages_during_an_outage_do_not_speak_of_sending(client, db, method, url):
    client.get(reverse("portal:choose_language", args=["en-gb"]))

    with database_down():
        response = getattr(client, method)(url)

    html = assert_safe_error_page(response, 503, "Sorry, the service is unavailable")
    assert NOT_SENT not in html and MAY_NOT not in html
    assert "Not sent yet" not in html and "May not have been sent" not in html
