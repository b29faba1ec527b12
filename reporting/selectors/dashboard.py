"""The supervisors' dashboard: the force's figures, from its own reports only
(``access.own_force_reports``)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from .. import triage
from ..models import Report, ReportClock, StaffMember
from .access import own_force_reports

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
    force_reports = own_force_reports(member).order_by()
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
    # The same half of the access rule as force_reports (own_force_reports), followed from
    # the clock to its report: a join, as before, rather than a subquery.
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
