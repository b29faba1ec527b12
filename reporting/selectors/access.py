"""The one access rule for reports.

Every read of a report by anyone who is not the person who made it goes through
``reports_visible_to(actor)``: a member of force staff sees their own force's reports, and a
supervisor also sees reports another force asks their force to take. Reads that only ever
want one half of that (the queue, the dashboard) start from ``own_force_reports`` or
``incoming_reports``, the two halves the rule is made of, never from ``Report.objects``.
Anything outside the rule is answered as if it did not exist.

The actor is a member of force staff or a force system calling the API (an ApiClient):
anything with a ``force_id`` that says whether it sees incoming transfers (``ReportReader``).
A member of staff does when they are a supervisor; an API client never does.
"""

from typing import Protocol

from django.db.models import QuerySet

from .. import codes
from ..models import Report, StaffMember
from ..triage import SUPERVISORS
from ._common import as_uuid


def staff_member_for(user) -> StaffMember | None:
    """The user's force membership, or None for anyone who is not force staff (a support
    agency's staff, a site administrator)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.select_related("force", "user").filter(user=user).first()


class ReportReader(Protocol):
    """Who the rule answers for, besides force staff: a force system (reporting.api's
    ApiClient) sees its force's reports, and incoming transfers only if it says so."""

    force_id: int
    sees_incoming_transfers: bool


def sees_incoming_transfers(actor: StaffMember | ReportReader) -> bool:
    """Staff: supervisors only (they decide on transfers). Anyone else: as they declare."""
    if isinstance(actor, StaffMember):
        return actor.role in SUPERVISORS
    return bool(actor.sees_incoming_transfers)


def reports_visible_to(actor: StaffMember | ReportReader) -> QuerySet[Report]:
    """The only way into reports for staff and force systems: their own force's reports, and
    for supervisors, reports another force asks them to take (to decide on the transfer)."""
    return own_force_reports(actor) | incoming_reports(actor)


def own_force_reports(actor: StaffMember | ReportReader) -> QuerySet[Report]:
    """The first half of the rule: the actor's own force's reports. Force-wide figures
    (the queue, its counts, the dashboard, exports) start here."""
    return Report.objects.filter(force_id=actor.force_id)


def incoming_reports(actor: StaffMember | ReportReader) -> QuerySet[Report]:
    """The second half: reports another force asks this force to take, visible to its
    supervisors only (they decide on the transfer); nothing for anyone else."""
    if not sees_incoming_transfers(actor):
        return Report.objects.none()
    return Report.objects.filter(transfer_to_id=actor.force_id)


def normalise_reference(typed: str) -> str:
    """A reference as staff might type it ("k7qf 29xh") in its stored form ("K7QF-29XH")."""
    compact = codes.normalise(typed or "")
    return codes.grouped(compact) if compact else ""


def report_for_staff(member: StaffMember, reference: str) -> Report | None:
    """The report with this reference if this member of staff may see it; None otherwise,
    whether or not it exists in another force (the view answers 404 either way)."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    return (
        reports_visible_to(member)
        # The acknowledgement: the force system's reference, on the report page (reporting.api).
        .select_related("force", "assigned_to", "grade", "transfer_to", "acknowledgement__client")
        .filter(reference=reference)
        .first()
    )


def report_by_id_for_staff(member: StaffMember, report_id) -> Report | None:
    """The report with this id if this member of staff may see it (the same rule as by
    reference); None otherwise."""
    pk = as_uuid(report_id)
    if pk is None:
        return None
    return (
        reports_visible_to(member).select_related("force", "assigned_to", "grade", "transfer_to").filter(pk=pk).first()
    )


def force_staff_member(member: StaffMember, user_id: int) -> StaffMember | None:
    """A member of the same force's staff; None for anyone else, however they exist."""
    return StaffMember.objects.select_related("user").filter(force_id=member.force_id, user_id=user_id).first()
