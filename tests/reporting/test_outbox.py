"""The transactional outbox, with tasks running in-process (no broker configured), and with
a broker that cannot be reached."""

import io
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from reporting import outbox
from reporting.models import OutboxMessage, Report
from tests.brokers import broker, free_port
from tests.factories import submitted_report

TOPIC = "test.happened"


@pytest.fixture
def calls():
    """A handler subscribed for the test, recording what it was given; removed afterwards."""
    received = []

    def record(payload):
        if payload.get("fail"):
            raise RuntimeError("the handler failed")
        received.append(payload)

    outbox.subscribe(TOPIC, "tests.record")(record)
    yield received
    outbox._handlers.pop(TOPIC, None)


def broker_unreachable():
    """A real broker address with nothing listening on it, and tasks no longer run
    in-process: publishing fails as it does when Redis is down."""
    return broker(f"redis://127.0.0.1:{free_port()}/0")


def publish(payload, *, execute=True, capture=None):
    with capture(execute=execute), transaction.atomic():
        return outbox.publish(topic=TOPIC, payload=payload)


def test_publishing_writes_one_message_per_handler_and_runs_them_after_the_commit(
    db, calls, django_capture_on_commit_callbacks
):
    outbox.subscribe(TOPIC, "tests.second")(lambda payload: calls.append(("second", payload)))

    messages = publish({"id": 1}, capture=django_capture_on_commit_callbacks)

    assert sorted(message.handler for message in messages) == ["tests.record", "tests.second"]
    assert sorted(map(str, calls)) == sorted(map(str, [{"id": 1}, ("second", {"id": 1})]))
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.DONE}


def test_nothing_runs_if_the_change_is_rolled_back(db, calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                outbox.publish(topic=TOPIC, payload={"id": 1})
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert calls == []
    assert not OutboxMessage.objects.exists()


def test_a_topic_nobody_handles_writes_nothing(db):
    assert outbox.publish(topic="nobody.listens", payload={}) == []


def test_a_handler_name_cannot_be_taken_twice(calls):
    with pytest.raises(ValueError, match="already called"):
        outbox.subscribe("another.topic", "tests.record")(lambda payload: None)


def test_a_message_is_delivered_once_however_often_it_is_sent(db, calls):
    (message,) = outbox.publish(topic=TOPIC, payload={"id": 1})

    assert outbox.deliver(message.pk) is True
    assert outbox.deliver(message.pk) is False
    assert calls == [{"id": 1}]


def test_a_failing_handler_is_tried_again_later_then_given_up_on(db, calls):
    (message,) = outbox.publish(topic=TOPIC, payload={"fail": True})
    now = timezone.now()

    assert outbox.deliver(message.pk, now=now) is False

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("pending", 1, "RuntimeError")
    assert message.available_at > now
    for _attempt in range(2, outbox.MAX_ATTEMPTS + 1):
        outbox.deliver(message.pk, now=now)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DEAD, outbox.MAX_ATTEMPTS)
    assert outbox.deliver(message.pk) is False


def test_a_message_for_a_handler_that_no_longer_exists_is_kept_not_lost(db):
    message = OutboxMessage.objects.create(topic="gone", handler="tests.gone", payload={})

    assert outbox.deliver(message.pk) is False

    message.refresh_from_db()
    assert (message.status, message.last_error) == ("pending", "LookupError")


def test_the_sweeper_sends_what_is_due_and_leaves_the_rest(db, calls):
    now = timezone.now()
    due = OutboxMessage.objects.create(topic=TOPIC, handler="tests.record", payload={"n": "due"})
    later = OutboxMessage.objects.create(
        topic=TOPIC, handler="tests.record", payload={"n": "later"}, available_at=now + timedelta(minutes=5)
    )
    stale = OutboxMessage.objects.create(
        topic=TOPIC,
        handler="tests.record",
        payload={"n": "stale"},
        status=OutboxMessage.Status.DISPATCHED,
        locked_until=now - timedelta(seconds=1),
    )
    leased = OutboxMessage.objects.create(
        topic=TOPIC,
        handler="tests.record",
        payload={"n": "leased"},
        status=OutboxMessage.Status.DISPATCHED,
        locked_until=now + timedelta(minutes=5),
    )

    assert outbox.sweep() == 2

    assert sorted(call["n"] for call in calls) == ["due", "stale"]
    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses[due.pk] == statuses[stale.pk] == OutboxMessage.Status.DONE
    assert statuses[later.pk] == OutboxMessage.Status.PENDING
    assert statuses[leased.pk] == OutboxMessage.Status.DISPATCHED


