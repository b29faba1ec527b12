"""Settings shared by every environment.

Environment-specific files (dev, test, production) import this and change only what differs.
Anything a deployment must set comes from environment variables, listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal import encryption, logs

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
    # Django's own widget templates, for the form renderer below (TemplatesSetting).
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "portal",
    "reporting",
    "support",
]

MIDDLEWARE = [
    # First, so every log line of a request carries its id (portal/logs.py).
    "portal.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # High in the list so that every response gets these headers, including redirects
    # that middleware further down returns early.
    "csp.middleware.CSPMiddleware",
    "portal.middleware.PrivacyHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Django's, except that a session that cannot be saved answers 503, not 400 (portal/middleware.py).
    "portal.middleware.SessionMiddleware",
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
# The address axes records is the one every rate limit uses: through trusted proxies only.
AXES_CLIENT_IP_CALLABLE = "portal.net.client_address"
# Hours an enrolment link (a new member of staff's way to set up an authenticator) works.
WAYMARK_STAFF_ENROLMENT_HOURS = int(os.environ.get("WAYMARK_STAFF_ENROLMENT_HOURS", "72"))
# The proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed
# (portal/net.py, docs/deployment.md). Empty: REMOTE_ADDR is the client.
WAYMARK_TRUSTED_PROXIES = [
    entry.strip() for entry in os.environ.get("WAYMARK_TRUSTED_PROXIES", "").split(",") if entry.strip()
]

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

# Every form field in GOV.UK Frontend 6 markup, from our templates in templates/forms/
# (portal/form_rendering.py, docs/decisions/0014-govuk-frontend-through-django-form-renderer.md).
FORM_RENDERER = "portal.form_rendering.GOVUKFormRenderer"

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
# Every task here is short (one outbox delivery, one email, one sweep). A delivery that
# overruns is stopped (soft limit: counted as a failed attempt and retried after a backoff;
# hard limit: the worker process is killed). The outbox lease must outlast the hard limit,
# so the sweeper never sends again a message whose delivery may still be running, and be
# short, because a report reaches its force's queue only when its message has run: a
# delivery lost with its worker is sent again within lease + one sweep (30 s) = 2 minutes.
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 50
WAYMARK_OUTBOX_LEASE_SECONDS = 90
# Publishing (from a web request, after a report's commit) fails fast when the broker is down:
# one attempt (no retry: kombu would otherwise retry for CELERY_BROKER_CONNECTION_TIMEOUT, about
# 6 s), a 1 s connect timeout, a 2 s timeout on a broker that takes the connection and never
# answers (longer than kombu's 1 s BRPOP wait). The outbox sweeper sends what was not queued
# (reporting/outbox.py); the worker's own reconnecting is Celery's, and unaffected
# (tests/reporting/test_broker_down.py, docs/reliability.md).
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2, "max_retries": 0}
CELERY_RESULT_EXPIRES = 3600

# Readable lines here; production and the local stack write one JSON object per line. No
# personal data in any log line, and error emails carry no request data (portal/logs.py).
LOGGING = logs.logging_config(json_lines=False, level="WARNING")
# Who is emailed about server errors: "ADMINS=ops@force.police.uk,oncall@force.police.uk".
ADMINS = [("Waymark", address.strip()) for address in os.environ.get("ADMINS", "").split(",") if address.strip()]
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.logs.NothingSensitiveFilter"

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
# Wrong return codes from one client (address, IPv6 /64) in the window: at most this many
# for one code, and this many in all; past either, that client is refused. Other clients are
# not: the owner's right code always opens (docs/decisions/0012-return-code-limits.md).
WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE = 5
WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 20
WAYMARK_RETURN_CODE_WINDOW_MINUTES = 15
# A warning is logged each time one code has had this many more wrong tries in the window.
WAYMARK_RETURN_CODE_LOCATOR_WARNING = 20
# The code a person follows a sent report with (reporting.services.followup) stops working
# this many days after it was last used, and this many days after the report was closed. The
# same per-client limits as return codes apply, counted in the same record.
WAYMARK_FOLLOW_UP_CODE_DAYS = int(os.environ.get("WAYMARK_FOLLOW_UP_CODE_DAYS", "365"))
WAYMARK_FOLLOW_UP_DAYS_AFTER_CLOSE = int(os.environ.get("WAYMARK_FOLLOW_UP_DAYS_AFTER_CLOSE", "90"))
# The periodic jobs: re-send anything the broker missed, and delete expired drafts.
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "reporting-outbox-sweep": {"task": "reporting.tasks.outbox_sweep", "schedule": 30.0},
    "reporting-drafts-purge": {"task": "reporting.tasks.drafts_purge", "schedule": 3600.0},
    "support-referral-notifications-sweep": {
        "task": "support.tasks.referral_notifications_sweep",
        "schedule": 300.0,
    },
    # Housekeeping: expired sessions hourly, old sign-in records daily (portal/services.py).
    "portal-sessions-clear": {"task": "portal.tasks.sessions_clear", "schedule": 3600.0},
    "portal-sign-in-records-purge": {"task": "portal.tasks.sign_in_records_purge", "schedule": 86400.0},
}
# django-axes' records of sign-ins and failed attempts are deleted after this many days.
WAYMARK_SIGN_IN_RECORD_DAYS = int(os.environ.get("WAYMARK_SIGN_IN_RECORD_DAYS", "90"))

# /readyz (portal/health.py): at most this many outbox messages waiting longer than this many
# minutes, and this many dead ones. Checks named in WAYMARK_READINESS_WARN_ONLY show "warn"
# and never make the answer 503 (docs/deployment.md).
WAYMARK_READINESS_OUTBOX_LATE_MINUTES = int(os.environ.get("WAYMARK_READINESS_OUTBOX_LATE_MINUTES", "15"))
WAYMARK_READINESS_OUTBOX_LATE_MAX = int(os.environ.get("WAYMARK_READINESS_OUTBOX_LATE_MAX", "20"))
WAYMARK_READINESS_OUTBOX_DEAD_MAX = int(os.environ.get("WAYMARK_READINESS_OUTBOX_DEAD_MAX", "0"))
WAYMARK_READINESS_WARN_ONLY = [
    name.strip() for name in os.environ.get("WAYMARK_READINESS_WARN_ONLY", "").split(",") if name.strip()
]
# Each check's result is shown to requests from loopback or WAYMARK_TRUSTED_PROXIES, and to
# those sending this token in the X-Readiness-Token header (empty: no token is accepted).
WAYMARK_READINESS_TOKEN = os.environ.get("WAYMARK_READINESS_TOKEN", "")

# The site's own address, for links in emails to agencies ("a new referral is waiting").
WAYMARK_SITE_URL = os.environ.get("WAYMARK_SITE_URL", "http://127.0.0.1:8000")
# Emails go nowhere but the console until a mail server is configured (production requires one).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "waymark@localhost")

# --- The API for force systems (/api/v1/, reporting/api/, docs/api.md) ---
# Each API view names its own authentication, scope and rate limit (reporting.api.views.ApiView);
# these defaults only make sure a view that forgot them lets nobody in and speaks only JSON.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Waymark API for force systems",
    "DESCRIPTION": "Pull a force's new reports, read one in full, acknowledge it with the force system's reference.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}
