"""30 people sending complete domestic abuse reports at once, for a minute, through the
production stack: nothing lost, nothing duplicated, no server error.

WAYMARK_STACK_LOAD_SECONDS changes the duration (default 60, which keeps the whole stage
within its 10 minutes in CI; 120 found nothing 60 does not, docs/reliability.md) and
WAYMARK_STACK_PEOPLE the number of people (default 30).
"""

import os
import time

import pytest

from tests.factories import DOMESTIC_ABUSE_ANSWERS

from .database import StackDatabase
from .processes import wait_for
from .walker import drive

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.redis]

SECONDS = float(os.environ.get("WAYMARK_STACK_LOAD_SECONDS", "60"))
PEOPLE = int(os.environ.get("WAYMARK_STACK_PEOPLE", "30"))
# Every report reaches its force's queue within this long after the load ends: two
# sweeper intervals (settings: the outbox sweep runs every 30 seconds).
QUEUE_DEADLINE = 60


def test_people_sending_reports_at_once_lose_and_duplicate_nothing(stack, record_figures):
    database = StackDatabase(stack.database_url)

    results = drive(stack.base_url, people=PEOPLE, seconds=SECONDS, answers=DOMESTIC_ABUSE_ANSWERS)
    ended = time.monotonic()

    references = results.references
    assert results.outcomes, "nobody got through"
    assert not results.failed, f"{len(results.failed)} people could not send: {results.failed[:5]}"
    assert not results.server_errors, f"server errors: {results.server_errors[:10]}"
    assert len(set(references)) == len(references), "two people were given the same reference"
    stored = database.references()
    assert sorted(stored) == sorted(references), (
        f"lost: {sorted(set(references) - set(stored))[:10]}; not confirmed to anyone: "
        f"{sorted(set(stored) - set(references))[:10]}"
    )
    assert database.partial_reports() == []
    assert database.duplicate_messages() == 0
    wait_for(lambda: database.unqueued() == 0, timeout=QUEUE_DEADLINE, what="every report to reach its force's queue")
    queued_within = time.monotonic() - ended

    delays = sorted(database.queue_delays())
    record_figures(
        {
            "scenario": "load",
            "people": PEOPLE,
            "seconds": SECONDS,
            "reports": len(references),
            "requests": sum(results.statuses.values()),
            "statuses": results.statuses,
            "page_p50_ms": round(results.percentile("page", 0.5) * 1000),
            "page_p95_ms": round(results.percentile("page", 0.95) * 1000),
            "answer_p50_ms": round(results.percentile("answer", 0.5) * 1000),
            "answer_p95_ms": round(results.percentile("answer", 0.95) * 1000),
            "send_p50_ms": round(results.percentile("send", 0.5) * 1000),
            "send_p95_ms": round(results.percentile("send", 0.95) * 1000),
            "queue_delay_p50_s": round(delays[len(delays) // 2], 2),
            "queue_delay_p95_s": round(delays[int(len(delays) * 0.95)], 2),
            "queue_delay_max_s": round(delays[-1], 2),
            "all_queued_after_load_s": round(queued_within, 1),
        }
    )
