"""The production stack for the stack tests: set up once per session (static files, a
migrated template database), then per test module a fresh database, a Redis of its own, an
SMTP sink, and gunicorn, a Celery worker and beat under production settings.

Needs PostgreSQL (DATABASE_URL: the server whose databases the stack uses) and redis-server;
without them the tests are skipped, or fail in CI (tests/conftest.py, service_unavailable).
"""

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests.conftest import service_unavailable

from .processes import REPO, Postgres, Redis, SmtpSink, Stack, free_port, manage, postgres_binaries, stack_environment

FIGURES: list[dict] = []
LOGS = REPO / "var" / "stack-logs"
# The agency that receives the Metropolitan Police's domestic abuse referrals in these tests.
AGENCY_EMAIL = "referrals@agency.stack.test"
SETUP_AGENCY = (
    "from tests.factories import support_agency; "
    f"support_agency('Stack Test Domestic Abuse Service', notification_email={AGENCY_EMAIL!r})"
)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("production stack figures")
        for figures in FIGURES:
            terminalreporter.write_line(json.dumps(figures))
    path = os.environ.get("WAYMARK_STACK_FIGURES")
    if FIGURES and path:
        Path(path).write_text(json.dumps(FIGURES, indent=2) + "\n")


@pytest.fixture
def record_figures():
    return FIGURES.append


def _server_url(database: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}"


def _admin(url: str):
    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def _database_recreate(server_url: str, name: str, *, template: str | None = None) -> str:
    with _admin(server_url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _database_drop(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def reference_data_load(env: dict[str, str]) -> None:
    """What a deployment loads before its first report, and an agency taking referrals."""
    manage(env, "migrate", "--noinput")
    for command in ("load_forces", "load_grade_schemes", "load_support_services"):
        manage(env, command)
    manage(env, "shell", "-c", SETUP_AGENCY)


def _requirements() -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        service_unavailable("PostgreSQL (set DATABASE_URL)")
    if not shutil.which("redis-server"):
        service_unavailable("redis-server")


@pytest.fixture(scope="session")
def stack_directory(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stack")


def _environment(directory: Path, *, database_url: str, redis_url: str = "redis://127.0.0.1:1/0", smtp_port: int = 1):
    return stack_environment(
        database_url=database_url,
        redis_url=redis_url,
        smtp_port=smtp_port,
        static_root=directory / "static",
        bind=f"127.0.0.1:{free_port()}",
    )


@pytest.fixture(scope="session")
def stack_template(stack_directory):
    """collectstatic once, and a migrated database with the reference data to copy."""
    _requirements()
    base = settings.DATABASES["default"]["NAME"].removeprefix("test_")
    template_url = _database_recreate(_server_url(base), f"{base}_stack_template")
    env = _environment(stack_directory, database_url=template_url)
    # Two processes at once: the static files do not need the database.
    with ThreadPoolExecutor(2) as both:
        static = both.submit(manage, env, "collectstatic", "--noinput", "--verbosity", "0")
        reference_data_load(env)
        static.result()
    try:
        yield template_url
    finally:
        _database_drop(template_url)


def _database_copy(source_url: str, target_url: str, *, directory: Path) -> None:
    """The template's schema and data into another server's database, by pg_dump and
    pg_restore (the server's own binaries): seconds, where migrating it again takes minutes."""
    binaries = postgres_binaries()
    dump = str(directory / "template.dump")
    for command in (
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", dump, source_url],
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", target_url, dump],
    ):
        done = subprocess.run([str(binaries / command[0]), *command[1:]], capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed:\n{done.stderr}")


@contextmanager
def running_stack(name: str, *, stack_directory: Path, database_url: str):
    """A Redis, an SMTP sink and the stack for one test module; everything stopped at the end.
    Their logs stay in var/stack-logs/<module>/ until the module runs again."""
    directory = LOGS / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    redis = Redis(directory)
    sink = SmtpSink()
    stack = None
    try:
        redis.start()
        sink.start()
        env = _environment(stack_directory, database_url=database_url, redis_url=redis.url, smtp_port=sink.port)
        stack = Stack(env=env, log_dir=directory)
        stack.start()
        stack.redis, stack.sink, stack.database_url = redis, sink, database_url
        yield stack
    finally:
        if stack is not None:
            stack.stop()
        redis.stop()
        sink.stop()


@pytest.fixture(scope="module")
def stack(request, stack_template, stack_directory):
    """The stack on a fresh copy of the template database on the machine's PostgreSQL."""
    name = request.module.__name__.rsplit(".", 1)[-1]
    template = stack_template.rsplit("/", 1)[1]
    url = _database_recreate(stack_template, f"{template.removesuffix('_template')}_{name}", template=template)
    try:
        with running_stack(name, stack_directory=stack_directory, database_url=url) as running:
            yield running
    finally:
        _database_drop(url)


@pytest.fixture(scope="module")
def own_postgres(stack_template, stack_directory):
    """A disposable PostgreSQL cluster of the test's own, with a copy of the template
    database (migrated, with the reference data), that the test may stop."""
    if postgres_binaries() is None:
        service_unavailable("PostgreSQL server binaries (/usr/lib/postgresql/*/bin)")
    # Not under pytest's own temporary folder, which only root may enter: as root, the
    # cluster runs as the postgres user.
    cluster = Postgres(Path(tempfile.mkdtemp(prefix="waymark-stack-postgres-")))
    try:
        cluster.init()
        cluster.start()
        url = _database_recreate(cluster.url("postgres"), "waymark")
        _database_copy(stack_template, url, directory=stack_directory)
        cluster.database_url = url
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(cluster.directory, ignore_errors=True)


@pytest.fixture(scope="module")
def stack_on_own_postgres(own_postgres, stack_directory):
    with running_stack(
        "on_own_postgres", stack_directory=stack_directory, database_url=own_postgres.database_url
    ) as running:
        yield running
