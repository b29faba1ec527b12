"""The transactional outbox: follow-up work that must happen once a change is committed.

A service calls `publish()` inside its transaction; that writes one OutboxMessage per
handler subscribed to the topic, so the work is saved or lost together with the change.
After the commit the messages are handed to Celery (or run in-process when no broker is
configured). If that fails, or the process dies first, `sweep()` (a periodic task and a
management command) finds them and sends them again. A handler may therefore run more than
once, and must be idempotent.

Handlers register by topic, from their own app, without reporting importing them:

    # in support/handlers.py, imported by SupportConfig.ready()
    @outbox.subscribe("report.submitted", "support.referrals_create")
    def referrals_create(payload): ...

Topics published by reporting: "report.submitted" with payload {"report_id": "<uuid>"}.
"""

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]

# After this many failed attempts a message is marked dead and left for a person to look at.
MAX_ATTEMPTS = 10
SWEEP_BATCH = 100
# A sweep keeps claiming batches for at most this long: well inside the task's soft time
# limit (CELERY_TASK_SOFT_TIME_LIMIT), and each batch is only queued here, not delivered.
SWEEP_SECONDS = 20.0
# After the broker fails, requests leave sending to the sweeper for this long. A publish to a
# broker that is down fails at once, or within the 1 s connect / 2 s reply timeouts of
# CELERY_BROKER_TRANSPORT_OPTIONS (one attempt, no retry); resting spares even that.
BROKER_REST_SECONDS = 30

_broker_failed_at: float | None = None

_handlers: dict[str, dict[str, Handler]] = {}


def subscribe(topic: str, name: str) -> Callable[[Handler], Handler]:
    """Registers a handler for a topic. `name` is stored with each message, so it must stay
    the same across deployments."""

    def register(handler: Handler) -> Handler:
        existing = handler_named(name)
        if existing is not None and existing is not handler:
            raise ValueError(f"Another outbox handler is already called {name!r}.")
        _handlers.setdefault(topic, {})[name] = handler
        return handler

    return register


def handler_named(name: str) -> Handler | None:
    return next((handlers[name] for handlers in _handlers.values() if name in handlers), None)


def publish(*, topic: str, payload: dict[str, Any]) -> list[OutboxMessage]:
    """Writes the messages for an event. Call it inside the transaction of the change."""
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(topic=topic, handler=name, payload=payload) for name in _handlers.get(topic, {})
    )
    ids = [message.pk for message in messages]
    if ids:
        # The fast path. If it fails, the sweeper is the guarantee.
        transaction.on_commit(lambda: dispatch(ids), robust=True)
    return messages


def lease() -> timedelta:
    """How long a dispatched message is left to its delivery before the sweeper sends it
    again: longer than a delivery task may run (settings.WAYMARK_OUTBOX_LEASE_SECONDS)."""
    return timedelta(seconds=settings.WAYMARK_OUTBOX_LEASE_SECONDS)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(15 * 2**attempts, 3600))


def dispatch(message_ids: list[UUID], *, now: datetime | None = None) -> int:
    """The fast path after a commit: claims the messages still pending and sends them.

    Soon after the broker failed, it does not try (the sweeper will): a broker that does not
    answer costs up to its timeouts (settings), and the person who just sent a report should
    not wait.
    """
    now = now or timezone.now()
    if _broker_failed_at is not None and time.monotonic() - _broker_failed_at < BROKER_REST_SECONDS:
        return 0
    claimed = [
        message_id
        for message_id in message_ids
        if OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.PENDING).update(
            status=OutboxMessage.Status.DISPATCHED, locked_until=now + lease()
        )
    ]
    return _send(claimed, now=now)


def due(*, now: datetime | None = None):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.PENDING, available_at__lte=now)
        | Q(status=OutboxMessage.Status.DISPATCHED, locked_until__lt=now)
    )


