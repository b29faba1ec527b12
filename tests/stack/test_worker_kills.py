"""The Celery worker killed (SIGKILL, the worker and its pool at once) five times while it is
delivering, and started again each time as a supervisor would: every side effect happens
once. Each report reaches its force's queue once, each referral is made once, and each agency
is told of each referral by one email: one Message-ID per referral at the mail server.

Kills happen at two moments, both made certain rather than hoped for: three inside an outbox
delivery (the test holds the agency's row, so making the referral waits on it with the
delivery's transaction open), then two while the worker is talking to the mail server (the sink
holds the conversation at MAIL FROM until the worker is dead, so the message is never accepted
and must be sent again).

What a dead worker held comes back by itself, and the test waits for it in real time: an
outbox row stays leased for WAYMARK_OUTBOX_LEASE_SECONDS (90 s), then the outbox sweep (every
30 s) sends it again. One clock is moved on: the referral notifications sweep runs every
5 minutes for notifications more than 5 minutes old (and claims older than their 2-minute
lease, support/referrals/notifications.py), which this stage cannot wait for within its
budget. So once the outbox is done, the test makes the notifications still unsent 5 minutes
old and their claims a lease old, and runs that sweep once, as its schedule would.
docs/reliability.md gives the real-time figures.

An email accepted by the mail server in the moment before its worker recorded it (between
"250 OK" and one UPDATE) is sent again: no sender can close that window on its own side. It
carries the same Message-ID, so the test counts Message-IDs, and reports the raw count too.
"""

import os
import re
import threading
from email import message_from_bytes

import psycopg
import pytest

from tests.factories import DOMESTIC_ABUSE_ANSWERS

from .conftest import AGENCY_EMAIL
from .database import StackDatabase
from .processes import manage, wait_for
from .walker import drive

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.redis]

PEOPLE = int(os.environ.get("WAYMARK_STACK_FAULT_PEOPLE", "10"))
KILLS = 5
# The last kills are mid-email, so that the outbox leases of the mid-outbox kills run out
# while people are still sending.
MID_EMAIL = 2
# People keep sending until the fifth kill, for at most this long.
SECONDS = 240.0
# A delivery a dead worker held is sent again within its lease (90 s) and a sweep (30 s).
REDELIVERY = 90 + 30 + 30
MESSAGE_ID = re.compile(r"<referral-([0-9a-f-]{36})@")


