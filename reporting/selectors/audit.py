"""The audit trail, for supervisors: who read or changed a report, what a colleague did."""

from collections.abc import Collection

from portal.models import AuditEvent

from ..models import Report, StaffMember

AUDIT_LIMIT = 500


def report_audit_summary(report: Report) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="report", object_id=report.reference).order_by("at"))


def report_audit_events(report: Report, *, limit: int = AUDIT_LIMIT) -> list[AuditEvent]:
    """Everyone who read or changed this report, newest first (the report has already been
    checked as visible to the supervisor asking)."""
    return list(AuditEvent.objects.filter(object_type="report", object_id=report.reference).order_by("-at")[:limit])


def staff_audit_events(member: StaffMember, staff: StaffMember, *, limit: int = AUDIT_LIMIT) -> list[AuditEvent]:
    """What a member of staff did while working for this force, newest first."""
    return list(
        AuditEvent.objects.filter(actor_id=staff.user_id, organisation=member.force.code).order_by("-at")[:limit]
    )


def force_staff(member: StaffMember, *, roles: Collection[str] | None = None) -> list[StaffMember]:
    """The force's staff by name; only those in one of ``roles``, if given."""
    staff = StaffMember.objects.filter(force_id=member.force_id)
    if roles is not None:
        staff = staff.filter(role__in=roles)
    return list(staff.select_related("user").order_by("user__last_name", "user__first_name", "user__username"))
