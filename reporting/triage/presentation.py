"""How a report reads to the staff who work it: kinds and statuses as labels and colours,
time in words, the service-level clocks, the safe-contact and safe-approach panels, the age
of the person it happened to, the answers in the order they were given and the routing
decision. Pure: nothing here touches the database.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reporting import service_levels
from reporting.engine.answers import CHILD_AGE_BANDS
from reporting.engine.journey import SafeContactKeys
from reporting.engine.wording import Voice
from reporting.journeys import JOURNEYS, flow_for
from reporting.models import Report

Status = Report.Status

STATUS_TAG_COLOURS = {
    Status.NEW: "blue",
    Status.IN_TRIAGE: "light-blue",
    Status.ALLOCATED: "purple",
    Status.CONTACT_MADE: "green",
    Status.CLOSED: "grey",
    Status.TRANSFERRED: "orange",
}

# --- Kinds of report ------------------------------------------------------------------------

# Short names for the queue's columns and filters (Journey.short_label); a journey not
# listed shows its title.
TYPE_LABELS = {slug: journey.short_label for slug, journey in JOURNEYS.items()}

# --- Time in words --------------------------------------------------------------------------


def duration_words(duration: timedelta) -> str:
    """A length of time as people say it: "40 minutes", "5 hours", "3 days"."""
    minutes = max(int(duration.total_seconds() // 60), 0)
    if minutes < 60:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@dataclass(frozen=True)
class ClockState:
    milestone: str
    label: str
    due_at: datetime
    met_at: datetime | None
    overdue: bool
    words: str

    @property
    def tag_colour(self) -> str:
        if self.met_at is not None:
            return "grey"
        return "red" if self.overdue else "green"


def milestone_label(report_type: str, code: str) -> str:
    for milestone in service_levels.milestones(report_type):
        if milestone.code == code:
            return str(milestone.label)
    return code.replace("_", " ").capitalize()


def clock_state(*, report_type: str, milestone: str, due_at: datetime, met_at: datetime | None, now: datetime):
    label = milestone_label(report_type, milestone)
    if met_at is not None:
        late = met_at > due_at
        words = _("Met late") if late else _("Met")
        return ClockState(milestone, label, due_at, met_at, late, words)
    if due_at <= now:
        words = _("Overdue by %(time)s") % {"time": duration_words(now - due_at)}
        return ClockState(milestone, label, due_at, None, True, words)
    words = _("%(time)s left") % {"time": duration_words(due_at - now)}
    return ClockState(milestone, label, due_at, None, False, words)


def next_clock(clocks: Iterable[Any], *, report_type: str, now: datetime) -> ClockState | None:
    """The soonest unmet service-level clock of a report, in words; None when all are met."""
    unmet = sorted((clock for clock in clocks if clock.met_at is None), key=lambda clock: clock.due_at)
    if not unmet:
        return None
    clock = unmet[0]
    return clock_state(report_type=report_type, milestone=clock.milestone, due_at=clock.due_at, met_at=None, now=now)


# --- Safe contact ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass
class SafeContact:
    no_voicemail: bool
    do_not_contact: bool
    methods: list[str]
    details: list[Row] = field(default_factory=list)
    times: list[Row] = field(default_factory=list)
    trusted: list[Row] = field(default_factory=list)
    other: list[Row] = field(default_factory=list)


def _questions(report_type: str) -> dict[str, Any]:
    flow = flow_for(report_type)
    if flow is None:
        return {}
    return {question.name: question for page in flow.pages for question in page.questions}


def _voice(report_type: str, values: dict) -> Voice:
    flow = flow_for(report_type)
    return Voice(answers=values, them=bool(flow and flow.someone_else(values)))


def _as_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def _recorded(asked: list[dict] | None) -> dict[str, Row]:
    """Each question as the person saw it, with their answer, by the answer's name: from the
    record kept with the report. Records kept before they named their answers name none."""
    return {
        entry["name"]: Row(str(entry.get("question", "")), _as_text(entry.get("answer", "")))
        for entry in asked or []
        if entry.get("name")
    }


def _row(name: str, values: dict, questions: dict, voice: Voice, recorded: dict[str, Row]) -> Row | None:
    value = values.get(name)
    if value in (None, "", []):
        return None
    if name in recorded:
        return recorded[name]
    question = questions.get(name)
    if question is None:
        return Row(name.replace("_", " ").capitalize(), _as_text(value))
    return Row(voice.say(question.summary or question.label), _as_text(question.display(value, voice, values)))


# A safe time the person could have given and did not: never read as any time.
TIME_NOT_GIVEN = gettext_lazy("Not given: ask before calling")


def _not_given(name: str, questions: dict, voice: Voice, recorded: dict[str, Row]) -> Row:
    question = questions.get(name)
    if name in recorded:
        label = recorded[name].label
    elif question is not None:
        label = voice.say(question.summary or question.label)
    else:
        label = name.replace("_", " ").capitalize()
    return Row(label, str(TIME_NOT_GIVEN))


def safe_contact(report_type: str, values: dict, *, asked: list[dict] | None = None) -> SafeContact:
    """What the person said about contacting them safely, for the top of the report. `asked`:
    the record of the questions kept with the report (answers["asked"]): each question reads
    as the person saw it there, and in today's wording only when the record lacks it."""
    journey = JOURNEYS.get(report_type)
    keys = journey.safe_contact if journey else SafeContactKeys()
    questions = _questions(report_type)
    voice = _voice(report_type, values)
    recorded = _recorded(asked)
    chosen = values.get(keys.methods) or []
    method_question = questions.get(keys.methods)
    if chosen and keys.methods in recorded:
        methods = recorded[keys.methods].value.split("\n")
    elif chosen and method_question is not None:
        methods = method_question.display(chosen, voice, values)
        methods = methods if isinstance(methods, list) else [methods]
    else:
        methods = [str(method) for method in chosen]

    def rows(names: tuple[str, ...]) -> list[Row]:
        return [row for name in names if (row := _row(name, values, questions, voice, recorded)) is not None]

    times = []
    # Asked when there is a way to contact them; a skipped answer says so, however old the
    # report (the page once said "leave these empty if any time is safe").
    contactable = bool(chosen) and keys.no_contact not in chosen
    for name in keys.times:
        row = _row(name, values, questions, voice, recorded)
        if row is None and contactable and name in keys.unstated_times:
            row = _not_given(name, questions, voice, recorded)
        if row is not None:
            times.append(row)
    trusted = []
    if keys.trusted and values.get(keys.trusted) == "yes":
        trusted = rows(keys.trusted_details)
    return SafeContact(
        no_voicemail=keys.voicemail not in chosen,
        do_not_contact=keys.no_contact in chosen,
        methods=methods,
        details=rows(keys.details),
        times=times,
        trusted=trusted,
        other=rows(keys.other),
    )


