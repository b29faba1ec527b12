"""Reporting's models, one module per kind of thing: forces and their staff, drafts, reports
and triage, the outbox, and following up. Django finds them all here, and every name is
re-exported, so callers say ``from reporting.models import Report`` without knowing which
module holds it."""

from .drafts import Draft, ReturnCodeAttempt, SentDraft, new_submission_key
from .followup import ReportCode, ReportMessage
from .forces import Force, ForceGrade, ForceServiceLevel, StaffMember
from .outbox import OutboxMessage
from .reports import Report, ReportActivity, ReportClock, ReportTransfer, ThriveAssessment

__all__ = [
    "ApiClient",
    "Draft",
    "Force",
    "ForceGrade",
    "ForceServiceLevel",
    "OutboxMessage",
    "Report",
    "ReportAcknowledgement",
    "ReportActivity",
    "ReportClock",
    "ReportCode",
    "ReportMessage",
    "ReportTransfer",
    "ReturnCodeAttempt",
    "SentDraft",
    "StaffMember",
    "ThriveAssessment",
    "new_submission_key",
]

# The API's models (force systems and their acknowledgements) live beside the API and belong
# to this app: importing them here registers them, and their migrations are reporting's.
from ..api.models import ApiClient, ReportAcknowledgement
