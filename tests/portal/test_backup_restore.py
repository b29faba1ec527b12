"""The restore drill of docs/runbooks/backup-and-restore.md, on PostgreSQL: a `pg_dump` of a
database, restored with `pg_restore` into a new database, opens its sealed values with the
same encryption keys (and only with them), and its audit trail's hash chain is intact."""

import os
import subprocess
import sys

import psycopg
import pytest
from django.db import connection

from portal.audit import audit_record
from tests.conftest import REPO, _database_url_for
from tests.factories import DOMESTIC_ABUSE_ANSWERS, staff_user, submitted_report

pytestmark = pytest.mark.postgres

# Run against the restored database, as the application would open it.
READ_BACK = """
import django; django.setup()
from portal.audit import audit_chain_broken_at
from portal.models import AuditEvent
from reporting.models import Report
report = Report.objects.get()
print(report.answers["values"]["what_happened"])
print(AuditEvent.objects.get(action="restore_drill").reason)
print(audit_chain_broken_at())
"""
OTHER_KEY = "pVwXL6WcWmN3y2kHcD0CyVv8sHHd9Vn1o9A0N7q6SxQ="


def read_back(database_url: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=database_url, **env)
    return subprocess.run(
        [sys.executable, "-c", READ_BACK], cwd=REPO, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def restored_database():
    """An empty database of this test's own, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_drill"
    url = _database_url_for(name)
    with psycopg.connect(_database_url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        with psycopg.connect(_database_url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_dump_opens_its_sealed_values_with_the_same_keys(
    forces, transactional_db, audit_trail_emptied_afterwards, restored_database, tmp_path
):
    submitted_report(dict(DOMESTIC_ABUSE_ANSWERS, what_happened="Restore drill canary"))
    audit_record(
        actor=staff_user(), action="restore_drill", object_type="report", object_id="x", reason="Sealed reason"
    )
    dump = tmp_path / "waymark.dump"

    subprocess.run(
        ["pg_dump", "--format=custom", "--file", str(dump), _database_url_for(connection.settings_dict["NAME"])],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", restored_database, str(dump)],
        check=True,
        capture_output=True,
    )

    same_keys = read_back(restored_database)
    assert same_keys.returncode == 0, same_keys.stderr
    assert same_keys.stdout.splitlines() == ["Restore drill canary", "Sealed reason", "None"]
    with psycopg.connect(restored_database) as restored:
        stored = restored.execute("SELECT answers FROM reporting_report").fetchone()[0]
    assert "Restore drill canary" not in stored
    other_keys = read_back(
        restored_database, WAYMARK_ENCRYPTION_KEYS=f"other:{OTHER_KEY}", WAYMARK_ENCRYPTION_CURRENT_KEY="other"
    )
    assert other_keys.returncode != 0
    assert "EncryptionError" in other_keys.stderr