def test_one_sweep_drains_a_backlog_larger_than_its_batch(db, calls):
    # After a broker outage the backlog can be several batches long; waiting a sweep
    # interval per batch would leave reports out of their force's queue for minutes.
    OutboxMessage.objects.bulk_create(
        OutboxMessage(topic=TOPIC, handler="tests.record", payload={"n": n}) for n in range(7)
    )

    assert outbox.sweep(batch=3) == 7

    assert sorted(call["n"] for call in calls) == list(range(7))
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.DONE}


def test_a_sweep_stops_when_its_time_is_spent_and_leaves_the_rest_for_the_next(db, calls):
    OutboxMessage.objects.bulk_create(
        OutboxMessage(topic=TOPIC, handler="tests.record", payload={"n": n}) for n in range(7)
    )

    # No time at all: one batch is still sent, so every sweep makes progress.
    assert outbox.sweep(batch=3, seconds=0) == 3

    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 4


def test_reports_are_saved_while_the_broker_is_down_and_delivered_by_the_sweeper_after(
    forces, django_capture_on_commit_callbacks
):
    with broker_unreachable():
        with django_capture_on_commit_callbacks(execute=True):
            first = submitted_report()
        with django_capture_on_commit_callbacks(execute=True):
            submitted_report()

        # Each report has a message per subscriber. Only the very first sending tried and
        # failed; after it, nothing made its sender wait on the broker.
        tried = sorted(
            (message.payload["report_id"] == str(first.pk), message.attempts, message.last_error)
            for message in OutboxMessage.objects.all()
        )
        assert tried == [(False, 0, ""), (False, 0, ""), (True, 0, ""), (True, 1, "OperationalError")]
        assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.PENDING}
        assert not Report.objects.filter(queued_at__isnull=False).exists()

    # The broker is back (tasks run in-process again); the next sweep delivers them all.
    assert outbox.sweep(now=timezone.now() + timedelta(hours=1)) == 4
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.DONE}
    assert Report.objects.filter(queued_at__isnull=False).count() == 2


def test_a_sweep_stops_at_the_first_broker_failure_and_hands_the_rest_back(db, calls):
    for n in range(3):
        OutboxMessage.objects.create(topic=TOPIC, handler="tests.record", payload={"n": n})

    with broker_unreachable():
        assert outbox.sweep() == 0

    attempts = sorted(OutboxMessage.objects.values_list("attempts", flat=True))
    assert attempts == [0, 0, 1]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxMessage.Status.PENDING}