# --- Safe approach and age ----------------------------------------------------------------------


@dataclass
class SafeApproach:
    """What someone telling us about another person said about approaching them safely."""

    # They said: do not contact the person at risk directly.
    do_not_approach: bool
    # They said it is safe to. Anything else keeps the promise made to them: we contact
    # them, not the person at risk.
    cleared: bool
    direct: Row
    rows: list[Row]

    @property
    def all_rows(self) -> list[Row]:
        return [self.direct, *self.rows]


def _given(name: str, values: dict, questions: dict, voice: Voice, recorded: dict[str, Row]) -> Row:
    """The row for an answer, reading "Not given" when it was skipped."""
    row = _row(name, values, questions, voice, recorded)
    if row is not None:
        return row
    question = questions.get(name)
    label = recorded[name].label if name in recorded else None
    if label is None:
        label = voice.say(question.summary or question.label) if question else name.replace("_", " ").capitalize()
    return Row(label, _("Not given"))


def safe_approach(report_type: str, values: dict, *, asked: list[dict] | None = None) -> SafeApproach | None:
    """What staff must know before approaching the person at risk, for a report or an
    application about someone else (Journey.safe_approach); None for anything else. Read from
    the record kept with the report, as safe_contact is."""
    journey = JOURNEYS.get(report_type)
    keys = journey.safe_approach if journey else None
    if keys is None or not journey.flow.someone_else(values):
        return None
    questions = _questions(report_type)
    voice = _voice(report_type, values)
    recorded = _recorded(asked)
    return SafeApproach(
        do_not_approach=values.get(keys.direct) == keys.do_not_approach,
        cleared=values.get(keys.direct) == keys.safe,
        direct=_given(keys.direct, values, questions, voice, recorded),
        rows=[_given(name, values, questions, voice, recorded) for name in keys.rows],
    )


