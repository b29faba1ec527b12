"""Reads for the force's queue: one page of it, how many wait in each status, and exports.
Every one starts from the access rule (``access.own_force_reports`` and
``access.incoming_reports``, the two halves of ``reports_visible_to``)."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .. import priority, triage
from ..models import Report, ReportClock, StaffMember
from ..triage import SUPERVISORS
from .access import incoming_reports, own_force_reports

QUEUE_PAGE_SIZE = 25
INCOMING = "incoming"


@dataclass(frozen=True)
class QueueFilter:
    status: str = Report.Status.NEW
    report_type: str = ""
    mine: bool = False


@dataclass(frozen=True)
class Cursor:
    """A position in the queue order (priority high to low, then oldest first)."""

    priority: int
    submitted_at: datetime
    id: uuid.UUID

    def encode(self) -> str:
        return f"{self.priority}_{int(self.submitted_at.timestamp() * 1_000_000)}_{self.id.hex}"

    @classmethod
    def decode(cls, value: str | None) -> "Cursor | None":
        try:
            priority, micros, pk = (value or "").split("_")
            return cls(
                int(priority),
                datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC),
                uuid.UUID(hex=pk),
            )
        except (ValueError, OverflowError, OSError):
            return None

    @classmethod
    def of(cls, report: Report) -> "Cursor":
        return cls(report.priority, report.submitted_at, report.pk)


@dataclass
class QueueRow:
    report: Report
    band: priority.Band
    reasons: list[str]
    age: str
    clock: triage.ClockState | None


@dataclass
class QueuePage:
    rows: list[QueueRow]
    next_cursor: str | None
    previous_cursor: str | None


def queue_reports(member: StaffMember, queue: QueueFilter) -> QuerySet[Report]:
    if queue.status == INCOMING:
        reports = incoming_reports(member)
    else:
        reports = own_force_reports(member).filter(queued_at__isnull=False, status=queue.status)
    if queue.report_type:
        reports = reports.filter(report_type=queue.report_type)
    if queue.mine:
        reports = reports.filter(assigned_to_id=member.user_id)
    return reports


def queue_page(
    member: StaffMember,
    queue: QueueFilter,
    *,
    after: str | None = None,
    before: str | None = None,
    size: int = QUEUE_PAGE_SIZE,
    now: datetime | None = None,
) -> QueuePage:
    """One page of a force's queue, most urgent first, then oldest: keyset pagination, so
    a page costs the same however deep in the queue it is and however many reports exist."""
    now = now or timezone.now()
    reports = (
        queue_reports(member, queue)
        .select_related("assigned_to")
        .prefetch_related(Prefetch("clocks", queryset=ReportClock.objects.filter(met_at__isnull=True), to_attr="open"))
        .only(
            "id",
            "reference",
            "report_type",
            "status",
            "submitted_at",
            "priority",
            "priority_reasons",
            "assigned_to",
            "force_id",
            "transfer_to_id",
            "assigned_to__first_name",
            "assigned_to__last_name",
            "assigned_to__username",
        )
    )
    after_cursor, before_cursor = Cursor.decode(after), Cursor.decode(before)
    if before_cursor is not None:
        c = before_cursor
        earlier = Q(priority__gt=c.priority) | Q(priority=c.priority, submitted_at__lt=c.submitted_at)
        earlier |= Q(priority=c.priority, submitted_at=c.submitted_at, id__lt=c.id)
        found = list(reports.filter(earlier).order_by("priority", "-submitted_at", "-id")[: size + 1])
        has_more_before = len(found) > size
        found = list(reversed(found[:size]))
        has_more_after = True
    else:
        if after_cursor is not None:
            c = after_cursor
            later = Q(priority__lt=c.priority) | Q(priority=c.priority, submitted_at__gt=c.submitted_at)
            later |= Q(priority=c.priority, submitted_at=c.submitted_at, id__gt=c.id)
            reports = reports.filter(later)
        found = list(reports.order_by("-priority", "submitted_at", "id")[: size + 1])
        has_more_after = len(found) > size
        found = found[:size]
        has_more_before = after_cursor is not None
    rows = [
        QueueRow(
            report=report,
            band=priority.band(report.priority),
            reasons=[priority.reason_label(code) for code in report.priority_reasons or []],
            age=triage.duration_words(now - report.submitted_at),
            clock=triage.next_clock(report.open, report_type=report.report_type, now=now),
        )
        for report in found
    ]
    return QueuePage(
        rows=rows,
        next_cursor=Cursor.of(found[-1]).encode() if found and has_more_after else None,
        previous_cursor=Cursor.of(found[0]).encode() if found and has_more_before else None,
    )


def queue_counts(member: StaffMember, *, report_type: str = "") -> dict[str, int]:
    """How many reports wait in each open status (and, for supervisors, how many other
    forces ask them to take): one grouped query over the open part of the queue only."""
    reports = own_force_reports(member).filter(queued_at__isnull=False, status__in=triage.OPEN_STATUSES)
    if report_type:
        reports = reports.filter(report_type=report_type)
    counts = {status: 0 for status in triage.OPEN_STATUSES}
    counts.update(dict(reports.order_by().values_list("status").annotate(n=Count("id"))))
    if member.role in SUPERVISORS:
        incoming = incoming_reports(member)
        if report_type:
            incoming = incoming.filter(report_type=report_type)
        counts[INCOMING] = incoming.count()
    return counts


def queue_export_rows(member: StaffMember, queue: QueueFilter, *, limit: int) -> list[Report]:
    return list(
        queue_reports(member, queue)
        .select_related("assigned_to", "grade")
        .order_by("-priority", "submitted_at", "id")[:limit]
    )
