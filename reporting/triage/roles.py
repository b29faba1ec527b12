"""Who may do what with a report: the force roles, and the permissions each action checks.

Pure rules over a member of staff and a report, with no database: the services check them
under a row lock before changing anything, and the staff pages use them to decide which
actions to offer.
"""

from reporting.models import Report, StaffMember

Role = StaffMember.Role
Status = Report.Status

# --- Roles ------------------------------------------------------------------------------

# Who claims and works reports: triage, grading, notes, status, transfer requests.
WORKERS = frozenset({Role.CONTACT_HANDLER, Role.CASE_OFFICER, Role.SUPERVISOR})
# Who assigns work, decides on transfers from other forces, and reviews the audit trail.
SUPERVISORS = frozenset({Role.SUPERVISOR})
# Who sees the force's figures and reviews the audit trail.
OVERSIGHT = frozenset({Role.SUPERVISOR, Role.FORCE_ADMIN})
# Everyone with a force role can open the queue and, giving a reason, read a report.
EVERYONE = frozenset(Role)


def can_work(member: StaffMember, report: Report) -> bool:
    """May this member of staff change the report (grade it, add notes, move it on)?"""
    return (
        member.role in WORKERS
        and report.force_id == member.force_id
        and report.transfer_to_id is None
        and (report.assigned_to_id == member.user_id or member.role in SUPERVISORS)
    )


def can_claim(member: StaffMember, report: Report) -> bool:
    return (
        member.role in WORKERS
        and report.force_id == member.force_id
        and report.assigned_to_id is None
        and report.transfer_to_id is None
        and report.status != Status.CLOSED
    )


def can_assign(member: StaffMember, report: Report) -> bool:
    return (
        member.role in SUPERVISORS
        and report.force_id == member.force_id
        and report.transfer_to_id is None
        and report.status != Status.CLOSED
    )


def can_decide_transfer(member: StaffMember, report: Report) -> bool:
    return member.role in SUPERVISORS and report.transfer_to_id == member.force_id
