"""Writes for the API: registering, re-keying and suspending force systems, the rate limit's
window, recording a read, and a force system's acknowledgement of a report.

A credential is ``<client id>.<secret>``: the id is public (it names the client in logs and
the admin), the secret is 256 random bits shown once and kept only as an HMAC
(``models.secret_digest``).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.refusals import Refused

from ..models import Force, Report, StaffMember
from .models import ApiClient, ReportAcknowledgement, Scope, secret_digest

# The rate limit's fixed window.
WINDOW_SECONDS = 60


def _new_client_id() -> str:
    return secrets.token_hex(8)


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


def credential(client_id: str, secret: str) -> str:
    """What the force system sends: ``Authorization: Bearer <credential>``."""
    return f"{client_id}.{secret}"


@transaction.atomic
def api_client_register(
    *,
    force: Force,
    name: str,
    purpose: str,
    scopes: list[str],
    allowed_networks: list[str] | None = None,
    requests_per_minute: int = 120,
) -> tuple[ApiClient, str]:
    """Registers a force system and returns it with its credential, which is shown once and
    never kept: only its HMAC is stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise Refused(_("Choose scopes from the list."))
    client = ApiClient(
        force=force,
        name=name,
        purpose=purpose,
        scopes=sorted(set(scopes)),
        allowed_networks=list(allowed_networks or []),
        requests_per_minute=requests_per_minute,
    )
    token = api_client_prepare(client=client)
    client.save()
    return client, token


@transaction.atomic
def api_client_prepare(*, client: ApiClient) -> str:
    """For an ApiClient built in the admin form and not yet saved: gives it its id, secret
    and service user, and returns the credential to show once."""
    client.client_id, secret = _new_client_id(), _new_secret()
    client.secret_hash = secret_digest(client.client_id, secret)
    user = get_user_model().objects.create(
        username=f"api-client-{client.client_id}", first_name=client.name[:150], is_active=False, is_staff=False
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    client.user = user
    return credential(client.client_id, secret)


@transaction.atomic
def api_client_secret_issue(*, client: ApiClient) -> str:
    """A new secret for the client (the old one stops working at once); shown once."""
    secret = _new_secret()
    ApiClient.objects.filter(pk=client.pk).update(secret_hash=secret_digest(client.client_id, secret))
    return credential(client.client_id, secret)


def api_client_suspend(*, client: ApiClient) -> None:
    """Refuses the client from its next request on."""
    ApiClient.objects.filter(pk=client.pk).update(suspended=True)


@dataclass(frozen=True)
class Window:
    allowed: bool
    retry_after: int


def api_request_count(*, client: ApiClient, now: datetime | None = None) -> Window:
    """Counts one request in the client's fixed one-minute window, in the database (so every
    web worker shares it): allowed while the window's count is within the client's limit.

    One conditional UPDATE counts it (one more in this minute, or the first of a new one),
    so two requests at the start of a minute count as two: the second waits on the row and
    is counted against the first's new minute."""
    now = now or timezone.now()
    start = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        ApiClient.objects.filter(pk=client.pk).update(
            window_count=Case(When(window_started_at=start, then=F("window_count") + 1), default=Value(1)),
            window_started_at=start,
            last_used_at=now,
        )
        count = ApiClient.objects.filter(pk=client.pk).order_by().values_list("window_count", flat=True).first() or 0
    return Window(allowed=count <= client.requests_per_minute, retry_after=WINDOW_SECONDS - now.second)


def api_read_record(*, client: ApiClient, action: str, object_type: str, object_id: str) -> None:
    """A read by a force system, in the audit trail like a member of staff's: the client's
    user, its force, and the purpose it declared as the reason."""
    audit_record(
        actor=client.user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        organisation=client.force.code,
        reason=client.purpose,
    )


def acting_member(client: ApiClient) -> StaffMember:
    """The client as the triage services' actor, never saved: its force and user, with the
    role that may move any report of the force along (services.report_status_change checks
    the role, the force and that no transfer is pending, under the report's row lock)."""
    return StaffMember(user=client.user, force=client.force, role=StaffMember.Role.SUPERVISOR)


@transaction.atomic
def report_acknowledge(*, client: ApiClient, report: Report, reference: str) -> tuple[ReportAcknowledgement, bool]:
    """Records the force system's reference on the report. The same reference again changes
    nothing (returns False); a different one is refused: the first stands."""
    reference = (reference or "").strip()
    if not reference:
        raise Refused(_("Enter the force system's reference."))
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    existing = ReportAcknowledgement.objects.filter(report=report).first()
    if existing is not None:
        if existing.reference != reference:
            raise Refused(_("This report was already acknowledged with another reference."))
        return existing, False
    acknowledgement = ReportAcknowledgement.objects.create(report=report, client=client, reference=reference)
    audit_record(
        actor=client.user,
        action="report.acknowledge",
        object_type="report",
        object_id=report.reference,
        organisation=client.force.code,
        reason=reference,
    )
    return acknowledgement, True
