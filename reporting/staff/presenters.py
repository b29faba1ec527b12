"""What each force staff page shows, worked out in one place per page.

A presenter reads through the selectors (scoped to the member of staff's force) and returns a
frozen dataclass whose fields are what the page's template reads, under the names the
templates use: ``ReportPage`` for a report (the report page and its PDF case file both read
it), ``QueueListing`` for one tab of the queue and ``DashboardPage`` for the supervisors'
figures and charts. ``template_context`` hands a page's fields to its template.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.charts import Bar, bar_chart_svg
from reporting import priority, selectors, triage
from reporting.journeys import JOURNEYS
from reporting.models import Report, ReportActivity, ReportClock, ReportTransfer, StaffMember, ThriveAssessment

from .forms import THRIVE_LABELS


def template_context(page) -> dict[str, Any]:
    """A page's fields by name, as its template reads them (the rows stay as they are)."""
    return {field.name: getattr(page, field.name) for field in fields(page)}


def type_label(report_type: str) -> str:
    """What a kind of report is called on the staff pages."""
    if report_type in triage.TYPE_LABELS:
        return str(triage.TYPE_LABELS[report_type])
    journey = JOURNEYS.get(report_type)
    return str(journey.title) if journey else report_type


def type_choices() -> list[tuple[str, str]]:
    """Every kind of report, with its name, in the journeys' order."""
    return [(slug, type_label(slug)) for slug in JOURNEYS]


# --- A report: the report page and the case file --------------------------------------------


@dataclass(frozen=True)
class ThriveRow:
    name: str
    label: str
    level: str | None
    level_code: str
    note: str


@dataclass(frozen=True)
class ActivityRow:
    """One entry of the case history: what happened, in words, and who did it."""

    activity: ReportActivity
    label: str
    detail: str
    text: str
    by: str


@dataclass(frozen=True)
class ReportPage:
    """A report as the report page and the case file show it, with what the member of staff
    may do with it. Holds the decrypted answers: build it only where reading is recorded."""

    member: StaffMember
    report: Report
    type_label: str
    status_colour: str
    band: priority.Band
    reasons: list[str]
    safe_contact: triage.SafeContact
    sections: list[triage.AnswerSection]
    routing: list[triage.Row]
    clocks: list[triage.ClockState]
    thrive: ThriveAssessment | None
    thrive_rows: list[ThriveRow]
    activities: list[ActivityRow]
    transfer: ReportTransfer | None
    age: str
    now: datetime
    can_work: bool
    can_claim: bool
    can_assign: bool
    can_decide_transfer: bool
    can_review_audit: bool
    transfer_pending_here: bool


def report_page(member: StaffMember, report: Report, *, now: datetime) -> ReportPage:
    """Everything the report page and the case file show. Reads the encrypted answers."""
    answers = report.answers or {}
    thrive = selectors.report_current_thrive(report)
    own_force = report.force_id == member.force_id
    return ReportPage(
        member=member,
        report=report,
        type_label=type_label(report.report_type),
        status_colour=triage.STATUS_TAG_COLOURS.get(report.status, "grey"),
        band=priority.band(report.priority),
        reasons=[priority.reason_label(code) for code in report.priority_reasons or []],
        safe_contact=triage.safe_contact(report.report_type, answers.get("values", {}), asked=answers.get("asked")),
        sections=triage.answers_as_given(answers),
        routing=triage.routing_rows(report.routing, selectors.force_names()),
        clocks=[
            triage.clock_state(
                report_type=report.report_type, milestone=c.milestone, due_at=c.due_at, met_at=c.met_at, now=now
            )
            for c in selectors.report_clocks(report)
        ],
        thrive=thrive,
        thrive_rows=_thrive_rows(thrive),
        activities=[_activity_row(activity) for activity in selectors.report_activities(report)],
        transfer=selectors.report_pending_transfer(report) if report.transfer_to_id else None,
        age=triage.duration_words(now - report.submitted_at),
        now=now,
        can_work=triage.can_work(member, report),
        can_claim=triage.can_claim(member, report),
        can_assign=triage.can_assign(member, report),
        can_decide_transfer=triage.can_decide_transfer(member, report),
        can_review_audit=member.role in triage.OVERSIGHT and own_force,
        transfer_pending_here=report.transfer_to_id is not None and own_force,
    )


def _thrive_rows(thrive: ThriveAssessment | None) -> list[ThriveRow]:
    if thrive is None:
        return []
    levels = dict(ThriveAssessment.Level.choices)
    return [
        ThriveRow(
            name=name,
            label=THRIVE_LABELS[name],
            level=levels.get(thrive.factors[name]["level"]),
            level_code=thrive.factors[name]["level"],
            note=thrive.factors[name]["note"],
        )
        for name in triage.THRIVE_FACTORS
    ]


