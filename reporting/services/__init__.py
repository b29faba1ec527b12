"""Writes for reporting, one module per kind of work: reference data, drafts and return
codes, sending a report, triage, the outbox's retries, and the record of who read what. Everything is re-exported
here, so callers say ``services.report_claim(...)`` without knowing which module holds it."""

from .access_log import queue_export_record, report_access_record, report_search_record
from .drafts import ReturnCodesLimited, draft_resume, draft_return_code_issue, draft_save, drafts_purge
from .followup import (
    follow_up_code_issue,
    follow_up_open,
    person_addition_add,
    person_message_send,
    person_messages_read,
    staff_message_send,
    staff_messages_read,
)
from .outbox_admin import outbox_dead_retry
from .reference_data import forces_sync, grade_schemes_load, staff_account_create, staff_member_assign
from .submission import REPORT_SUBMITTED, report_clocks_start, report_queue, report_submit
from .triage import (
    report_assign,
    report_claim,
    report_claim_next,
    report_clock_meet,
    report_grade,
    report_note_add,
    report_release,
    report_status_change,
    report_transfer_accept,
    report_transfer_reject,
    report_transfer_request,
    thrive_assessment_save,
)

__all__ = [
    "REPORT_SUBMITTED",
    "ReturnCodesLimited",
    # Temporary: tests of the staff pages still take it from here rather than from triage.
    "draft_resume",
    "draft_return_code_issue",
    "draft_save",
    "drafts_purge",
    "follow_up_code_issue",
    "follow_up_open",
    "forces_sync",
    "grade_schemes_load",
    "outbox_dead_retry",
    "person_addition_add",
    "person_message_send",
    "person_messages_read",
    "queue_export_record",
    "report_access_record",
    "report_assign",
    "report_claim",
    "report_claim_next",
    "report_clock_meet",
    "report_clocks_start",
    "report_grade",
    "report_note_add",
    "report_queue",
    "report_release",
    "report_search_record",
    "report_status_change",
    "report_submit",
    "report_transfer_accept",
    "report_transfer_reject",
    "report_transfer_request",
    "staff_account_create",
    "staff_member_assign",
    "staff_message_send",
    "staff_messages_read",
    "thrive_assessment_save",
]
