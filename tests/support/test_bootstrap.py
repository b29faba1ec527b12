"""`manage.py bootstrap`: what a deployment runs on every deploy. From an empty database it
makes one that takes reports into the force's queue, a second run changes nothing, it works
under production settings, and it never creates demo data."""

import io
import json

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from portal.models import User
from reporting.models import Force, ForceGrade, Report, StaffMember
from support.models import SupportAgency, SupportService
from tests.factories import DOMESTIC_ABUSE_ANSWERS, MET, staff_user, verified_client, walk_journey
from tests.portal.test_production_settings import run_in_production

JOURNEY = "domestic-abuse"
REFERENCE_MODELS = ["reporting.Force", "reporting.ForceGrade", "support.SupportService", "support.OpeningPeriod"]


def bootstrap() -> str:
    out = io.StringIO()
    call_command("bootstrap", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def every_count() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def reference_data() -> str:
    out = io.StringIO()
    call_command("dumpdata", *REFERENCE_MODELS, stdout=out)
    return out.getvalue()


def test_on_an_empty_database_a_report_can_be_sent_and_reaches_the_forces_queue(
    client, db, django_capture_on_commit_callbacks
):
    assert not Force.objects.exists()

    bootstrap()
    walk_journey(client, JOURNEY, DOMESTIC_ABUSE_ANSWERS)
    check = reverse("reporting:journey_check_answers", args=[JOURNEY])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check, {"submission_key": client.get(check).context["submission_key"]})

    assert response["Location"] == reverse("reporting:journey_sent", args=[JOURNEY])
    report = Report.objects.get()
    assert report.force.code == MET
    assert report.queued_at is not None
    handler = verified_client(client, staff_user(force_code=MET))
    assert report.reference in handler.get(reverse("reporting:staff_queue")).content.decode()


def test_it_loads_every_kind_of_reference_data_that_readiness_checks(db):
    output = bootstrap()

    assert Force.objects.filter(accepts_reports=True).exists()
    assert ForceGrade.objects.exists()
    assert SupportService.objects.exists()
    assert "Waymark is ready" in output


def test_a_second_run_changes_nothing(db):
    bootstrap()
    counts, data = every_count(), reference_data()

    bootstrap()

    assert every_count() == counts
    assert reference_data() == data


def test_it_never_creates_demo_data(db, settings):
    settings.WAYMARK_DEMO_DATA_ALLOWED = True  # even where demo data would be allowed

    bootstrap()

    assert not User.objects.exists()
    assert not StaffMember.objects.exists()
    assert not SupportAgency.objects.exists()
    assert not Report.objects.exists()


# A deployment's first report, sent over HTTP under production settings after bootstrap alone.
FIRST_REPORT = """
import re, django; django.setup()
from django.test import Client
from django.urls import reverse
from reporting.models import Report
from tests.factories import DOMESTIC_ABUSE_ANSWERS, walk_journey
client = Client(HTTP_HOST="report.example.police.uk")
walk_journey(client, "domestic-abuse", DOMESTIC_ABUSE_ANSWERS)
check = reverse("reporting:journey_check_answers", args=["domestic-abuse"])
key = re.search(r'name="submission_key" value="([^"]+)"', client.get(check).content.decode()).group(1)
sent = client.post(check, {"submission_key": key})
report = Report.objects.get()
print(sent.status_code, sent["Location"], report.force.code, report.queued_at is not None)
"""

COUNTS = """
import django, json; django.setup()
from django.apps import apps
print(json.dumps({m._meta.label: m.objects.count() for m in apps.get_models()}))
"""


def bootstrap_in_production(tmp_path, database_url: str):
    env = {"DATABASE_URL": database_url, "SECURE_SSL_REDIRECT": "false"}
    static = run_in_production(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], tmp_path, **env)
    assert static.returncode == 0, static.stderr
    first = run_in_production(["manage.py", "bootstrap"], tmp_path, **env)
    assert first.returncode == 0, first.stdout + first.stderr
    counts = run_in_production(["-c", COUNTS], tmp_path, **env)
    second = run_in_production(["manage.py", "bootstrap"], tmp_path, **env)
    assert second.returncode == 0, second.stdout + second.stderr
    counts_again = run_in_production(["-c", COUNTS], tmp_path, **env)
    assert json.loads(counts_again.stdout) == json.loads(counts.stdout)
    report = run_in_production(["-c", FIRST_REPORT], tmp_path, **env)
    assert report.returncode == 0, report.stderr
    return report.stdout.strip().splitlines()[-1]


def test_under_production_settings_an_empty_database_takes_its_first_report(tmp_path):
    seen = bootstrap_in_production(tmp_path, f"sqlite:///{tmp_path / 'empty.sqlite3'}")

    assert seen == f"302 /report/domestic-abuse/sent/ {MET} True"


@pytest.mark.postgres
def test_under_production_settings_an_empty_postgresql_database_takes_its_first_report(tmp_path):
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    server = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    name = "waymark_bootstrap_empty_drill"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        seen = bootstrap_in_production(tmp_path, f"{server}/{name}")
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert seen == f"302 /report/domestic-abuse/sent/ {MET} True"
