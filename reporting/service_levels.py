"""Service-level clocks: how soon a force has committed to act on each kind of report.

Each journey declares its milestones and their defaults (Journey.milestones in
reporting.journeys), from published practice (sources in docs/service-levels.md); each force
can change any of them (ForceServiceLevel, in the admin). A report's clocks are fixed when it
arrives, so a later change of setting does not move a deadline already given.
"""

from datetime import datetime, timedelta

from .engine.journey import Milestone
from .journeys import JOURNEYS


def milestones(report_type: str) -> tuple[Milestone, ...]:
    journey = JOURNEYS.get(report_type)
    return journey.milestones if journey else ()


def deadlines(*, report_type: str, submitted_at: datetime, overrides: dict[str, timedelta]) -> dict[str, datetime]:
    """When each milestone of a report falls due: the force's own setting where it has one."""
    return {
        milestone.code: submitted_at + overrides.get(milestone.code, milestone.default)
        for milestone in milestones(report_type)
    }