def test_killing_the_worker_mid_delivery_leaves_every_effect_done_once(stack, record_figures):
    database = StackDatabase(stack.database_url)
    stop = threading.Event()
    kills: list[str] = []
    killed_at: list = []  # the database's clock at each kill
    mailing, killed = threading.Event(), threading.Event()

    def hold_the_conversation() -> None:
        if not killed.is_set():
            mailing.set()
            killed.wait(30)

    def blocked() -> bool:
        return (
            database.value(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            > 0
        )

    def kill_mid_outbox() -> bool:
        """Holds the agency's row so that making a referral waits on it: the worker is then
        inside an outbox delivery (its transaction open, the handler half run). Kills it there."""
        with psycopg.connect(stack.database_url) as hold:
            hold.execute("SELECT id FROM support_supportagency FOR UPDATE")
            try:
                wait_for(lambda: blocked() or stop.is_set(), timeout=SECONDS, what="a delivery in flight")
            except TimeoutError:
                return False
            if stop.is_set():
                return False
            stack.worker_kill_and_restart()
            killed_at.append(database.value("SELECT now()"))
            hold.rollback()
        return True

    def killer() -> None:
        for number in range(KILLS):
            if number >= KILLS - MID_EMAIL:
                mailing.clear()
                killed.clear()
                stack.sink.on_mail_from = hold_the_conversation
                moment = "mid-email"
                while not mailing.wait(0.5):
                    if stop.is_set():
                        return
            else:
                moment = "mid-outbox"
                if not kill_mid_outbox():
                    return
                kills.append(moment)
                stack.worker_wait_ready()
                continue
            stack.worker_kill_and_restart()
            killed_at.append(database.value("SELECT now()"))
            stack.sink.on_mail_from = None
            killed.set()
            kills.append(moment)
            stack.worker_wait_ready()
        stop.set()

    fault = threading.Thread(target=killer, name="worker-killer")
    fault.start()
    try:
        results = drive(stack.base_url, people=PEOPLE, seconds=SECONDS, answers=DOMESTIC_ABUSE_ANSWERS, stop=stop)
    finally:
        stop.set()
        killed.set()
        fault.join(timeout=120)
    assert len(kills) == KILLS, f"only {len(kills)} kills happened: {kills}"
    assert not results.failed, f"{len(results.failed)} people could not send: {results.failed[:5]}"
    assert not results.server_errors, f"server errors: {results.server_errors[:10]}"
    assert sorted(database.references()) == sorted(results.references)

    # What the dead workers held: their leases run out and the outbox sweep sends it again.
    stranded = database.value("SELECT count(*) FROM reporting_outboxmessage WHERE status = 'dispatched'")
    wait_for(lambda: database.outbox_not_done() == 0, timeout=REDELIVERY, what="every outbox message to be delivered")
    # The missed notifications: due for the 5-minute sweep (see the docstring). Emails a live
    # worker claimed after the last kill go by themselves; only the dead workers' claims age.
    unsent_since_last_kill = (
        "SELECT count(*) FROM support_referral WHERE notified_at IS NULL AND notification_claimed_at > %s"
    )
    wait_for(
        lambda: stack.queue_empty() and database.value(unsent_since_last_kill, killed_at[-1]) == 0,
        timeout=60,
        what="the emails the live worker took on to go",
    )
    unnotified = database.value("SELECT count(*) FROM support_referral WHERE notified_at IS NULL")
    database.rows(
        "UPDATE support_referral SET created_at = created_at - interval '5 minutes', "
        "notification_claimed_at = notification_claimed_at - interval '2 minutes' "
        "WHERE notified_at IS NULL RETURNING 1"
    )
    manage(stack.env, "referral_notifications_sweep")
    wait_for(
        lambda: database.value("SELECT count(*) FROM support_referral WHERE notified_at IS NULL") == 0,
        timeout=60,
        what="every agency to be told of its referral",
    )

    reports = len(results.references)
    assert database.unqueued() == 0
    assert database.partial_reports() == []
    assert database.duplicate_messages() == 0
    referrals = database.rows("SELECT report_id, count(*) FROM support_referral GROUP BY report_id")
    assert len(referrals) == reports and all(count == 1 for _report, count in referrals), "one referral per report"
    # Let anything still in the queue run, then count the emails.
    wait_for(lambda: stack.queue_empty(), timeout=60, what="the task queue to empty")
    emails = [recipients for _sender, recipients, _body in stack.sink.messages]
    message_ids = [message_from_bytes(body)["Message-ID"] or "" for _sender, _recipients, body in stack.sink.messages]
    told = [match.group(1) for match in map(MESSAGE_ID.search, message_ids) if match]
    record_figures(
        {
            "scenario": "worker killed",
            "people": PEOPLE,
            "kills": kills,
            "reports": reports,
            "referrals": len(referrals),
            "emails": len(emails),
            "distinct_message_ids": len(set(told)),
            "outbox_dispatched_when_load_ended": stranded,
            "referrals_unnotified_when_load_ended": unnotified,
        }
    )
    assert all(recipients == [f"<{AGENCY_EMAIL}>"] for recipients in emails)
    assert len(told) == len(emails), f"emails without a referral's Message-ID: {message_ids}"
    # One Message-ID per referral: each agency was told of each referral, and a repeat (an
    # email accepted just before its worker died) is recognisably the same email.
    referral_ids = {str(referral_id) for (referral_id,) in database.rows("SELECT id FROM support_referral")}
    assert set(told) == referral_ids, f"{len(set(told))} referrals told of, of {len(referral_ids)}"
