"""Redis (the broker) stopped for 60 seconds while people send reports, then started again:
sending still works, and every outbox message is delivered within two sweeper intervals of
Redis coming back.

The Redis is the test's own, on its own port (tests/stack/processes.py, Redis): the machine's
Redis on 6379 is never stopped.
"""

import os
import threading
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import DOMESTIC_ABUSE_ANSWERS

from .database import StackDatabase
from .processes import wait_for
from .walker import drive

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.redis]

PEOPLE = int(os.environ.get("WAYMARK_STACK_FAULT_PEOPLE", "10"))
BEFORE, OUTAGE, AFTER = 15.0, 60.0, 20.0
# Two intervals of the outbox sweep (CELERY_BEAT_SCHEDULE: every 30 seconds).
SWEEPS = timedelta(seconds=60)


def test_sending_survives_the_broker_stopping_and_the_outbox_catches_up(stack, record_figures):
    database = StackDatabase(stack.database_url)
    timeline: dict[str, datetime] = {}
    stop = threading.Event()

    def outage() -> None:
        if stop.wait(BEFORE):
            return
        stack.redis.stop()
        timeline["stopped"] = datetime.now(UTC)
        stop.wait(OUTAGE)  # the outage lasts this long, whatever the people do
        stack.redis.start()
        timeline["back"] = datetime.now(UTC)

    fault = threading.Thread(target=outage, name="redis-outage")
    fault.start()
    try:
        results = drive(
            stack.base_url, people=PEOPLE, seconds=BEFORE + OUTAGE + AFTER, answers=DOMESTIC_ABUSE_ANSWERS, stop=stop
        )
    finally:
        stop.set()
        fault.join(timeout=60)
    if not stack.redis.answers():
        stack.redis.start()
    assert "back" in timeline, "the outage did not complete"

    assert not results.failed, f"{len(results.failed)} people could not send: {results.failed[:5]}"
    assert not results.server_errors, f"server errors: {results.server_errors[:10]}"
    references = results.references
    sent_during = database.value(
        "SELECT count(*) FROM reporting_report WHERE submitted_at BETWEEN %s AND %s",
        timeline["stopped"],
        timeline["back"],
    )
    assert sent_during > 0, "nobody sent a report while Redis was down"
    assert sorted(database.references()) == sorted(references)
    assert database.partial_reports() == []

    deadline = timeline["back"] + SWEEPS
    remaining = (deadline - datetime.now(UTC)).total_seconds()
    try:
        wait_for(
            lambda: database.outbox_not_done(created_before=timeline["back"]) == 0,
            timeout=max(remaining, 0) + 1,
            what="the outbox messages written before Redis came back to be delivered",
        )
    except TimeoutError:
        stuck = database.rows(
            "SELECT status, attempts, last_error, created_at, locked_until FROM reporting_outboxmessage "
            "WHERE status <> 'done' AND created_at < %s ORDER BY created_at LIMIT 10",
            timeline["back"],
        )
        late = database.outbox_not_done(created_before=timeline["back"])
        pytest.fail(
            f"{late} outbox messages written before Redis came back were not delivered within "
            f"{SWEEPS.seconds} s of it: {database.outbox_statuses()}; stuck: {stuck!r}"
        )
    wait_for(lambda: database.outbox_not_done() == 0, timeout=SWEEPS.seconds, what="every outbox message to be done")
    caught_up = database.value(
        "SELECT extract(epoch FROM max(done_at) - %s)::float FROM reporting_outboxmessage WHERE created_at < %s",
        timeline["back"],
        timeline["back"],
    )
    assert database.unqueued() == 0
    record_figures(
        {
            "scenario": "redis stopped",
            "people": PEOPLE,
            "outage_s": OUTAGE,
            "reports": len(references),
            "reports_sent_while_down": sent_during,
            "statuses": results.statuses,
            "send_p50_ms": round(results.percentile("send", 0.5) * 1000),
            "send_p95_ms": round(results.percentile("send", 0.95) * 1000),
            "send_max_ms": round(max(results.timings["send"]) * 1000),
            "outbox_caught_up_after_redis_back_s": round(caught_up, 1),
        }
    )
