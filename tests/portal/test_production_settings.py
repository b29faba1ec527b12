"""Production settings, checked in a separate process so they are read as a deployment
reads them: from environment variables alone."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-tests-only-0123456789",
    "ALLOWED_HOSTS": "report.example.police.uk",
    "DATABASE_URL": "sqlite:///:memory:",
    "WAYMARK_ENCRYPTION_KEYS": "test:pVwXL6WcWmN3y2kHcD0CyVv8sHHd9Vn1o9A0N7q6SxQ=",
    "WAYMARK_ENCRYPTION_CURRENT_KEY": "test",
    "EMAIL_HOST": "smtp.example.police.uk",
    "DEFAULT_FROM_EMAIL": "waymark@example.police.uk",
}


def run_in_production(args, tmp_path, **extra_env):
    # Only what a deployment would set: none of the test run's own switches.
    ignored = ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(PRODUCTION_ENV, STATIC_ROOT=str(tmp_path / "static"), **extra_env)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_agency_emails_link_to_the_site_itself(tmp_path):
    script = "import django; django.setup(); from django.conf import settings; print(settings.WAYMARK_SITE_URL)"
    result = run_in_production(["-c", script], tmp_path)

    assert result.stdout.strip() == "https://report.example.police.uk", result.stderr


def test_deploy_check_reports_nothing(tmp_path):
    result = run_in_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "WAYMARK_ENCRYPTION_KEYS",
        "WAYMARK_ENCRYPTION_CURRENT_KEY",
        "EMAIL_HOST",
        "DEFAULT_FROM_EMAIL",
    ],
)
def test_production_refuses_to_start_without_its_settings(tmp_path, missing):
    result = run_in_production(["manage.py", "check"], tmp_path, **{missing: ""})

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
from django.test import Client
client = Client()
home = client.get("/", secure=True, headers={"host": "report.example.police.uk"})
insecure = client.get("/", headers={"host": "report.example.police.uk"})
session_page = client.get("/staff/sign-in/", secure=True, headers={"host": "report.example.police.uk"})
cookie = next(iter(session_page.cookies.values()))
print(json.dumps({
    "hsts": home.get("Strict-Transport-Security"),
    "insecure_status": insecure.status_code,
    "insecure_location": insecure.get("Location"),
    "cookie_name": cookie.key,
    "cookie_secure": bool(cookie["secure"]),
    "cookie_httponly": bool(cookie["httponly"]),
    "home_html": home.content.decode(),
}))
"""


def test_production_pins_https_and_secure_cookies_and_serves_hashed_assets(tmp_path):
    result = run_in_production(["-c", HEADERS_SCRIPT], tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["hsts"] == "max-age=63072000; includeSubDomains; preload"
    assert seen["insecure_status"] == 301
    assert seen["insecure_location"].startswith("https://")
    assert seen["cookie_name"] == "__Host-waymark_session"
    assert seen["cookie_secure"] and seen["cookie_httponly"]
    hashed = sorted(path.name for path in (tmp_path / "static").glob("waymark.*.js"))
    assert hashed, "collectstatic wrote no hashed module"
    assert f'src="/static/{hashed[0]}"' in seen["home_html"]
    module = (tmp_path / "static" / hashed[0]).read_text()
    # The module's import must name the hashed file, or browsers would load a stale script.
    assert 'from "./govuk-frontend.min.js"' not in module
    assert 'from "./govuk-frontend.min.' in module


DEVELOPMENT_KEY = "5pALzqka3E3LhPbJGXClkKE5VDo4iegY1Vi7NCsi8AY="


@pytest.mark.parametrize(
    ("keys", "current"),
    [
        (f"dev:{DEVELOPMENT_KEY}", "dev"),
        (f"2026-11:{DEVELOPMENT_KEY}", "2026-11"),
        ("dev:pVwXL6WcWmN3y2kHcD0CyVv8sHHd9Vn1o9A0N7q6SxQ=", "dev"),
        (f"test:pVwXL6WcWmN3y2kHcD0CyVv8sHHd9Vn1o9A0N7q6SxQ=,old:{DEVELOPMENT_KEY}", "test"),
    ],
    ids=["the-development-key", "its-bytes-under-another-id", "its-id", "kept-as-an-old-key"],
)
@pytest.mark.parametrize("entry_point", ["web", "worker"])
def test_production_refuses_the_public_development_key_at_start_up(tmp_path, keys, current, entry_point):
    # The web server loads the settings through portal.wsgi; the worker through the Celery app.
    load = {
        "web": "import portal.wsgi",
        "worker": "from portal.celery import app; print(app.conf.task_serializer)",
    }[entry_point]

    result = run_in_production(
        ["-c", load], tmp_path, WAYMARK_ENCRYPTION_KEYS=keys, WAYMARK_ENCRYPTION_CURRENT_KEY=current
    )

    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert "development encryption key" in result.stderr
