"""The queue: one tab of a force's queue, one page of it."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from reporting import selectors, triage
from reporting.journeys import JOURNEYS
from reporting.models import Report, StaffMember

from .common import in_danger_now, type_choices

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
    # The references of the rows where someone is in danger now (in_danger_now).
    in_danger_now: frozenset[str]
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
        in_danger_now=frozenset(row.report.reference for row in page.rows if in_danger_now(row.report)),
        next_query=queue_query(chosen, after=page.next_cursor) if page.next_cursor else "",
        previous_query=queue_query(chosen, before=page.previous_cursor) if page.previous_cursor else "",
        filter_query=queue_query(chosen),
    )
