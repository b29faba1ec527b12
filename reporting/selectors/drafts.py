"""Reads for the person making a report: their draft, and the report it became."""

from django.utils import timezone

from ..models import Draft, Report, SentDraft
from ._common import as_uuid


def draft_for_session(*, draft_id: str | None, journey: str) -> Draft | None:
    """The session's unexpired draft for a journey, if it has one."""
    pk = as_uuid(draft_id)
    if pk is None:
        return None
    return Draft.objects.filter(pk=pk, journey=journey, expires_at__gt=timezone.now()).first()


def report_for_submission_key(submission_key: str) -> Report | None:
    if not submission_key:
        return None
    return Report.objects.select_related("force").filter(submission_key=submission_key).first()


def report_for_confirmation(*, report_id: str | None, journey: str) -> Report | None:
    pk = as_uuid(report_id)
    if pk is None:
        return None
    return Report.objects.select_related("force").filter(pk=pk, report_type=journey).first()


def report_sent_from_draft(*, draft_id: str | None, journey: str) -> Report | None:
    """The report a session's draft became, while the marker the draft left is unexpired."""
    pk = as_uuid(draft_id)
    if pk is None:
        return None
    sent = (
        SentDraft.objects.select_related("report__force")
        .filter(draft_id=pk, journey=journey, expires_at__gt=timezone.now())
        .first()
    )
    return sent.report if sent else None
