"""Writes that record reads: who opened a report, exported the queue or searched, and why."""

from django.db import transaction

from portal.audit import audit_record

from ..models import Report, StaffMember
from ._common import report_audit


@transaction.atomic
def report_access_record(*, member: StaffMember, report: Report, action: str, reason: str) -> None:
    """Records that a member of staff read a report (opened it, downloaded its case file),
    with why: DPA 2018 s.62. Call it in the transaction that reads the report."""
    report_audit(member=member, action=action, report=report, reason=reason)


@transaction.atomic
def queue_export_record(*, member: StaffMember, description: str, count: int) -> None:
    """Records an export of queue data (no answers in it, but still a disclosure)."""

    audit_record(
        actor=member.user,
        action="queue.export",
        object_type="queue",
        object_id=member.force.code,
        organisation=member.force.code,
        reason=f"{description}; {count} rows",
    )


@transaction.atomic
def report_search_record(*, member: StaffMember, reference: str, found: bool) -> None:
    """Records a search by reference, found or not (ASVS 16.2.1: searches are logged)."""

    audit_record(
        actor=member.user,
        action="report.search",
        object_type="report",
        object_id=reference[:100],
        organisation=member.force.code,
        reason="found" if found else "not found",
    )
