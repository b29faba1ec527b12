"""/healthz (the process answers) and /readyz (the site can do its work), for probes."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from reporting.models import OutboxMessage
from support.models import SupportService
from tests.factories import grade_schemes
from tests.portal.test_production_settings import run_in_production

EVERY_CHECK = {
    "database",
    "broker",
    "forces",
    "grade_schemes",
    "outbox_backlog",
    "outbox_dead",
    "support_services",
    "bank_holidays",
}


def national_service():
    SupportService.objects.create(
        slug="helpline", name="A helpline", description="Listens.", categories=["domestic_abuse"]
    )


@pytest.fixture
def reference_data(forces):
    grade_schemes()
    national_service()


def database_down():
    """Every query fails as it does when the database server cannot be reached."""
    failure = OperationalError('could not connect to server at "db.internal.example" (10.1.2.3)')
    return mock.patch.object(connections["default"], "ensure_connection", side_effect=failure)


def outbox_message(status=OutboxMessage.Status.PENDING, *, minutes_old=0):
    message = OutboxMessage.objects.create(topic="report.submitted", handler="test", payload={}, status=status)
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_old))
    return message


def test_liveness_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0), database_down():
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert "Set-Cookie" not in response


def test_ready_when_everything_is_there(client, reference_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/readyz")

    assert response.status_code == 200, response.content
    assert response.json() == {"status": "ok", "checks": dict.fromkeys(EVERY_CHECK, "ok")}


def test_not_ready_without_the_reference_data(client, db):
    response = client.get("/readyz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["forces"] == checks["grade_schemes"] == checks["support_services"] == "fail"
    assert checks["database"] == "ok"


def test_forces_without_a_grade_scheme_are_not_ready(client, forces):
    national_service()

    assert client.get("/readyz").json()["checks"]["grade_schemes"] == "fail"


def test_not_ready_without_the_database_and_nothing_about_it_is_told(client, reference_data):
    with database_down():
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "fail"
    body = response.content.decode()
    assert "db.internal" not in body and "10.1.2.3" not in body and "OperationalError" not in body


def test_an_unreachable_broker_is_not_ready(client, reference_data, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "fail"


def test_a_backlog_of_late_outbox_messages_is_not_ready(client, reference_data, settings):
    settings.WAYMARK_READINESS_OUTBOX_LATE_MINUTES = 15
    settings.WAYMARK_READINESS_OUTBOX_LATE_MAX = 2
    outbox_message(minutes_old=60)
    outbox_message(OutboxMessage.Status.DISPATCHED, minutes_old=60)
    outbox_message(minutes_old=1)  # not late yet
    outbox_message(OutboxMessage.Status.DONE, minutes_old=60)

    assert client.get("/readyz").status_code == 200

    outbox_message(minutes_old=20)
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["outbox_backlog"] == "fail"
    assert "3" not in response.content.decode(), "the body gives no counts"


def test_dead_outbox_messages_are_not_ready_unless_they_only_warn(client, reference_data, settings):
    outbox_message(OutboxMessage.Status.DEAD)

    failing = client.get("/readyz")
    settings.WAYMARK_READINESS_WARN_ONLY = ["outbox_dead"]
    warning = client.get("/readyz")

    assert failing.status_code == 503 and failing.json()["checks"]["outbox_dead"] == "fail"
    assert warning.status_code == 200 and warning.json()["checks"]["outbox_dead"] == "warn"


def test_bank_holidays_running_out_only_warn(client, reference_data, time_machine):
    time_machine.move_to("2027-11-01 12:00+00:00")

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["bank_holidays"] == "warn"


def test_the_probes_need_no_sign_in_and_are_not_sent_to_https(client, db, settings, tmp_path):
    script = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT)"
    result = run_in_production(["-c", script], tmp_path)
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = json.loads(result.stdout.replace("'", '"'))

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503  # answered, not redirected
    assert client.get("/").status_code == 301


def test_only_get_and_head(client, db):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_anyone_else_is_told_only_whether_the_site_is_ready(client, db):
    response = client.get("/readyz", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 503
    assert response.json() == {"status": "fail"}


def test_a_trusted_proxy_sees_each_check_but_not_a_client_it_forwards(client, db, settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["10.0.0.5"]

    probe = client.get("/readyz", REMOTE_ADDR="10.0.0.5")
    forwarded = client.get("/readyz", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    forged = client.get("/readyz", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1")

    assert probe.json()["checks"]["forces"] == "fail"
    assert forwarded.status_code == forged.status_code == 503
    assert forwarded.json() == forged.json() == {"status": "fail"}


def test_a_probe_with_the_configured_token_sees_each_check(client, db, settings):
    settings.WAYMARK_READINESS_TOKEN = "probe-token-7f3a9c21e4b8"

    with_token = client.get("/readyz", REMOTE_ADDR="203.0.113.9", HTTP_X_READINESS_TOKEN="probe-token-7f3a9c21e4b8")
    wrong = client.get("/readyz", REMOTE_ADDR="203.0.113.9", HTTP_X_READINESS_TOKEN="guess")

    assert with_token.json()["checks"]["forces"] == "fail"
    assert wrong.json() == {"status": "fail"}
