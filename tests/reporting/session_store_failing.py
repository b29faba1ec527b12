"""A session store for tests: Django's database store, except that saving fails while
``settings.TEST_SESSION_SAVES_FAIL`` is true, as it does when the session's row went away
under the request (Django would answer "Bad Request (400)"; portal.middleware.SessionMiddleware
answers the calm 503 page). What was saved before stays."""

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def save(self, must_create=False):
        if getattr(settings, "TEST_SESSION_SAVES_FAIL", False):
            raise UpdateError
        super().save(must_create=must_create)
