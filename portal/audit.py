"""The audit trail: who looked at or changed what, when, and why.

The Data Protection Act 2018 s.62 requires a log of every consultation and disclosure of
personal data in law-enforcement processing. Rows are only ever added (the database refuses
UPDATE and DELETE), and each row's hash covers the previous row's, so a removed or altered
row breaks the chain visibly (`audit_chain_broken_at`).

The reason is sealed at rest (portal.models.AuditEvent) and the hash covers its plaintext, so
rows written before reasons were sealed verify as they always did. A sealed reason that was
altered, or copied from another row, does not open, and that too breaks the chain.
"""

import hashlib
import json

from django.db import connection, transaction

from .encryption import EncryptionError
from .models import AuditEvent, User

# Serialises appends so each row can name the one before it. An arbitrary constant, unique
# among this database's advisory locks.
_CHAIN_LOCK = 0x57A1_A0D1
GENESIS = "0" * 64


def event_hash(*, previous: str, fields: dict) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{previous}|{canonical}".encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict:
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "organisation": event.organisation,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "reason": event.reason,
    }


@transaction.atomic
def audit_record(
    *,
    actor: User,
    action: str,
    object_type: str,
    object_id: str,
    organisation: str = "",
    reason: str = "",
) -> AuditEvent:
    """Appends one event. Call it inside the transaction that reads or changes the data, so
    the read and its record succeed or fail together."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        actor=actor,
        actor_name=actor.get_username(),
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        reason=reason,
        previous_hash=last or GENESIS,
    )
    event.hash = event_hash(previous=event.previous_hash, fields=_hashed_fields(event))
    event.save(force_insert=True)
    return event


def audit_chain_broken_at() -> int | None:
    """The id of the first event whose hash does not follow from its predecessor, or None
    if the whole trail is intact."""
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        try:
            fields = _hashed_fields(event)
        except EncryptionError:
            return event.pk
        if event.previous_hash != previous or event.hash != event_hash(previous=previous, fields=fields):
            return event.pk
        previous = event.hash
    return None
