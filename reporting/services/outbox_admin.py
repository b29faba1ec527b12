"""Writes an operator makes to the outbox from the admin (reporting/admin.py): giving messages
that failed too often their attempts again once the cause is fixed."""

import logging
from datetime import datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record

from .. import outbox
from ..models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_dead_retry(*, actor, message_ids: list[UUID | str], now: datetime | None = None) -> list[UUID]:
    """Gives dead messages (failed outbox.MAX_ATTEMPTS times) their attempts again, from now: a
    person has fixed what made them fail. Each retry is in the audit trail under the person's
    name. Returns the ids retried; messages that are not dead are left alone."""
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.select_for_update()
            .filter(pk__in=message_ids, status=OutboxMessage.Status.DEAD)
            .values_list("pk", flat=True)
        )
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.PENDING, attempts=0, available_at=now, locked_until=None
        )
        for message_id in ids:
            audit_record(actor=actor, action="outbox.retry", object_type="outbox_message", object_id=str(message_id))
        if ids:
            transaction.on_commit(lambda: outbox.dispatch(ids), robust=True)
    logger.warning("%d dead outbox message(s) retried by user %s.", len(ids), actor.pk)
    return ids
