"""Production: every secret and host comes from the environment, and the app refuses to
start without them. See the README for the variables."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal import encryption, logs

from .base import *  # noqa: F403


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


SECRET_KEY = required("SECRET_KEY")
required("DATABASE_URL")
ALLOWED_HOSTS = [host.strip() for host in required("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
# Probes ask the server directly over HTTP; a redirect would pass for success (portal/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if os.environ.get("BEHIND_TLS_PROXY", "").lower() == "true":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix pins the cookie to this exact host, over HTTPS, for the whole site.
SESSION_COOKIE_NAME = "__Host-waymark_session"

WAYMARK_SITE_URL = f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else ""
WAYMARK_SITE_URL = os.environ.get("WAYMARK_SITE_URL", WAYMARK_SITE_URL)
# Notifications to agencies (no personal data in them) go through the force's mail server.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = required("EMAIL_HOST")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")

STATIC_ROOT = os.environ.get("STATIC_ROOT", str(VAR_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.StaticStorage"},
}

# One JSON object per line on standard error, for the force's log collector (portal/logs.py).
LOGGING = logs.logging_config(json_lines=True, level=os.environ.get("WAYMARK_LOG_LEVEL", "INFO"))
# The Celery worker and beat log through the same configuration, not Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The sender of error emails to ADMINS.
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Reporting: encryption keys come from the environment, never the development default ---
# WAYMARK_ENCRYPTION_KEYS is "id:base64,id:base64" (32 random bytes each); the current key
# seals every new value, the others only open old ones (see portal/encryption.py).
WAYMARK_ENCRYPTION_KEYS = {}
for _entry in required("WAYMARK_ENCRYPTION_KEYS").split(","):
    _key_id, _separator, _key = _entry.strip().partition(":")
    if not _separator:
        raise ImproperlyConfigured("WAYMARK_ENCRYPTION_KEYS must be id:base64 pairs separated by commas.")
    WAYMARK_ENCRYPTION_KEYS[_key_id] = _key
WAYMARK_ENCRYPTION_CURRENT_KEY = required("WAYMARK_ENCRYPTION_CURRENT_KEY")
# The development key is in the public repository: anything sealed with it is readable by
# anyone. Refused here, not only by `check --deploy`, because a running server never runs that.
if encryption.development_key_configured(WAYMARK_ENCRYPTION_KEYS):
    raise ImproperlyConfigured(
        "WAYMARK_ENCRYPTION_KEYS holds the public development encryption key (or its id "
        f"{encryption.DEVELOPMENT_KEY_ID!r}): generate new keys for production, see the README."
    )
