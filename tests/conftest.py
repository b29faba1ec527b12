"""Fixtures shared by the whole suite, and the rule for tests that need real services.

A test marked `postgres`, `redis` or `browser` runs when that service is there. On a laptop
without it, the test is skipped and the summary says so; in CI (WAYMARK_REQUIRE_SERVICES=1)
a missing service fails the run instead, so a green CI always means the real thing ran.
"""

import importlib
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
REQUIRE_SERVICES = os.environ.get("WAYMARK_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

_not_run: Counter[str] = Counter()


def service_unavailable(what: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required in CI (WAYMARK_REQUIRE_SERVICES=1) but is not available.", pytrace=False)
    _not_run[what] += 1
    pytest.skip(f"{what} is not available here")


def redis_reachable() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def pytest_sessionstart(session):
    if REQUIRE_SERVICES and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit("CI must run on PostgreSQL: set DATABASE_URL.", returncode=3)


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        service_unavailable("PostgreSQL (set DATABASE_URL)")
    if item.get_closest_marker("redis") and not redis_reachable():
        service_unavailable("Redis (set REDIS_URL)")
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        service_unavailable(f"Chromium at {CHROMIUM}")


def pytest_terminal_summary(terminalreporter):
    if _not_run:
        terminalreporter.section("tests that could not run here")
        for what, count in sorted(_not_run.items()):
            terminalreporter.write_line(f"{count} test(s) need {what}")


@pytest.fixture(scope="session")
def _celery_worker(django_db_setup, django_db_blocker):
    """A real Celery worker consuming from Redis, against the test database."""
    if not redis_reachable():
        service_unavailable("Redis (set REDIS_URL)")
    from portal.celery import app
    from tests.brokers import start_worker

    with django_db_blocker.unblock():
        test_db = connection.settings_dict["NAME"]
    env = {"DATABASE_URL": _database_url_for(test_db)} if connection.vendor == "postgresql" else {}
    app.control.purge()
    worker = start_worker(repo=REPO, name="test", **env)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("The Celery worker did not start.", pytrace=False)
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.fixture
def celery_worker_process(_celery_worker):
    """For this test, tasks go through Redis to the real worker instead of running in-process."""
    from portal.celery import app

    app.conf.task_always_eager = False
    try:
        yield _celery_worker
    finally:
        app.conf.task_always_eager = True


def _database_url_for(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Welsh leaves Welsh active in the thread; the next test starts in English."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def audit_trail_emptied_afterwards(transactional_db):
    """For tests that commit audit events (browser tests, concurrency tests). The database will
    not let anyone delete from the audit trail (portal migration 0003). PostgreSQL empties it
    between tests with TRUNCATE, which the trigger allows; SQLite's flush deletes row by row, so
    there the trigger is lifted for the clean-up only and put back exactly as the migration made it."""
    yield
    if connection.vendor == "sqlite":
        migration = importlib.import_module("portal.migrations.0003_audit_event_append_only")
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER portal_auditevent_no_delete")
            cursor.execute("DELETE FROM portal_auditevent")
            cursor.execute(migration.SQLITE_FORWARD[1])


@pytest.fixture
def forces(db):
    from reporting.services import forces_sync

    forces_sync()
