from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse


def test_exit_destroys_the_session_and_tells_the_browser_to_forget_the_site(client, db):
    session = client.session
    session["answers"] = "something typed"
    session.save()
    old_key = session.session_key

    response = client.get(reverse("portal:exit"))

    assert response.status_code == 302
    assert response["Location"] == settings.WAYMARK_EXIT_URL
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "no-store" in response["Cache-Control"]
    assert not SessionStore().exists(old_key)


def test_reusing_the_old_cookie_after_exit_finds_nothing(client, db):
    session = client.session
    session["answers"] = "something typed"
    session.save()
    old_key = session.session_key
    client.get(reverse("portal:exit"))

    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    client.get(reverse("portal:home"))

    assert "answers" not in SessionStore(session_key=old_key).load()
    assert "answers" not in client.session


def test_exit_goes_to_the_configured_neutral_site(client, db, settings):
    settings.WAYMARK_EXIT_URL = "https://example.org/news"

    assert client.get(reverse("portal:exit"))["Location"] == "https://example.org/news"


def test_exit_cannot_be_triggered_by_a_form_post(client, db):
    assert client.post(reverse("portal:exit")).status_code == 405
