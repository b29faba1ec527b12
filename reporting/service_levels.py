"""Service-level clocks: how soon a force has committed to act on each kind of report.

Each journey declares its milestones and their defaults (Journey.milestones in
reporting.journeys), from published practice (sources in docs/service-levels.md); each force
can change any of them (ForceServiceLevel, in the admin). A milestone can apply only when the
answers say so, in place of another: someone in danger now starts an urgent first-contact
clock instead of the usual one. A report's clocks are fixed when it arrives, so a later
change of setting does not move a deadline already given.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from .engine.journey import Milestone
from .journeys import JOURNEYS


def milestones(report_type: str) -> tuple[Milestone, ...]:
    """Every milestone the kind of report declares, whether or not it applies to a report."""
    journey = JOURNEYS.get(report_type)
    return journey.milestones if journey else ()


def applying(report_type: str, answers: Mapping[str, Any]) -> tuple[Milestone, ...]:
    """The milestones a report with these answers runs: those whose condition holds, less
    those another applying milestone replaces."""
    held = [milestone for milestone in milestones(report_type) if milestone.when(answers)]
    replaced = {milestone.replaces for milestone in held if milestone.replaces}
    return tuple(milestone for milestone in held if milestone.code not in replaced)


def met_together(report_type: str, code: str) -> list[str]:
    """The milestone and those that stand in for it: making first contact meets the urgent
    first-contact clock too."""
    return [code, *(milestone.code for milestone in milestones(report_type) if milestone.replaces == code)]


def deadlines(
    *,
    report_type: str,
    submitted_at: datetime,
    overrides: dict[str, timedelta],
    answers: Mapping[str, Any] | None = None,
) -> dict[str, datetime]:
    """When each milestone of a report falls due: the force's own setting where it has one.
    `answers`: the report's values, which decide the milestones that apply (none given: the
    milestones every report runs)."""
    return {
        milestone.code: submitted_at + overrides.get(milestone.code, milestone.default)
        for milestone in applying(report_type, answers or {})
    }
