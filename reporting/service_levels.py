"""Service-level clocks: how soon a force has committed to act on each kind of report.

The defaults come from published practice (sources in docs/service-levels.md); each force can
change any of them (ForceServiceLevel, in the admin). A report's clocks are fixed when it
arrives, so a later change of setting does not move a deadline already given.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Milestone:
    code: str
    label: Promise
    default: timedelta


SERVICE_LEVELS: dict[str, tuple[Milestone, ...]] = {
    "domestic-abuse": (Milestone("first_contact", _("First contact"), timedelta(hours=24)),),
    "rape-sexual-assault": (Milestone("first_contact", _("First contact"), timedelta(hours=12)),),
    "clares-law": (
        Milestone("initial_checks", _("Initial checks"), timedelta(hours=24)),
        Milestone("decision", _("Decision"), timedelta(days=28)),
    ),
    "sarahs-law": (
        Milestone("initial_checks", _("Initial checks"), timedelta(hours=24)),
        Milestone("interview", _("Interview"), timedelta(days=10)),
        Milestone("complete", _("Complete"), timedelta(days=45)),
    ),
}


def milestones(report_type: str) -> tuple[Milestone, ...]:
    return SERVICE_LEVELS.get(report_type, ())


def deadlines(*, report_type: str, submitted_at: datetime, overrides: dict[str, timedelta]) -> dict[str, datetime]:
    """When each milestone of a report falls due: the force's own setting where it has one."""
    return {
        milestone.code: submitted_at + overrides.get(milestone.code, milestone.default)
        for milestone in milestones(report_type)
    }
