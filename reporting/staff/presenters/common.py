"""What several staff pages share: a page's template context, the names of the kinds of
report, and the in-danger-now flag."""

from dataclasses import fields
from typing import Any

from reporting import priority, triage
from reporting.journeys import JOURNEYS
from reporting.models import Report


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


def in_danger_now(report: Report) -> bool:
    """Whether the person answered that someone is in danger now (the journey's in-danger
    answer, kept as the priority reason when the report arrived, so the queue reads it without
    the encrypted answers): staff see it flagged, to pass to the control room at once."""
    return priority.DANGER_NOW_REASON in (report.priority_reasons or ())
