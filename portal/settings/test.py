"""The test suite: the database and broker come from DATABASE_URL and REDIS_URL when set
(CI points them at PostgreSQL and Redis); otherwise SQLite and in-process tasks."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Hashing passwords with Argon2 in every test would dominate the run time.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAYMARK_EXIT_URL = "https://www.bbc.co.uk/weather"
# Serve static files straight from the source folders, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run in-process in tests, even with REDIS_URL set, so each test sees its own work
# finish; tests of the real broker and worker switch this off (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# The demo commands are tested (portal/demo.py).
WAYMARK_DEMO_DATA_ALLOWED = True
