"""The development settings (make run), read in a separate process as `manage.py` reads them."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO
from tests.portal.test_security_headers import assert_safe_headers

DEBUG_RESPONSES = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False)
missing = client.get("/no-such-page/", headers={"host": "127.0.0.1"})
print(json.dumps({
    "debug": settings.DEBUG,
    "status": missing.status_code,
    "headers": dict(missing.headers),
}))
"""


def test_debug_404_pages_carry_the_security_headers_too():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", DATABASE_URL="sqlite:///:memory:")

    result = subprocess.run(
        [sys.executable, "-c", DEBUG_RESPONSES], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is True
    assert seen["status"] == 404
    # The headers as a plain dict: all assert_safe_headers reads of a response.
    assert_safe_headers(seen["headers"], "404 under DEBUG")