def sweep(*, now: datetime | None = None, batch: int = SWEEP_BATCH, seconds: float = SWEEP_SECONDS) -> int:
    """Sends again whatever is due: never sent, failed, or sent and not done in time.

    Batch after batch until nothing is due, the broker fails, or `seconds` are spent (at
    least one batch is always sent): after an outage the backlog is drained at once, not a
    batch per sweep interval. Rows are claimed with SKIP LOCKED and leased before they are
    sent, so several sweepers (or a sweeper and the fast path) never send the same message
    at the same time.
    """
    now = now or timezone.now()
    started = time.monotonic()
    sent = 0
    while True:
        with transaction.atomic():
            ids = list(
                due(now=now)
                .order_by("created_at")
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:batch]
            )
            OutboxMessage.objects.filter(pk__in=ids).update(
                status=OutboxMessage.Status.DISPATCHED, locked_until=now + lease()
            )
        handed = _send(ids, now=now)
        sent += handed
        if len(ids) < batch or handed < len(ids) or time.monotonic() - started >= seconds:
            return sent


def _send(message_ids: list[UUID], *, now: datetime) -> int:
    """Hands claimed messages to the task queue. Never raises: the change they follow is
    already committed, so a failure only leaves the message for the next sweep. Stops at
    the first broker failure, handing the rest back untried."""
    from .tasks import outbox_deliver

    global _broker_failed_at
    for sent, message_id in enumerate(message_ids):
        try:
            outbox_deliver.apply_async(args=[str(message_id)], retry=False)
        except Exception as error:  # any broker failure is handled the same way
            logger.warning("Outbox message %s could not be queued: %r", message_id, error)
            _broker_failed_at = time.monotonic()
            _failed(message_id, error, now=now)
            OutboxMessage.objects.filter(pk__in=message_ids[sent + 1 :]).update(
                status=OutboxMessage.Status.PENDING, locked_until=None
            )
            return sent
    _broker_failed_at = None
    return len(message_ids)


def _failed(message_id: UUID | str, error: Exception, *, now: datetime) -> None:
    """Counts a failed attempt and schedules the next one, or gives up after MAX_ATTEMPTS.
    A message another delivery has finished meanwhile is left alone."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id)
            .exclude(status__in=[OutboxMessage.Status.DONE, OutboxMessage.Status.DEAD])
            .first()
        )
        if message is None:
            return
        message.attempts += 1
        message.last_error = type(error).__name__
        message.status = OutboxMessage.Status.DEAD if message.attempts >= MAX_ATTEMPTS else OutboxMessage.Status.PENDING
        message.available_at = now + backoff(message.attempts)
        message.locked_until = None
        message.save(update_fields=["attempts", "last_error", "status", "available_at", "locked_until"])
    if message.status == OutboxMessage.Status.DEAD:
        logger.error(
            "Outbox message %s (%s) failed %d times and needs a person.", message.pk, message.handler, message.attempts
        )


def deliver(message_id: UUID | str, *, now: datetime | None = None) -> bool:
    """Runs a message's handler once and marks it done, in one transaction. Returns False
    if there was nothing to do (already done, or being delivered elsewhere) or it failed.

    Whatever fails (the handler, or the database before or after it) rolls the whole
    delivery back and is counted as a failed attempt in a transaction of its own, so the
    message is tried again after its backoff rather than left "dispatched" until its lease
    runs out. Only if the database cannot record even that is the lease the fallback.
    """
    now = now or timezone.now()
    try:
        return _deliver_once(message_id, now=now)
    except Exception as error:  # a failing delivery is retried, whatever it raised
        logger.warning("Outbox message %s could not be delivered: %s", message_id, type(error).__name__)
        try:
            _failed(message_id, error, now=now)
        except DatabaseError as unrecorded:
            logger.error(
                "Outbox message %s failed (%s) and the failure could not be recorded (%s): "
                "the sweeper sends it again when its lease runs out.",
                message_id,
                type(error).__name__,
                type(unrecorded).__name__,
            )
        return False


def _deliver_once(message_id: UUID | str, *, now: datetime) -> bool:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .exclude(status__in=[OutboxMessage.Status.DONE, OutboxMessage.Status.DEAD])
            .first()
        )
        if message is None:
            return False
        handler = handler_named(message.handler)
        if handler is None:
            raise LookupError(f"No outbox handler called {message.handler!r}")
        handler(message.payload)
        message.status = OutboxMessage.Status.DONE
        message.done_at = now
        message.locked_until = None
        message.save(update_fields=["status", "done_at", "locked_until"])
        return True
