"""The priority a report starts with in its force's queue, and why.

Worked out once, when the report is sent, from what the person told us: whether anyone is
in danger now, the risk indicators, children, injury, whether the person it happened to is
a child, and the kind of report. The score
only orders the queue; it never grades, closes or dismisses anything. A person always
grades: THRIVE, the assessment forces use, is "an individual assessment of every incident"
(North Yorkshire Police, https://www.northyorkshire.police.uk/what-we-do/dealing-with-crime/deal-crime-report/).

Pure: no database, no request. The answers are a journey's values (Flow.answers); which
answers hold these facts, and what the kind of report itself weighs, each journey declares
(Journey.priority, Journey.type_weight and Journey.type_reason in reporting.journeys).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .engine.answers import CHILD_AGE_BANDS
from .engine.journey import PriorityFacts
from .journeys import JOURNEYS

# Someone in danger now outranks every other combination of answers.
DANGER_NOW = 200
# Its reason code, which the staff pages read to flag the report (staff.presenters).
DANGER_NOW_REASON = "danger_now"
DANGER_UNSURE = 50
CHILDREN = 15
INJURED = 10
# The person it happened to is under 18: a child to safeguard, whoever reported it.
CHILD = 30
# Each risk indicator code (the journeys' stable codes) and its weight; a code not listed
# here still counts, at OTHER_RISK.
RISK_WEIGHTS = {
    "strangulation": 30,
    "threats_to_kill": 30,
    "weapons": 25,
    "stalking": 15,
    "escalation": 15,
    "separation": 10,
    "pregnancy": 10,
    # Rape and sexual assault in the last 7 days: forensic evidence may still be kept.
    "within_7_days": 30,
    # Clare's Law: children live with the person at risk.
    "children_in_household": 15,
}
OTHER_RISK = 10
MAXIMUM = 999

REASONS: dict[str, Promise] = {
    "danger_now": _("Someone is in danger now"),
    "danger_unsure": _("Not sure whether someone is in danger now"),
    "children": _("Children or dependants live with them"),
    "injured": _("Injured"),
    "child": _("A child (under 18)"),
    "risk:strangulation": _("Strangulation or choking"),
    "risk:threats_to_kill": _("Threats to kill"),
    "risk:weapons": _("Weapons used or threatened"),
    "risk:stalking": _("Stalking or harassment"),
    "risk:escalation": _("Abuse getting worse or more frequent"),
    "risk:separation": _("Recent or planned separation"),
    "risk:pregnancy": _("Pregnant or recently had a baby"),
    "risk:within_7_days": _("Happened in the last 7 days: forensic evidence may still be kept"),
    "risk:children_in_household": _("Children live with the person at risk"),
}
# The reason for the kind of report is "type:" and the journey's slug (Journey.type_reason).
TYPE = "type:"


@dataclass(frozen=True)
class Priority:
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    code: str
    label: Promise
    # A GOV.UK tag colour modifier.
    colour: str


BANDS = (
    (DANGER_NOW, Band("highest", _("Highest"), "red")),
    (60, Band("high", _("High"), "orange")),
    (30, Band("raised", _("Raised"), "yellow")),
    (0, Band("standard", _("Standard"), "grey")),
)


def assess(*, report_type: str, answers: dict, risk_indicators: list[str]) -> Priority:
    """The score and reason codes for a report: the most urgent reasons first."""
    journey = JOURNEYS.get(report_type)
    facts = journey.priority if journey else PriorityFacts()
    weighted: list[tuple[int, str]] = []
    danger = answers.get(facts.in_danger) if facts.in_danger else None
    if danger == "yes":
        weighted.append((DANGER_NOW, DANGER_NOW_REASON))
    elif danger == "not_sure":
        weighted.append((DANGER_UNSURE, "danger_unsure"))
    for code in dict.fromkeys(risk_indicators or ()):
        weighted.append((RISK_WEIGHTS.get(code, OTHER_RISK), f"risk:{code}"))
    if facts.children and answers.get(facts.children) == "yes":
        weighted.append((CHILDREN, "children"))
    if facts.injured and answers.get(facts.injured) == "yes":
        weighted.append((INJURED, "injured"))
    if facts.age_band and answers.get(facts.age_band) in CHILD_AGE_BANDS:
        weighted.append((CHILD, "child"))
    if journey:
        weighted.append((journey.type_weight, f"{TYPE}{report_type}"))
    weighted.sort(key=lambda item: -item[0])
    return Priority(
        score=min(sum(weight for weight, _code in weighted), MAXIMUM), reasons=tuple(c for _w, c in weighted)
    )


def band(score: int) -> Band:
    return next(band for floor, band in BANDS if score >= floor)


def reason_label(code: str) -> str:
    label = REASONS.get(code)
    if code.startswith(TYPE) and (journey := JOURNEYS.get(code.removeprefix(TYPE))):
        label = journey.type_reason
    if label is not None:
        return str(label)
    # A risk code from a journey added later, before its label is written here.
    return code.split(":", 1)[-1].replace("_", " ").capitalize()
