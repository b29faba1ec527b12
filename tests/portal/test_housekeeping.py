"""Expired sessions and old sign-in records are deleted on a schedule (Celery beat, or a
scheduler running the management commands)."""

from datetime import timedelta
from io import StringIO

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from portal import tasks
from portal.celery import app


def sign_in_records(days_old: int, username: str) -> None:
    fields = {"username": username, "ip_address": "198.51.100.1", "user_agent": "test", "http_accept": "*/*"}
    made = [
        AccessLog.objects.create(**fields),
        AccessFailureLog.objects.create(**fields),
        AccessAttempt.objects.create(**fields, get_data="", post_data="", failures_since_start=1),
    ]
    for record in made:
        type(record).objects.filter(pk=record.pk).update(attempt_time=timezone.now() - timedelta(days=days_old))


def test_sign_in_records_older_than_the_retention_are_deleted(db, settings):
    settings.WAYMARK_SIGN_IN_RECORD_DAYS = 90
    sign_in_records(91, "old")
    sign_in_records(89, "recent")
    output = StringIO()

    call_command("sign_in_records_purge", stdout=output)

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert list(model.objects.values_list("username", flat=True)) == ["recent"], model
    assert "Sign-in records deleted: 3" in output.getvalue()


def test_expired_sessions_are_cleared_by_the_task(db):
    Session.objects.create(session_key="expired" * 4, session_data="", expire_date=timezone.now() - timedelta(hours=1))
    Session.objects.create(session_key="current" * 4, session_data="", expire_date=timezone.now() + timedelta(hours=1))

    tasks.sessions_clear.delay()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["current" * 4]


def test_the_sign_in_records_task_runs_the_same_purge(db):
    sign_in_records(400, "old")

    tasks.sign_in_records_purge.delay()

    assert not AccessLog.objects.exists()


def test_beat_runs_the_housekeeping(db):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    app.loader.import_default_modules()  # what a worker does when it starts

    assert {"portal.tasks.sessions_clear", "portal.tasks.sign_in_records_purge"} <= scheduled
    assert scheduled <= set(app.tasks), "every scheduled task exists"
