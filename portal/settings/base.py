"""Settings shared by every environment.

Environment-specific files (dev, test, production) import this and change only what differs.
Anything a deployment must set comes from environment variables, listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal import encryption

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "portal",
    "reporting",
    "support",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # High in the list so that every response gets these headers, including redirects
    # that middleware further down returns early.
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PrivacyHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware: a language chosen on the site (kept in the session) beats Accept-Language.
    "portal.middleware.SessionLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.middleware.StaffAreaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Turns a service's Refused into its message and a redirect (portal.refusals).
    "portal.refusals.RefusalMiddleware",
    # Axes must come last so it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'waymark.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:staff_sign_in"
LOGIN_REDIRECT_URL = "portal:staff_home"

# Sessions live on the server; the browser keeps only a cookie that dies with the browser.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "waymark_session"
# The CSRF token rides in the session, so no second cookie is left on a shared device.
CSRF_USE_SESSIONS = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Staff are signed out after this many seconds without a request.
WAYMARK_STAFF_IDLE_TIMEOUT = 15 * 60
# Every path under these prefixes needs a password and a verified second factor.
WAYMARK_OTP_REQUIRED_PREFIXES = ("/staff/", "/agency/")
# Where "Exit this page" sends people: a busy, neutral site. A force can change it later.
WAYMARK_EXIT_URL = os.environ.get("WAYMARK_EXIT_URL", "https://www.bbc.co.uk/weather")
WAYMARK_SERVICE_NAME = _("Report abuse and get support")
# The seed_demo_* commands create accounts with a published password (portal/demo.py): only
# where this is true, which development, the test suite and the local production stack set.
WAYMARK_DEMO_DATA_ALLOWED = False

OTP_TOTP_ISSUER = "Waymark"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
# Locked by account, not by address: a force's staff share a few outgoing addresses, and
# locking one would lock out a whole police station (docs/decisions/0002-sign-in-lockout.md).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/staff/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static" / "build", BASE_DIR / "static" / "public"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Headers. Caching and the policies SecurityMiddleware does not set are in
# portal.middleware.PrivacyHeadersMiddleware.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Not "no-referrer": under it, browsers send "Origin: null" with every form post, which
# Django's CSRF check rightly refuses. "same-origin" still tells no other site where a
# visitor came from (docs/decisions/0003-referrer-policy.md).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
WAYMARK_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process, so the
# embedded default needs no broker.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 5
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 5, "socket_timeout": 5}
CELERY_RESULT_EXPIRES = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Reporting: encryption at rest, saved drafts and return codes (owned by the reporting app) ---
# Keys are "id:base64,id:base64", each key 32 random bytes, e.g.
#   WAYMARK_ENCRYPTION_KEYS=2026-11:<base64>  WAYMARK_ENCRYPTION_CURRENT_KEY=2026-11
# To rotate: add a new key, make it current, keep the old one until nothing sealed with it
# is left. The "dev" key below is public (it is in the repository): production settings refuse
# it, by its id or its bytes, when they load.
WAYMARK_DEVELOPMENT_ENCRYPTION_KEY = f"{encryption.DEVELOPMENT_KEY_ID}:{encryption.DEVELOPMENT_KEY}"
WAYMARK_ENCRYPTION_KEYS: dict[str, str] = dict(
    entry.strip().split(":", 1)
    for entry in os.environ.get("WAYMARK_ENCRYPTION_KEYS", WAYMARK_DEVELOPMENT_ENCRYPTION_KEY).split(",")
    if entry.strip()
)
WAYMARK_ENCRYPTION_CURRENT_KEY = os.environ.get("WAYMARK_ENCRYPTION_CURRENT_KEY", "dev")
# A saved report (with a return code) is deleted this many days after it was last saved.
WAYMARK_DRAFT_EXPIRY_DAYS = int(os.environ.get("WAYMARK_DRAFT_EXPIRY_DAYS", "30"))
# Answers never given a return code cannot be reached once the browser session ends, so
# they are deleted this many hours after they were last saved.
WAYMARK_UNCLAIMED_DRAFT_HOURS = 24
# Wrong return codes: at most this many per code, and per network address, in the window.
WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE = 5
WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 20
WAYMARK_RETURN_CODE_WINDOW_MINUTES = 15
# The periodic jobs: re-send anything the broker missed, and delete expired drafts.
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "reporting-outbox-sweep": {"task": "reporting.tasks.outbox_sweep", "schedule": 30.0},
    "reporting-drafts-purge": {"task": "reporting.tasks.drafts_purge", "schedule": 3600.0},
    "support-referral-notifications-sweep": {
        "task": "support.tasks.referral_notifications_sweep",
        "schedule": 300.0,
    },
}

# The site's own address, for links in emails to agencies ("a new referral is waiting").
WAYMARK_SITE_URL = os.environ.get("WAYMARK_SITE_URL", "http://127.0.0.1:8000")
# Emails go nowhere but the console until a mail server is configured (production requires one).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "waymark@localhost")
