"""What each force staff page shows, worked out in one place per page.

A presenter reads through the selectors (scoped to the member of staff's force) and returns a
frozen dataclass whose fields are what the page's template reads, under the names the
templates use: ``ReportPage`` for a report (the report page and its PDF case file both read
it), ``QueueListing`` for one tab of the queue and ``DashboardPage`` for the supervisors'
figures and charts. ``template_context`` hands a page's fields to its template.
"""

from .common import in_danger_now, template_context, type_choices, type_label
from .dashboard import BreachRow, DashboardPage, TypeRow, WaitingRow, dashboard_page
from .queue import QueueListing, QueueTab, queue_filter, queue_listing, queue_query
from .report import ActivityRow, ConversationRow, ReportPage, ThriveRow, report_page

__all__ = [
    "ActivityRow",
    "BreachRow",
    "ConversationRow",
    "DashboardPage",
    "QueueListing",
    "QueueTab",
    "ReportPage",
    "ThriveRow",
    "TypeRow",
    "WaitingRow",
    "dashboard_page",
    "in_danger_now",
    "queue_filter",
    "queue_listing",
    "queue_query",
    "report_page",
    "template_context",
    "type_choices",
    "type_label",
]
