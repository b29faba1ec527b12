"""Which settings each entry point runs with (docs/decisions/0007-settings-per-entry-point.md):
the WSGI application and the Celery app default to production, manage.py to development, and
the development settings refuse any database but SQLite. So a process started against a real
database either runs with production settings or does not start."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

REAL_DATABASE = "postgres://waymark@db.example.police.uk:5432/waymark"
REFUSAL = "Development settings run on SQLite only"


def run_as_deployed(args, **env):
    # As an operator's shell would start it: no settings module chosen, only what is given here.
    ignored = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ["manage.py", "check"],
        ["manage.py", "referral_notifications_sweep"],
    ],
    ids=["check", "a-periodic-job"],
)
def test_development_settings_refuse_a_real_database(args):
    result = run_as_deployed(args, DATABASE_URL=REAL_DATABASE)

    assert result.returncode != 0, result.stdout
    assert REFUSAL in result.stderr


@pytest.mark.parametrize(
    "args",
    [["-c", "import portal.wsgi"], ["-m", "celery", "-A", "portal", "report"]],
    ids=["wsgi", "celery"],
)
def test_the_web_server_and_the_worker_default_to_production_settings(args):
    result = run_as_deployed(args, DATABASE_URL=REAL_DATABASE)

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.parametrize("database_url", [None, "sqlite:///:memory:"], ids=["unset", "sqlite"])
def test_development_settings_still_load_on_sqlite(database_url):
    env = {"DATABASE_URL": database_url} if database_url else {}

    result = run_as_deployed(["manage.py", "check"], **env)

    assert result.returncode == 0, result.stderr


def test_test_settings_accept_a_real_database():
    # CI runs the suite against PostgreSQL through DATABASE_URL: the rule is for dev settings only.
    script = "import django; django.setup(); from django.db import connection; print(connection.vendor)"

    result = run_as_deployed(["-c", script], DATABASE_URL=REAL_DATABASE, DJANGO_SETTINGS_MODULE="portal.settings.test")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "postgresql"
