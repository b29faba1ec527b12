"""Reads for the API, every one through the one access rule with the client as the actor
(reporting.selectors.reports_visible_to): a force system sees its own force's reports and
nothing else; anything else is answered as if it did not exist."""

from django.db.models import QuerySet

from ..models import Report
from ..selectors import normalise_reference, reports_visible_to
from .models import ApiClient


def client_reports(
    client: ApiClient, *, report_type: str = "", status: str = "", acknowledged: bool | None = None
) -> QuerySet[Report]:
    """The force's reports that have reached its queue, oldest in the queue first."""
    reports = (
        reports_visible_to(client)
        .filter(queued_at__isnull=False)
        .select_related("acknowledgement")
        .order_by("queued_at", "id")
    )
    if report_type:
        reports = reports.filter(report_type=report_type)
    if status:
        reports = reports.filter(status=status)
    if acknowledged is not None:
        reports = reports.filter(acknowledgement__isnull=not acknowledged)
    return reports


def client_report(client: ApiClient, reference: str) -> Report | None:
    """One report of the force's queue by its reference; None for anything else, whether or
    not it exists in another force (the view answers 404 either way)."""
    reference = normalise_reference(reference)
    if not reference:
        return None
    return (
        reports_visible_to(client)
        .filter(queued_at__isnull=False, reference=reference)
        .select_related("force", "grade", "acknowledgement")
        .first()
    )