@dataclass(frozen=True)
class AgeBand:
    row: Row
    child: bool


def age_band(report_type: str, values: dict, *, asked: list[dict] | None = None) -> AgeBand | None:
    """How old the person it happened to is, for the top of the report: None when the kind of
    report does not ask (Journey.priority.age_band)."""
    journey = JOURNEYS.get(report_type)
    name = journey.priority.age_band if journey else None
    if name is None:
        return None
    row = _given(name, values, _questions(report_type), _voice(report_type, values), _recorded(asked))
    return AgeBand(row=Row(_("Age"), row.value), child=values.get(name) in CHILD_AGE_BANDS)


# --- The answers as given ---------------------------------------------------------------------


@dataclass
class AnswerSection:
    title: str
    rows: list[Row]


def answers_as_given(answers: dict) -> list[AnswerSection]:
    """The questions as the person saw them, in the order they answered them, grouped into
    their sections: read from the record kept with the report, not from today's wording."""
    sections: list[AnswerSection] = []
    for entry in answers.get("asked") or []:
        title = str(entry.get("section", ""))
        if not sections or sections[-1].title != title:
            sections.append(AnswerSection(title=title, rows=[]))
        sections[-1].rows.append(Row(str(entry.get("question", "")), _as_text(entry.get("answer", ""))))
    return sections


# --- The case history ----------------------------------------------------------------------


def activity_actor_name(activity: Any) -> str:
    """Who made an entry in a report's case history: the member of staff, or the person who
    sent the report (their messages, additions and reads have no actor: they are no user)."""
    actor = activity.actor
    if actor is None:
        return _("The person who sent the report")
    return actor.get_full_name() or actor.get_username()


# --- The routing decision ------------------------------------------------------------------------

RULES = {
    "district_whole": gettext_lazy("The whole postcode district is in one force area"),
    "district_majority": gettext_lazy("Most of the postcode district is in one force area"),
    "district_split": gettext_lazy("The postcode district is split between force areas"),
    "district_unknown": gettext_lazy("The postcode district is not in our data"),
    "postcode_not_given": gettext_lazy("No postcode was given"),
    "postcode_format": gettext_lazy("The postcode was not in a valid format"),
    "railway": gettext_lazy("It happened on the railway (British Transport Police)"),
    "area_choice": gettext_lazy("The person chose the council area"),
    "force_choice": gettext_lazy("The person chose the police force"),
}
BASES = {
    "incident": gettext_lazy("Where it happened"),
    "home": gettext_lazy("Where the person lives"),
}


def routing_rows(record: dict, force_names: dict[str, str]) -> list[Row]:
    """The routing decision in words, from RoutingDecision.as_record()."""
    record = record or {}
    given = record.get("input") or {}
    rows = [
        Row(_("Routed to"), force_names.get(record.get("force") or "", record.get("force") or "")),
        Row(_("Decided by"), str(RULES.get(record.get("rule") or "", record.get("rule") or ""))),
        Row(_("Based on"), str(BASES.get(given.get("basis") or "", given.get("basis") or ""))),
    ]
    if given.get("postcode"):
        rows.append(Row(_("Postcode"), given["postcode"]))
    if given.get("district"):
        rows.append(Row(_("Postcode district"), given["district"]))
    if record.get("confidence") is not None:
        rows.append(Row(_("Share of the district in this force"), f"{float(record['confidence']):.0%}"))
    candidates = record.get("candidates") or []
    if candidates:
        rows.append(
            Row(
                _("Other possible forces"),
                "\n".join(
                    f"{force_names.get(c.get('force'), c.get('force'))} ({float(c.get('share') or 0):.0%})"
                    for c in candidates
                ),
            )
        )
    rows.append(Row(_("Reference data version"), str(record.get("data_version", ""))))
    return rows
