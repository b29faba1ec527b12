"""With the real services: Redis stops, people keep sending reports, and every report reaches
its force's queue once Redis is back (issue 4)."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from reporting import outbox
from reporting.models import OutboxMessage, Report
from tests.brokers import RedisServer, broker, start_worker
from tests.conftest import REPO, _database_url_for
from tests.factories import submitted_report


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker_on(own_redis):
    """A real Celery worker, consuming from the test's own Redis, against the test database."""
    worker = start_worker(
        repo=REPO,
        name="outage",
        REDIS_URL=own_redis.url,
        DATABASE_URL=_database_url_for(connection.settings_dict["NAME"]),
    )
    yield worker
    worker.terminate()
    worker.wait(timeout=30)


def wait_until(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting until {what}")
        time.sleep(0.1)  # between checks of the condition itself


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_reports_sent_while_redis_is_down_reach_their_queue_when_it_is_back(forces, own_redis, worker_on):
    with broker(own_redis.url):
        own_redis.stop()

        started = time.monotonic()
        reports = [submitted_report() for _ in range(3)]
        sending_took = time.monotonic() - started

        assert Report.objects.count() == 3
        assert not Report.objects.filter(queued_at__isnull=False).exists()
        assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.PENDING}

        own_redis.start()
        # What celery beat does every 30 seconds; "later" so the back-off after the failure has passed.
        outbox.sweep(now=timezone.now() + timedelta(minutes=5))

        wait_until(
            lambda: Report.objects.filter(queued_at__isnull=False).count() == 3,
            seconds=60,
            what="the worker put every report in its force's queue",
        )

    queueing = OutboxMessage.objects.filter(handler="reporting.report_queue")
    assert set(queueing.values_list("status", flat=True)) == {OutboxMessage.Status.DONE}
    assert {report.force.code for report in reports} == {"E23000001"}
    # Only the first report waited for the dead broker; the others went straight to the sweeper.
    assert sending_took < 30
