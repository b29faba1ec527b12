"""What the confirmation page may promise, read from the report it confirms.

Every sentence on the page that promises something must hold for this report: contact only
when the person gave a way to contact them, a time only from the report's own clock (fixed
from its force's setting when it arrived, reporting.service_levels), and a copy of the answers
only to someone who said a copy is safe to keep and asked for a file (the domestic abuse
journey's "Your copy" pages). Copies are never sent by email: see
docs/decisions/0009-no-copies-by-email.md.

Pure functions over the report's answers, plus the clocks the view has already read.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import service_levels
from .engine.journey import Journey
from .models import Report, ReportClock

# The domestic abuse journey's "Your copy" answers (reporting/journeys/domestic_abuse.py).
COPY_SAFE = "copy_safe"
COPY_METHOD = "copy_method"
COPY_AS_FILE = "download"
# No longer offered: a copy is a download, never an email (docs/decisions/0009-no-copies-by-
# email.md). Reports sent before that may still hold it; their page says none was sent.
COPY_BY_EMAIL = "email"
# Read by the confirmation page when there is a first-contact clock.
FIRST_CONTACT = "first_contact"


def can_be_contacted(journey: Journey, values: dict[str, Any]) -> bool:
    """Whether the person gave at least one way the police may contact them."""
    keys = journey.safe_contact
    methods = values.get(keys.methods) or []
    if isinstance(methods, str):
        methods = [methods]
    return any(method != keys.no_contact for method in methods)


def copy_safe(values: dict[str, Any]) -> bool:
    return values.get(COPY_SAFE) == "yes"


def copy_as_file_wanted(values: dict[str, Any]) -> bool:
    """A copy to download: asked for as a file, after saying a copy is safe to keep."""
    return copy_safe(values) and values.get(COPY_METHOD) == COPY_AS_FILE


def copy_by_email_wanted(values: dict[str, Any]) -> bool:
    """Asked for by email, before email was withdrawn: the page says it was not sent."""
    return copy_safe(values) and values.get(COPY_METHOD) == COPY_BY_EMAIL


@dataclass(frozen=True)
class Confirmation:
    contactable: bool
    copy_as_file: bool
    copy_by_email_asked: bool
    # Each of the report's clocks by milestone, for the next-steps template.
    clocks: dict[str, ReportClock]
    # The clock for first contact: the usual one, or one that stands in for it (urgent
    # contact when someone is in danger now, reporting.service_levels).
    first_contact: ReportClock | None


def confirmation_for(journey: Journey, report: Report, clocks: Iterable[ReportClock]) -> Confirmation:
    values = report.answers["values"]
    by_milestone = {clock.milestone: clock for clock in clocks}
    return Confirmation(
        contactable=can_be_contacted(journey, values),
        copy_as_file=copy_as_file_wanted(values),
        copy_by_email_asked=copy_by_email_wanted(values),
        clocks=by_milestone,
        first_contact=next(
            (
                by_milestone[code]
                for code in reversed(service_levels.met_together(report.report_type, FIRST_CONTACT))
                if code in by_milestone
            ),
            None,
        ),
    )


def copy_sections(report: Report) -> list[dict[str, Any]]:
    """The answers as the person gave them (the record kept with the report, as check your
    answers showed them), grouped by section for the copy."""
    sections: list[dict[str, Any]] = []
    for row in report.answers.get("asked") or []:
        if not sections or sections[-1]["title"] != row["section"]:
            sections.append({"title": row["section"], "rows": []})
        sections[-1]["rows"].append({"question": row["question"], "answer": row["answer"]})
    return sections
