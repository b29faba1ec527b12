"""Reads for reporting."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.models import AuditEvent

from . import codes, priority, triage
from .models import (
    Draft,
    Force,
    ForceGrade,
    Report,
    ReportActivity,
    ReportClock,
    ReportTransfer,
    StaffMember,
    ThriveAssessment,
)
from .triage import SUPERVISORS


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def draft_for_session(*, draft_id: str | None, journey: str) -> Draft | None:
    """The session's unexpired draft for a journey, if it has one."""
    pk = _uuid(draft_id)
    if pk is None:
        return None
    return Draft.objects.filter(pk=pk, journey=journey, expires_at__gt=timezone.now()).first()


def report_for_submission_key(submission_key: str) -> Report | None:
    if not submission_key:
        return None
    return Report.objects.select_related("force").filter(submission_key=submission_key).first()


def report_for_confirmation(*, report_id: str | None, journey: str) -> Report | None:
    pk = _uuid(report_id)
    if pk is None:
        return None
    return Report.objects.select_related("force").filter(pk=pk, report_type=journey).first()


# --- Triage: every read below is scoped to the member of staff's own force -----------------


def staff_member_for(user) -> StaffMember | None:
    """The user's force membership, or None for anyone who is not force staff (a support
    agency's staff, a site administrator)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.select_related("force", "user").filter(user=user).first()


def reports_visible_to(member: StaffMember) -> QuerySet[Report]:
    """The only way into reports for staff views: their own force's reports, and for
    supervisors, reports another force asks them to take (to decide on the transfer)."""
    scope = Q(force_id=member.force_id)
    if member.role in SUPERVISORS:
        scope |= Q(transfer_to_id=member.force_id)
    return Report.objects.filter(scope)


def normalise_reference(typed: str) -> str:
    """A reference as staff might type it ("k7qf 29xh") in its stored form ("K7QF-29XH")."""
    compact = codes.normalise(typed or "")
    return codes.grouped(compact) if compact else ""


def report_for_staff(member: StaffMember, reference: str) -> Report | None:
    """The report with this reference if this member of staff may see it; None otherwise,
    whether or not it exists in another force (the view answers 404 either way)."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    return (
        reports_visible_to(member)
        .select_related("force", "assigned_to", "grade", "transfer_to")
        .filter(reference=reference)
        .first()
    )


def report_by_id_for_staff(member: StaffMember, report_id) -> Report | None:
    """The report with this id if this member of staff may see it (the same rule as by
    reference); None otherwise."""
    pk = _uuid(report_id)
    if pk is None:
        return None
    return (
        reports_visible_to(member).select_related("force", "assigned_to", "grade", "transfer_to").filter(pk=pk).first()
    )


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
        if member.role not in SUPERVISORS:
            return Report.objects.none()
        reports = Report.objects.filter(transfer_to_id=member.force_id)
    else:
        reports = Report.objects.filter(force_id=member.force_id, queued_at__isnull=False, status=queue.status)
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
    reports = Report.objects.filter(force_id=member.force_id, queued_at__isnull=False, status__in=triage.OPEN_STATUSES)
    if report_type:
        reports = reports.filter(report_type=report_type)
    counts = {status: 0 for status in triage.OPEN_STATUSES}
    counts.update(dict(reports.order_by().values_list("status").annotate(n=Count("id"))))
    if member.role in SUPERVISORS:
        incoming = Report.objects.filter(transfer_to_id=member.force_id)
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


def force_names() -> dict[str, str]:
    return dict(Force.objects.values_list("code", "display_name"))


def force_grades(force_id: int) -> list[ForceGrade]:
    return list(ForceGrade.objects.filter(force_id=force_id))


def force_workers(member: StaffMember) -> list[StaffMember]:
    """Who a supervisor can give a report to: their own force's staff who work reports."""
    return list(
        StaffMember.objects.filter(force_id=member.force_id, role__in=triage.WORKERS)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def transfer_destinations(member: StaffMember) -> list[Force]:
    return list(Force.objects.filter(accepts_reports=True).exclude(pk=member.force_id).order_by("display_name"))


def report_activities(report: Report) -> list[ReportActivity]:
    return list(report.activities.select_related("actor").order_by("at"))


def report_current_thrive(report: Report) -> ThriveAssessment | None:
    return report.thrive_assessments.select_related("assessed_by").order_by("-assessed_at").first()


def report_clocks(report: Report) -> list[ReportClock]:
    return list(report.clocks.order_by("due_at"))


def report_pending_transfer(report: Report) -> ReportTransfer | None:
    return (
        report.transfers.filter(status=ReportTransfer.Status.PENDING)
        .select_related("from_force", "to_force", "requested_by")
        .first()
    )


def report_audit_summary(report: Report) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="report", object_id=report.reference).order_by("at"))


