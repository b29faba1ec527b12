"""The rules of triage, and how a report reads to the staff who work it.

- ``roles``: the force roles and who may do what (claim, work, assign, decide transfers).
- ``workflow``: the statuses a report moves through, the default grade scheme, the THRIVE
  factors and the reasons staff give for opening a report.
- ``presentation``: labels, clocks and time in words, the safe-contact panel, the answers as
  given and the routing decision, shared by the staff pages and the case file.

Nothing here touches the database.
"""

from .presentation import (
    BASES,
    RULES,
    STATUS_TAG_COLOURS,
    TYPE_LABELS,
    AgeBand,
    AnswerSection,
    ClockState,
    Row,
    SafeApproach,
    SafeContact,
    SafeContactKeys,
    activity_actor_name,
    age_band,
    answers_as_given,
    clock_state,
    duration_words,
    milestone_label,
    next_clock,
    routing_rows,
    safe_approach,
    safe_contact,
)
from .roles import (
    EVERYONE,
    OVERSIGHT,
    SUPERVISORS,
    WORKERS,
    can_assign,
    can_claim,
    can_decide_transfer,
    can_work,
)
from .workflow import (
    ACCESS_REASONS,
    ASSIGNED_REASON,
    DEFAULT_GRADES,
    MILESTONE_MET_BY,
    OPEN_STATUSES,
    THRIVE_FACTORS,
    TRANSITIONS,
    DefaultGrade,
)

__all__ = [
    "ACCESS_REASONS",
    "ASSIGNED_REASON",
    "BASES",
    "DEFAULT_GRADES",
    "EVERYONE",
    "MILESTONE_MET_BY",
    "OPEN_STATUSES",
    "OVERSIGHT",
    "RULES",
    "STATUS_TAG_COLOURS",
    "SUPERVISORS",
    "THRIVE_FACTORS",
    "TRANSITIONS",
    "TYPE_LABELS",
    "WORKERS",
    "AgeBand",
    "AnswerSection",
    "ClockState",
    "DefaultGrade",
    "Row",
    "SafeApproach",
    "SafeContact",
    "SafeContactKeys",
    "activity_actor_name",
    "age_band",
    "answers_as_given",
    "can_assign",
    "can_claim",
    "can_decide_transfer",
    "can_work",
    "clock_state",
    "duration_words",
    "milestone_label",
    "next_clock",
    "routing_rows",
    "safe_approach",
    "safe_contact",
]
