"""Reads for reporting, one module per kind of read. The one access rule for reports is in
``access`` (``reports_visible_to``); everything is re-exported here, so callers say
``selectors.queue_page(...)`` without knowing which module holds it."""

from .access import (
    ReportReader,
    force_staff_member,
    incoming_reports,
    normalise_reference,
    own_force_reports,
    report_by_id_for_staff,
    report_for_staff,
    reports_visible_to,
    staff_member_for,
)
from .audit import AUDIT_LIMIT, force_staff, report_audit_events, report_audit_summary, staff_audit_events
from .dashboard import ARRIVAL_DAYS, BREACHES_SHOWN, OLDEST_SHOWN, Dashboard, dashboard
from .drafts import draft_for_session, report_for_confirmation, report_for_submission_key, report_sent_from_draft
from .followup import live_codes, report_conversation, report_for_follow_up, report_reachable
from .queue import (
    INCOMING,
    QUEUE_PAGE_SIZE,
    Cursor,
    QueueFilter,
    QueuePage,
    QueueRow,
    queue_counts,
    queue_export_rows,
    queue_page,
    queue_reports,
)
from .reports import (
    force_grades,
    force_names,
    force_workers,
    report_activities,
    report_clocks,
    report_current_thrive,
    report_pending_transfer,
    transfer_destinations,
)

__all__ = [
    "ARRIVAL_DAYS",
    "AUDIT_LIMIT",
    "BREACHES_SHOWN",
    "INCOMING",
    "OLDEST_SHOWN",
    "QUEUE_PAGE_SIZE",
    "Cursor",
    "Dashboard",
    "QueueFilter",
    "QueuePage",
    "QueueRow",
    "ReportReader",
    "dashboard",
    "draft_for_session",
    "force_grades",
    "force_names",
    "force_staff",
    "force_staff_member",
    "force_workers",
    "incoming_reports",
    "live_codes",
    "normalise_reference",
    "own_force_reports",
    "queue_counts",
    "queue_export_rows",
    "queue_page",
    "queue_reports",
    "report_activities",
    "report_audit_events",
    "report_audit_summary",
    "report_by_id_for_staff",
    "report_clocks",
    "report_conversation",
    "report_current_thrive",
    "report_for_confirmation",
    "report_for_follow_up",
    "report_for_staff",
    "report_for_submission_key",
    "report_pending_transfer",
    "report_reachable",
    "report_sent_from_draft",
    "reports_visible_to",
    "staff_audit_events",
    "staff_member_for",
    "transfer_destinations",
]