# --- The audit trail, for supervisors ----------------------------------------------------------

AUDIT_LIMIT = 500


def report_audit_events(report: Report, *, limit: int = AUDIT_LIMIT) -> list[AuditEvent]:
    """Everyone who read or changed this report, newest first (the report has already been
    checked as visible to the supervisor asking)."""
    return list(AuditEvent.objects.filter(object_type="report", object_id=report.reference).order_by("-at")[:limit])


def force_staff_member(member: StaffMember, user_id: int) -> StaffMember | None:
    """A member of the same force's staff; None for anyone else, however they exist."""
    return StaffMember.objects.select_related("user").filter(force_id=member.force_id, user_id=user_id).first()


def staff_audit_events(member: StaffMember, staff: StaffMember, *, limit: int = AUDIT_LIMIT) -> list[AuditEvent]:
    """What a member of staff did while working for this force, newest first."""
    return list(
        AuditEvent.objects.filter(actor_id=staff.user_id, organisation=member.force.code).order_by("-at")[:limit]
    )


def force_staff(member: StaffMember) -> list[StaffMember]:
    return list(
        StaffMember.objects.filter(force_id=member.force_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


# --- The supervisors' dashboard -------------------------------------------------------------

ARRIVAL_DAYS = 30
OLDEST_SHOWN = 5
BREACHES_SHOWN = 10


@dataclass
class Dashboard:
    # {report_type: {status: count}} for the open statuses, plus "closed_recently".
    by_type: dict[str, dict[str, int]]
    by_status: dict[str, int]
    closed_recently: int
    oldest_waiting: list[Report]
    breach_count: int
    breaches: list[ReportClock]
    arrivals: list[tuple[date, int]]


def dashboard(member: StaffMember, *, now: datetime | None = None) -> Dashboard:
    """The force's figures in a fixed number of grouped queries, each over the open part of
    the queue or the last 30 days, so the cost follows the work waiting, not the history."""
    now = now or timezone.now()
    since = now - timedelta(days=ARRIVAL_DAYS)
    force_reports = Report.objects.filter(force_id=member.force_id).order_by()
    by_type: dict[str, dict[str, int]] = {}
    by_status = {status: 0 for status in triage.OPEN_STATUSES}
    open_counts = (
        force_reports.filter(queued_at__isnull=False, status__in=triage.OPEN_STATUSES)
        .values_list("report_type", "status")
        .annotate(n=Count("id"))
    )
    for report_type, status, count in open_counts:
        by_type.setdefault(report_type, {})[status] = count
        by_status[status] += count
    closed = force_reports.filter(closed_at__gte=since).values_list("report_type").annotate(n=Count("id"))
    closed_recently = 0
    for report_type, count in closed:
        by_type.setdefault(report_type, {})["closed_recently"] = count
        closed_recently += count
    oldest = list(
        force_reports.filter(status=Report.Status.NEW, queued_at__isnull=False)
        .only("id", "reference", "report_type", "submitted_at", "priority", "status", "force_id")
        .order_by("submitted_at")[:OLDEST_SHOWN]
    )
    overdue = ReportClock.objects.filter(
        report__force_id=member.force_id,
        report__status__in=triage.OPEN_STATUSES,
        met_at__isnull=True,
        due_at__lt=now,
    )
    breach_count = overdue.count()
    breaches = list(
        overdue.select_related("report")
        .only("id", "milestone", "due_at", "met_at", "report__reference", "report__report_type", "report__status")
        .order_by("due_at")[:BREACHES_SHOWN]
    )
    local = timezone.get_current_timezone()
    per_day = dict(
        force_reports.filter(submitted_at__gte=since)
        .annotate(day=TruncDate("submitted_at", tzinfo=local))
        .values_list("day")
        .annotate(n=Count("id"))
    )
    today = timezone.localdate(now)
    arrivals = [
        (day, per_day.get(day, 0))
        for day in (today - timedelta(days=offset) for offset in range(ARRIVAL_DAYS - 1, -1, -1))
    ]
    return Dashboard(
        by_type=by_type,
        by_status=by_status,
        closed_recently=closed_recently,
        oldest_waiting=oldest,
        breach_count=breach_count,
        breaches=breaches,
        arrivals=arrivals,
    )