def _activity_row(activity: ReportActivity) -> ActivityRow:
    return ActivityRow(
        activity=activity,
        label=activity.get_kind_display(),
        detail=_activity_detail(activity),
        text=activity.text or "",
        by=activity.actor.get_full_name() or activity.actor.username,
    )


def _activity_detail(activity: ReportActivity) -> str:
    """The words after an entry's label: what it changed, and to what."""
    data = activity.data or {}
    Kind = ReportActivity.Kind
    if activity.kind == Kind.STATUS_CHANGED:
        statuses = dict(Report.Status.choices)
        detail = _("From %(before)s to %(after)s") % {
            "before": statuses.get(data.get("from"), data.get("from")),
            "after": statuses.get(data.get("to"), data.get("to")),
        }
        if data.get("outcome"):
            outcomes = dict(Report.Outcome.choices)
            detail += " (" + str(outcomes.get(data["outcome"], data["outcome"])) + ")"
        return detail
    if activity.kind == Kind.ASSIGNED:
        return _("To %(name)s") % {"name": data.get("to_name", "")}
    if activity.kind == Kind.GRADED:
        return data.get("grade_label", data.get("grade", ""))
    if activity.kind == Kind.TRANSFER_REQUESTED:
        return _("To %(force)s") % {"force": data.get("to_name", data.get("to", ""))}
    if activity.kind == Kind.CLOCK_MET:
        return data.get("milestone_label", data.get("milestone", ""))
    return ""


# --- The queue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueTab:
    status: str
    label: str
    # None where counting would not help (closed reports).
    count: int | None
    query: str


@dataclass(frozen=True)
class QueueListing:
    """One tab of a force's queue, one page of it, with the tabs and filters around it."""

    member: StaffMember
    chosen: selectors.QueueFilter
    tabs: list[QueueTab]
    page: selectors.QueuePage
    types: list[tuple[str, str]]
    type_labels: dict[str, str]
    status_colours: Mapping[str, str]
    can_claim: bool
    can_export: bool
    next_query: str
    previous_query: str
    filter_query: str


def queue_filter(member: StaffMember, params: Mapping[str, str]) -> selectors.QueueFilter:
    """The tab and filters asked for in the query string; anything unknown is the default."""
    status = params.get("status") or Report.Status.NEW
    allowed = set(Report.Status.values) | ({selectors.INCOMING} if member.role in triage.SUPERVISORS else set())
    if status not in allowed:
        status = Report.Status.NEW
    report_type = params.get("type") or ""
    if report_type not in JOURNEYS:
        report_type = ""
    return selectors.QueueFilter(status=status, report_type=report_type, mine=params.get("mine") == "1")


def queue_query(queue: selectors.QueueFilter, **extra) -> str:
    """The query string that shows this tab with these filters again."""
    params = {"status": queue.status}
    if queue.report_type:
        params["type"] = queue.report_type
    if queue.mine:
        params["mine"] = "1"
    params.update(extra)
    return urlencode(params)


def queue_listing(
    member: StaffMember, chosen: selectors.QueueFilter, *, after: str | None, before: str | None
) -> QueueListing:
    """A page of the queue, after or before a position (keyset pagination), with its tabs."""
    page = selectors.queue_page(member, chosen, after=after, before=before)
    counts = selectors.queue_counts(member, report_type=chosen.report_type)
    tabs = [(status, Report.Status(status).label, counts.get(status)) for status in triage.OPEN_STATUSES]
    tabs.append((Report.Status.CLOSED, Report.Status.CLOSED.label, None))
    if member.role in triage.SUPERVISORS:
        tabs.append((selectors.INCOMING, _("Transfers to us"), counts.get(selectors.INCOMING)))
    types = type_choices()
    return QueueListing(
        member=member,
        chosen=chosen,
        tabs=[
            QueueTab(status=status, label=label, count=count, query=queue_query(chosen, status=status))
            for status, label, count in tabs
        ],
        page=page,
        types=types,
        type_labels=dict(types),
        status_colours=triage.STATUS_TAG_COLOURS,
        can_claim=member.role in triage.WORKERS,
        can_export=member.role in triage.OVERSIGHT,
        next_query=queue_query(chosen, after=page.next_cursor) if page.next_cursor else "",
        previous_query=queue_query(chosen, before=page.previous_cursor) if page.previous_cursor else "",
        filter_query=queue_query(chosen),
    )


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
