"""The force staff's views, one module per screen: the queue (``queue``), a report
(``report``), working it (``actions``), transfers between forces (``transfers``), the audit
trail (``audit``), the dashboard (``dashboard``) and the files that leave (``exports``).

Thin on purpose: every view is wrapped by ``guard.staff_view`` (a report in another force,
or one that does not exist, is a 404 either way), reads through a presenter or a selector
scoped to the member of staff's force, and changes things through a service that checks the
rules and writes the audit event. Two-factor sign-in is enforced for all of /staff/ by
portal.middleware before any of this runs.
"""

from .actions import (
    report_assign,
    report_claim,
    report_clock_met,
    report_grade,
    report_note,
    report_release,
    report_status,
    report_thrive,
)
from .audit import report_audit, staff_audit, staff_audit_list
from .dashboard import dashboard
from .exports import case_file, queue_export
from .messages import report_message
from .queue import claim_next, queue, search
from .report import report_reason, report_view
from .transfers import report_transfer, report_transfer_accept, report_transfer_reject

__all__ = [
    "case_file",
    "claim_next",
    "dashboard",
    "queue",
    "queue_export",
    "report_assign",
    "report_audit",
    "report_claim",
    "report_clock_met",
    "report_grade",
    "report_message",
    "report_note",
    "report_reason",
    "report_release",
    "report_status",
    "report_thrive",
    "report_transfer",
    "report_transfer_accept",
    "report_transfer_reject",
    "report_view",
    "search",
    "staff_audit",
    "staff_audit_list",
]
