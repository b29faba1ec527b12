"""A report: the report page and the case file."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting import priority, selectors, triage
from reporting.api.models import ReportAcknowledgement
from reporting.models import Report, ReportActivity, ReportMessage, ReportTransfer, StaffMember, ThriveAssessment

from ..forms import THRIVE_LABELS
from .common import in_danger_now, type_label

# --- A report: the report page and the case file --------------------------------------------


@dataclass(frozen=True)
class ThriveRow:
    name: str
    label: str
    level: str | None
    level_code: str
    note: str


@dataclass(frozen=True)
class ActivityRow:
    """One entry of the case history: what happened, in words, and who did it."""

    activity: ReportActivity
    label: str
    detail: str
    text: str
    by: str


@dataclass(frozen=True)
class ConversationRow:
    """A message to or from the person, or information they added (reporting.followup)."""

    message: ReportMessage
    label: str
    by: str
    # From the person, and no member of staff had read it before this view.
    new: bool
    read: str


@dataclass(frozen=True)
class ReportPage:
    """A report as the report page and the case file show it, with what the member of staff
    may do with it. Holds the decrypted answers: build it only where reading is recorded."""

    member: StaffMember
    report: Report
    type_label: str
    status_colour: str
    band: priority.Band
    reasons: list[str]
    # The person said someone is in danger now: pass the report to the control room.
    in_danger_now: bool
    safe_contact: triage.SafeContact
    # None unless the report is about someone else, in a journey that asks how to approach them.
    safe_approach: triage.SafeApproach | None
    # None where the kind of report does not ask the age of the person it happened to.
    age_band: triage.AgeBand | None
    sections: list[triage.AnswerSection]
    routing: list[triage.Row]
    clocks: list[triage.ClockState]
    thrive: ThriveAssessment | None
    thrive_rows: list[ThriveRow]
    activities: list[ActivityRow]
    transfer: ReportTransfer | None
    age: str
    now: datetime
    can_work: bool
    can_claim: bool
    can_assign: bool
    can_decide_transfer: bool
    can_review_audit: bool
    transfer_pending_here: bool
    # Messages both ways and the person's additions, oldest first (reporting.followup).
    conversation: list[ConversationRow] = ()
    # Whether the person can read messages (the report has a follow-up code).
    reachable: bool = False
    # The force system's own reference, once it has acknowledged the report (reporting.api).
    acknowledgement: ReportAcknowledgement | None = None


def report_page(member: StaffMember, report: Report, *, now: datetime) -> ReportPage:
    """Everything the report page and the case file show. Reads the encrypted answers."""
    answers = report.answers or {}
    values, asked = answers.get("values", {}), answers.get("asked")
    thrive = selectors.report_current_thrive(report)
    own_force = report.force_id == member.force_id
    return ReportPage(
        member=member,
        report=report,
        type_label=type_label(report.report_type),
        status_colour=triage.STATUS_TAG_COLOURS.get(report.status, "grey"),
        band=priority.band(report.priority),
        reasons=[priority.reason_label(code) for code in report.priority_reasons or []],
        in_danger_now=in_danger_now(report),
        safe_contact=triage.safe_contact(report.report_type, values, asked=asked),
        safe_approach=triage.safe_approach(report.report_type, values, asked=asked),
        age_band=triage.age_band(report.report_type, values, asked=asked),
        sections=triage.answers_as_given(answers),
        routing=triage.routing_rows(report.routing, selectors.force_names()),
        clocks=[
            triage.clock_state(
                report_type=report.report_type, milestone=c.milestone, due_at=c.due_at, met_at=c.met_at, now=now
            )
            for c in selectors.report_clocks(report)
        ],
        thrive=thrive,
        thrive_rows=_thrive_rows(thrive),
        activities=[_activity_row(activity) for activity in selectors.report_activities(report)],
        transfer=selectors.report_pending_transfer(report) if report.transfer_to_id else None,
        age=triage.duration_words(now - report.submitted_at),
        now=now,
        can_work=triage.can_work(member, report),
        can_claim=triage.can_claim(member, report),
        can_assign=triage.can_assign(member, report),
        can_decide_transfer=triage.can_decide_transfer(member, report),
        can_review_audit=member.role in triage.OVERSIGHT and own_force,
        transfer_pending_here=report.transfer_to_id is not None and own_force,
        conversation=[_conversation_row(message) for message in selectors.report_conversation(report)],
        reachable=selectors.report_reachable(report),
        acknowledgement=getattr(report, "acknowledgement", None),
    )


def _conversation_row(message: ReportMessage) -> ConversationRow:
    from_person = message.direction == ReportMessage.Direction.FROM_PERSON
    if message.kind == ReportMessage.Kind.ADDITION:
        label = _("Information added by the person")
    elif from_person:
        label = _("Message from the person")
    else:
        label = _("Message to the person")
    if from_person:
        by = _("The person who sent the report")
        reader = message.read_by.get_full_name() or message.read_by.username if message.read_by else ""
        read = _("Read by %(name)s") % {"name": reader} if reader else _("Not read yet")
    else:
        by = message.sent_by.get_full_name() or message.sent_by.username
        read = _("Read by the person") if message.read_at else _("Not read by the person yet")
    return ConversationRow(message=message, label=label, by=by, new=from_person and message.read_at is None, read=read)


def _thrive_rows(thrive: ThriveAssessment | None) -> list[ThriveRow]:
    if thrive is None:
        return []
    levels = dict(ThriveAssessment.Level.choices)
    return [
        ThriveRow(
            name=name,
            label=THRIVE_LABELS[name],
            level=levels.get(thrive.factors[name]["level"]),
            level_code=thrive.factors[name]["level"],
            note=thrive.factors[name]["note"],
        )
        for name in triage.THRIVE_FACTORS
    ]


def _activity_row(activity: ReportActivity) -> ActivityRow:
    return ActivityRow(
        activity=activity,
        label=activity.get_kind_display(),
        detail=_activity_detail(activity),
        text=activity.text or "",
        by=triage.activity_actor_name(activity),
    )


def _activity_detail(activity: ReportActivity) -> str:
    """The words after an entry's label: what it changed, and to what."""
    data = activity.data or {}
    Kind = ReportActivity.Kind
    if activity.kind == Kind.STATUS_CHANGED:
        statuses = dict(Report.Status.choices)
        detail = _("From %(before)s to %(after)s") % {
            "before": statuses.get(data.get("from"), data.get("from")),
            "after": statuses.get(data.get("to"), data.get("to")),
        }
        if data.get("outcome"):
            outcomes = dict(Report.Outcome.choices)
            detail += " (" + str(outcomes.get(data["outcome"], data["outcome"])) + ")"
        return detail
    if activity.kind == Kind.ASSIGNED:
        return _("To %(name)s") % {"name": data.get("to_name", "")}
    if activity.kind == Kind.GRADED:
        return data.get("grade_label", data.get("grade", ""))
    if activity.kind == Kind.TRANSFER_REQUESTED:
        return _("To %(force)s") % {"force": data.get("to_name", data.get("to", ""))}
    if activity.kind == Kind.CLOCK_MET:
        return data.get("milestone_label", data.get("milestone", ""))
    if activity.kind == Kind.MESSAGES_READ:
        count = data.get("count", 0)
        return ngettext("%(count)d message or addition", "%(count)d messages or additions", count) % {"count": count}
    return ""
