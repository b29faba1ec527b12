"""Production settings on one machine, for `make serve-production`: gunicorn, a Celery worker
and beat exactly as a deployment runs them, but on SQLite in var/, over plain HTTP on
127.0.0.1, with emails printed to the console and a Celery queue in files under var/ (or Redis
when REDIS_URL is set).

Its secret key and encryption key are generated on first use and kept in var/, never the public
development key. Anything already in the environment wins, so DATABASE_URL can point it at
PostgreSQL.
"""

import base64
import json
import os
import secrets
from pathlib import Path

_VAR_DIR = Path(__file__).resolve().parent.parent.parent / "var"
_SECRETS_FILE = _VAR_DIR / "local-stack-secrets.json"


def _local_secrets() -> dict[str, str]:
    if not _SECRETS_FILE.exists():
        _VAR_DIR.mkdir(exist_ok=True)
        made = {"secret_key": secrets.token_urlsafe(50), "encryption_key": base64.b64encode(os.urandom(32)).decode()}
        descriptor = os.open(_SECRETS_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            json.dump(made, file)
    return json.loads(_SECRETS_FILE.read_text())


_secrets = _local_secrets()
# What production reads from the environment, given here unless the environment has it.
for _name, _value in {
    "SECRET_KEY": _secrets["secret_key"],
    "DATABASE_URL": f"sqlite:///{_VAR_DIR / 'local-stack.sqlite3'}",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WAYMARK_ENCRYPTION_KEYS": f"local:{_secrets['encryption_key']}",
    "WAYMARK_ENCRYPTION_CURRENT_KEY": "local",
    "EMAIL_HOST": "localhost",
    "DEFAULT_FROM_EMAIL": "waymark@localhost",
    "WAYMARK_SITE_URL": "http://127.0.0.1:8000",
}.items():
    os.environ.setdefault(_name, _value)

from .production import *  # noqa: E402, F403

# Plain HTTP on this machine: no redirect to HTTPS, no HSTS (it would pin 127.0.0.1 to HTTPS in
# the browser for two years), and cookies a browser keeps over HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "waymark_session"
CSRF_TRUSTED_ORIGINS = [f"http://{host}:8000" for host in ALLOWED_HOSTS]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo accounts make the stack usable; it serves nobody but this machine.
WAYMARK_DEMO_DATA_ALLOWED = True

if not REDIS_URL:
    # A real worker and beat without Redis: the queue is files under var/ (kombu's filesystem
    # transport), so tasks leave the web process as they do in production.
    _QUEUE_DIR = _VAR_DIR / "local-stack-queue"
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_BROKER_URL = "filesystem://"
    # Every folder under var/: kombu's default control folder is the current directory.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_QUEUE_DIR),
        "data_folder_out": str(_QUEUE_DIR),
        "control_folder": str(_QUEUE_DIR / "control"),
    }
