"""PostgreSQL stopped for 30 seconds while people send reports: what people see is the calm
"not sent yet, your answers are kept" page, they can send once it is back, and no report is
ever half written.

The PostgreSQL is a disposable cluster of the test's own (initdb into a temporary folder,
pg_ctl on a free port): the machine's PostgreSQL on 5432 is never stopped.
"""

import os
import threading
from collections import Counter

import pytest

from tests.factories import DOMESTIC_ABUSE_ANSWERS

from .database import StackDatabase
from .processes import wait_for
from .walker import drive

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.redis]

PEOPLE = int(os.environ.get("WAYMARK_STACK_FAULT_PEOPLE", "10"))
OUTAGE, AFTER = 30.0, 15.0
# This many people wait on check your answers and press Send once the database has stopped.
SENDERS = 3
# A person whose page fails tries again a second later, for this long.
PATIENCE = 90.0


def test_a_database_outage_keeps_answers_and_writes_no_partial_report(
    own_postgres, stack_on_own_postgres, record_figures
):
    stack = stack_on_own_postgres
    database = StackDatabase(stack.database_url)
    stop = threading.Event()
    happened: list[str] = []
    held, down = threading.Semaphore(SENDERS), threading.Event()
    holding = []

    def before_send() -> None:
        if not down.is_set() and held.acquire(blocking=False):
            holding.append(1)
            down.wait(120)

    def outage() -> None:
        try:
            wait_for(lambda: len(holding) >= SENDERS or stop.is_set(), timeout=180, what="people ready to send")
        except TimeoutError:
            return
        if stop.is_set():
            return
        own_postgres.stop()
        happened.append("stopped")
        down.set()
        stop.wait(OUTAGE)  # the outage lasts this long, whatever the people do
        own_postgres.start()
        happened.append("back")
        # Nobody starts a new report this long after it is back; those under way finish.
        if not stop.wait(AFTER):
            stop.set()

    fault = threading.Thread(target=outage, name="postgres-outage")
    fault.start()
    try:
        results = drive(
            stack.base_url,
            people=PEOPLE,
            seconds=90 + OUTAGE + AFTER,
            answers=DOMESTIC_ABUSE_ANSWERS,
            retry_for=PATIENCE,
            before_send=before_send,
            stop=stop,
        )
    finally:
        stop.set()
        down.set()
        fault.join(timeout=60)
        if happened == ["stopped"]:
            own_postgres.start()
    assert happened == ["stopped", "back"], "the outage did not complete"

    seen = Counter(
        (status, what, title) for outcome in results.outcomes for status, what, title in outcome.seen_failures
    )
    failed_sends = {key: count for key, count in seen.items() if key[1] == "send"}
    record_figures(
        {
            "scenario": "postgres stopped",
            "people": PEOPLE,
            "outage_s": OUTAGE,
            "reports": len(results.references),
            "people_not_sent": len(results.failed),
            "statuses": results.statuses,
            "seen_while_down": [[*key, count] for key, count in seen.most_common()],
        }
    )

    # Every report is whole, is somebody's confirmed report, and reaches its queue.
    wait_for(lambda: database.unqueued() == 0, timeout=60, what="every report to reach its force's queue")
    assert database.partial_reports() == []
    assert database.duplicate_messages() == 0
    assert sorted(database.references()) == sorted(results.references)
    # Everybody could send once the database was back.
    assert not results.failed, f"{len(results.failed)} people could not send: {[o.error for o in results.failed][:5]}"
    # A send that failed showed the calm page (503): not sent yet, the answers kept, try again
    # in a few minutes, 999 if anyone is in danger now. Before the session can load, that is
    # the outage page (templates/503.html); after, check your answers' own "not sent" banner.
    calm = {key for key in failed_sends if key[0] == 503 and key[2].startswith("May not have been sent:")}
    assert failed_sends, "nobody pressed Send while the database was down"
    assert set(failed_sends) <= calm, f"what people saw when sending failed: {failed_sends}"
    pages = [page for outcome in results.outcomes for page in outcome.failed_send_pages]
    for page in pages:
        assert "may not have been sent" in page
        assert "Your answers are kept" in page or "Your answers are still here" in page
        assert "Try sending it again in a few minutes" in page
        assert "999 if anyone is in danger now" in page
