"""What more than one kind of reporting write needs: the audit line for a report, and how
many times to try for an unused random code."""

from portal.audit import audit_record

from ..models import Report, StaffMember

# How many random references or return codes to try before giving up; a clash is already
# rare, five in a row means something else is wrong.
REFERENCE_ATTEMPTS = 5


def report_audit(*, member: StaffMember, action: str, report: Report, reason: str = ""):
    return audit_record(
        actor=member.user,
        action=action,
        object_type="report",
        object_id=report.reference,
        organisation=member.force.code,
        reason=reason,
    )
