"""A session store whose server is gone: every read and write fails."""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def load(self):
        raise ConnectionError("the session store cannot be reached")

    def save(self, must_create=False):
        raise ConnectionError("the session store cannot be reached")
