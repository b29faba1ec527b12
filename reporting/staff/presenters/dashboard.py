"""The supervisors' dashboard: figures and charts."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.charts import Bar, bar_chart_svg
from reporting import selectors, triage
from reporting.models import Report, ReportClock, StaffMember

from .common import type_choices

# --- The dashboard --------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeRow:
    label: str
    # Open reports of this type, in the order of the dashboard's statuses.
    counts: list[int]
    closed: int


@dataclass(frozen=True)
class WaitingRow:
    report: Report
    type_label: str
    age: str


@dataclass(frozen=True)
class BreachRow:
    clock: ReportClock
    state: triage.ClockState


@dataclass(frozen=True)
class DashboardPage:
    """A force's open work at a glance: figures, two charts with their numbers beside them,
    the reports waiting longest and the service levels missed."""

    member: StaffMember
    figures: selectors.Dashboard
    statuses: list[tuple[str, str]]
    status_rows: list[tuple[str, int]]
    type_rows: list[TypeRow]
    status_chart: SafeString
    arrivals_chart: SafeString
    open_total: int
    oldest: list[WaitingRow]
    breaches: list[BreachRow]
    type_labels: dict[str, str]


def dashboard_page(member: StaffMember, *, now: datetime) -> DashboardPage:
    figures = selectors.dashboard(member, now=now)
    statuses = [(status, Report.Status(status).label) for status in triage.OPEN_STATUSES]
    type_labels = dict(type_choices())
    return DashboardPage(
        member=member,
        figures=figures,
        statuses=statuses,
        status_rows=[(label, figures.by_status[status]) for status, label in statuses],
        type_rows=[
            TypeRow(
                label=type_labels.get(report_type, report_type),
                counts=[counts.get(status, 0) for status, _label in statuses],
                closed=counts.get("closed_recently", 0),
            )
            for report_type, counts in sorted(figures.by_type.items())
        ],
        status_chart=_chart(
            [Bar(str(label), figures.by_status[status]) for status, label in statuses],
            title=_("Open reports by status"),
            description=_("Bar chart of open reports by status. The same numbers are in the table beside it."),
            chart_id="chart-status",
        ),
        arrivals_chart=_chart(
            [Bar(date_format(day, "j M"), count) for day, count in figures.arrivals],
            title=_("Reports arriving each day, last 30 days"),
            description=_("Bar chart of reports arriving each day. The same numbers are in the table beside it."),
            chart_id="chart-arrivals",
        ),
        open_total=sum(figures.by_status.values()),
        oldest=[
            WaitingRow(
                report=report,
                type_label=type_labels.get(report.report_type, report.report_type),
                age=triage.duration_words(now - report.submitted_at),
            )
            for report in figures.oldest_waiting
        ],
        breaches=[
            BreachRow(
                clock=clock,
                state=triage.clock_state(
                    report_type=clock.report.report_type,
                    milestone=clock.milestone,
                    due_at=clock.due_at,
                    met_at=None,
                    now=now,
                ),
            )
            for clock in figures.breaches
        ],
        type_labels=type_labels,
    )


def _chart(bars: list[Bar], *, title: str, description: str, chart_id: str) -> SafeString:
    # bar_chart_svg escapes every label and title itself; nothing typed by a victim reaches it.
    return mark_safe(bar_chart_svg(bars, title=title, description=description, chart_id=chart_id))  # noqa: S308
