"""Reads for following a sent report: the person's own report through their live code, and
the conversation on it (for the person, and for staff who may see the report)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..models import Report, ReportCode, ReportMessage
from ._common import as_uuid


def live_codes(now: datetime):
    """Codes that still open their report: unexpired, of a report open or closed lately."""
    closed_since = now - timedelta(days=settings.WAYMARK_FOLLOW_UP_DAYS_AFTER_CLOSE)
    return ReportCode.objects.filter(expires_at__gt=now).filter(
        Q(report__closed_at__isnull=True) | Q(report__closed_at__gt=closed_since)
    )


def report_for_follow_up(*, code_id: str | None, now: datetime | None = None) -> Report | None:
    """The report a signed-in session follows, while the code it signed in with is live (a
    new code, expiry or the report closed long ago ends the session's access too)."""
    pk = as_uuid(code_id)
    if pk is None:
        return None
    code = live_codes(now or timezone.now()).select_related("report__force").filter(pk=pk).first()
    return code.report if code else None


def report_conversation(report: Report) -> list[ReportMessage]:
    """The messages both ways and the person's additions, oldest first, in one query. The
    report has already been checked as the caller's to read."""
    return list(ReportMessage.objects.filter(report=report).select_related("sent_by", "read_by").order_by("sent_at"))


def report_reachable(report: Report) -> bool:
    """Whether the person who sent the report can read messages: it has a follow-up code."""
    return ReportCode.objects.filter(report=report).exists()
