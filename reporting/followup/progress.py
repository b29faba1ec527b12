"""Where a report is, in plain words for the person who sent it: the one place that maps a
report's status (``Report.Status``) and outcome (``Report.Outcome``) to what they read.

Staff words ("In triage", "Allocated") are not for the person. Four stages are shown:
received, being looked at, an officer has been given it, closed (with the outcome).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Report

Status, Outcome = Report.Status, Report.Outcome

RECEIVED, LOOKED_AT, WITH_OFFICER, CLOSED = "received", "looked_at", "with_officer", "closed"

STAGES: dict[str, Promise] = {
    RECEIVED: _("Received"),
    LOOKED_AT: _("Being looked at"),
    WITH_OFFICER: _("An officer has been given it"),
    CLOSED: _("Closed"),
}

STAGE_OF_STATUS: dict[str, str] = {
    Status.NEW: RECEIVED,
    Status.IN_TRIAGE: LOOKED_AT,
    # Waiting for the force for the place it happened to take it: still being looked at.
    Status.TRANSFERRED: LOOKED_AT,
    Status.ALLOCATED: WITH_OFFICER,
    Status.CONTACT_MADE: WITH_OFFICER,
    Status.CLOSED: CLOSED,
}

STAGE_WORDS: dict[str, Promise] = {
    RECEIVED: _("The police have received it. Nobody has started looking at it yet."),
    LOOKED_AT: _("Someone at the police is reading it and deciding what to do."),
    WITH_OFFICER: _("An officer has been given it to deal with."),
    CLOSED: _("The police have finished dealing with it."),
}

NEXT_STEPS: dict[str, Promise] = {
    RECEIVED: _(
        "Someone will look at it soon. If you gave a safe way to contact you, the police will use only that. "
        "Any message from them will also be here."
    ),
    LOOKED_AT: _(
        "They will decide who deals with it. If they need to ask you something, they may send a message here."
    ),
    WITH_OFFICER: _(
        "The officer will contact you the way you said was safe, or send a message here. "
        "You can reply, or add information at any time."
    ),
    CLOSED: _("You can still read messages here, and send one if something has changed."),
}

OUTCOME_WORDS: dict[str, Promise] = {
    Outcome.CRIME_RECORDED: _("The police recorded it as a crime."),
    Outcome.INCIDENT_RECORDED: _("The police recorded what happened, but not as a crime."),
    Outcome.DISCLOSURE_MADE: _("The police decided to share information."),
    Outcome.NO_DISCLOSURE: _("The police decided not to share information."),
    Outcome.REFERRED: _("The police passed it to a service that can help."),
    Outcome.NO_POLICE_ACTION_WANTED: _("The police were told that no police action was wanted."),
    Outcome.NO_CONTACT_POSSIBLE: _("The police could not find a safe way to get in touch."),
    Outcome.DUPLICATE: _("The police already had a report about this, and are dealing with it there."),
}


@dataclass(frozen=True)
class Progress:
    stage: str
    label: Promise
    words: Promise
    # Empty unless closed with an outcome.
    outcome: Promise | str
    next_steps: Promise
    # The stages in order, and which of them are done: the list the page shows.
    steps: list[tuple[Promise, bool, bool]]


def progress_of(report: Report) -> Progress:
    stage = STAGE_OF_STATUS.get(report.status, RECEIVED)
    order = list(STAGES)
    reached = order.index(stage)
    return Progress(
        stage=stage,
        label=STAGES[stage],
        words=STAGE_WORDS[stage],
        outcome=OUTCOME_WORDS.get(report.outcome, "") if stage == CLOSED else "",
        next_steps=NEXT_STEPS[stage],
        # (label, done, current)
        steps=[(STAGES[name], index < reached, index == reached) for index, name in enumerate(order)],
    )
