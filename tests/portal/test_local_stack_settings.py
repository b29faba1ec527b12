"""The settings of `make serve-production`: production's, made to run on one machine over HTTP."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from portal import encryption
print(json.dumps({
    "debug": settings.DEBUG,
    "development_key": encryption.development_key_configured(settings.WAYMARK_ENCRYPTION_KEYS),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "email": settings.EMAIL_BACKEND,
    "demo": settings.WAYMARK_DEMO_DATA_ALLOWED,
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def test_the_local_stack_is_production_without_https_and_with_a_generated_key():
    ignored = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "WAYMARK_ENCRYPTION_KEYS", "WAYMARK_ENCRYPTION_CURRENT_KEY")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.local_stack"

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "debug": False,
        "development_key": False,
        "ssl_redirect": False,
        "hsts": 0,
        "email": "django.core.mail.backends.console.EmailBackend",
        "demo": True,
        "eager": False,
        "storage": "portal.storage.StaticStorage",
    }
