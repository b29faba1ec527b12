"""Local development and the demo run: SQLite, in-process tasks, debug pages.

These settings run on SQLite only (docs/decisions/0007-settings-per-entry-point.md): manage.py
and a worker default to them, so against a real database they refuse to load rather than run
a deployment with debug pages and emails printed to a console nobody reads."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    raise ImproperlyConfigured(
        "Development settings run on SQLite only, and DATABASE_URL names another database. "
        "For a deployment set DJANGO_SETTINGS_MODULE=portal.settings.production "
        "(the test suite uses portal.settings.test)."
    )

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-never-used-in-production-0123456789abcdef")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Under DEBUG django-csp leaves the policy off the debug 404 and 500 pages; this subclass
# does not, so development sends the headers production sends.
MIDDLEWARE = [
    "portal.security_policy.EveryResponsePolicyMiddleware" if name == "csp.middleware.CSPMiddleware" else name
    for name in MIDDLEWARE
]
# make run loads demo accounts (portal/demo.py).
WAYMARK_DEMO_DATA_ALLOWED = True