def test_the_report_queue_handler_is_registered_for_submitted_reports():
    assert outbox.handler_named("reporting.report_queue") is not None
    assert "reporting.report_queue" in outbox._handlers["report.submitted"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_message_another_sweeper_holds_is_skipped_not_waited_for(calls):
    held = OutboxMessage.objects.create(topic=TOPIC, handler="tests.record", payload={"n": "held"})
    OutboxMessage.objects.create(topic=TOPIC, handler="tests.record", payload={"n": "free"})
    locked, release = threading.Event(), threading.Event()

    def other_sweeper():
        try:
            with transaction.atomic():
                OutboxMessage.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    other = threading.Thread(target=other_sweeper)
    other.start()
    assert locked.wait(timeout=30)
    try:
        sent = outbox.sweep()
    finally:
        release.set()
        other.join()

    assert sent == 1
    assert calls == [{"n": "free"}]
    assert OutboxMessage.objects.get(pk=held.pk).status == OutboxMessage.Status.PENDING


# --- failures around the handler: retried after a backoff, never left "dispatched" ------------


@pytest.fixture
def database_refuses_done(db):
    """The database fails the write that marks a message done, as it would if it went away
    between the handler and the end of the delivery."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION waymark_test_fail() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'database unavailable' USING ERRCODE = 'connection_failure'; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER waymark_test_fail BEFORE UPDATE ON reporting_outboxmessage "
                "FOR EACH ROW WHEN (NEW.status = 'done') EXECUTE FUNCTION waymark_test_fail()"
            )
        else:
            # An error while the statement runs is an OperationalError, as a lost disk is.
            cursor.execute(
                "CREATE TRIGGER waymark_test_fail BEFORE UPDATE ON reporting_outboxmessage "
                "WHEN NEW.status = 'done' BEGIN SELECT json('database unavailable'); END"
            )
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS waymark_test_fail ON reporting_outboxmessage"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER IF EXISTS waymark_test_fail"
        )
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS waymark_test_fail()")


def claimed(payload) -> OutboxMessage:
    """A message as the fast path or the sweeper leaves it just before it is delivered."""
    return OutboxMessage.objects.create(
        topic=TOPIC,
        handler="tests.record",
        payload=payload,
        status=OutboxMessage.Status.DISPATCHED,
        locked_until=timezone.now() + outbox.lease(),
    )


def test_a_database_failure_after_the_handler_is_counted_and_retried_after_its_backoff(
    db, calls, database_refuses_done
):
    message = claimed({"n": 1})
    now = timezone.now()

    assert outbox.deliver(message.pk, now=now) is False

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("pending", 1, "OperationalError")
    assert message.available_at == now + outbox.backoff(1)
    assert message.locked_until is None
    # Not due before its backoff; due after it, long before a lease would have run out.
    assert not outbox.due(now=now + outbox.backoff(1) - timedelta(seconds=1)).exists()
    assert outbox.due(now=now + outbox.backoff(1)).filter(pk=message.pk).exists()


def test_after_the_database_comes_back_the_sweeper_delivers_it(db, calls, database_refuses_done):
    message = claimed({"n": 1})
    now = timezone.now()
    outbox.deliver(message.pk, now=now)
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER waymark_test_fail ON reporting_outboxmessage"
            if connection.vendor == "postgresql"
            else "DROP TRIGGER waymark_test_fail"
        )

    assert outbox.sweep(now=now + outbox.backoff(1)) == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DONE
    # The first delivery's handler ran, and so did the second: handlers are idempotent.
    assert calls == [{"n": 1}, {"n": 1}]


def test_a_message_failing_at_the_database_every_time_is_given_up_on(db, calls, database_refuses_done):
    message = claimed({"n": 1})
    now = timezone.now()

    for _attempt in range(outbox.MAX_ATTEMPTS):
        outbox.deliver(message.pk, now=now)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DEAD, outbox.MAX_ATTEMPTS)


def test_a_failure_counted_after_another_delivery_finished_does_not_undo_it(db, calls):
    message = claimed({"n": 1})
    assert outbox.deliver(message.pk) is True

    outbox._failed(message.pk, RuntimeError("late"), now=timezone.now())

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.DONE, 0)


def test_the_lease_outlasts_the_task_time_limit_and_is_short(settings):
    from portal.celery import app

    limit = app.conf.task_time_limit
    assert limit == settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_soft_time_limit < limit < outbox.lease().total_seconds() <= 90


def test_a_lease_that_runs_out_is_sent_again_by_the_sweep_command(db, calls):
    from django.core.management import call_command

    # A worker took the message and died: it is "dispatched" until its lease runs out.
    dispatched_at = timezone.now() - outbox.lease() - timedelta(seconds=1)
    message = OutboxMessage.objects.create(
        topic=TOPIC,
        handler="tests.record",
        payload={"n": "lost"},
        status=OutboxMessage.Status.DISPATCHED,
        locked_until=dispatched_at + outbox.lease(),
    )

    call_command("outbox_sweep", stdout=io.StringIO())

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.DONE
    assert calls == [{"n": "lost"}]


def test_a_claimed_message_is_leased_for_the_configured_time(db, settings):
    settings.WAYMARK_OUTBOX_LEASE_SECONDS = 45
    leased_until = []
    outbox.subscribe(TOPIC, "tests.lease")(
        lambda payload: leased_until.append(OutboxMessage.objects.get(handler="tests.lease").locked_until)
    )
    try:
        OutboxMessage.objects.create(topic=TOPIC, handler="tests.lease", payload={})
        now = timezone.now()

        assert outbox.sweep(now=now) == 1
    finally:
        outbox._handlers.pop(TOPIC, None)

    assert leased_until == [now + timedelta(seconds=45)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_handler_that_loses_the_database_connection_leaves_the_message_to_retry():
    def lose_the_connection(payload):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    outbox.subscribe(TOPIC, "tests.lose_connection")(lose_the_connection)
    try:
        message = OutboxMessage.objects.create(
            topic=TOPIC,
            handler="tests.lose_connection",
            payload={},
            status=OutboxMessage.Status.DISPATCHED,
            locked_until=timezone.now() + outbox.lease(),
        )
        now = timezone.now()

        assert outbox.deliver(message.pk, now=now) is False
    finally:
        outbox._handlers.pop(TOPIC, None)

    message.refresh_from_db()
    assert (message.status, message.attempts, message.locked_until) == ("pending", 1, None)
    assert message.available_at == now + outbox.backoff(1)
