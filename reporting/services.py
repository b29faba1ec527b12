"""Writes for reporting: reference data, force staff, drafts, return codes and reports."""

import csv
import hashlib
import hmac
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.models import User

from . import codes, outbox, priority, service_levels
from .engine import JourneyState
from .journeys import flow_for
from .models import (
    Draft,
    Force,
    ForceGrade,
    ForceServiceLevel,
    Report,
    ReportActivity,
    ReportClock,
    ReportTransfer,
    ReturnCodeAttempt,
    StaffMember,
    ThriveAssessment,
)
from .routing import Outcome
from .triage import (
    DEFAULT_GRADES,
    MILESTONE_MET_BY,
    THRIVE_FACTORS,
    TRANSITIONS,
    WORKERS,
    can_assign,
    can_claim,
    can_decide_transfer,
    can_work,
    milestone_label,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# British Transport Police is not a territorial force, but it takes reports of offences on
# the railway anywhere in England and Wales, so the portal routes to it.
BRITISH_TRANSPORT_POLICE = "BTP"


@transaction.atomic
def forces_sync(*, path: Path = DATA_DIR / "forces.csv") -> int:
    """Brings the Force table in line with the reference file. Idempotent; settings a force
    administrator has changed (such as the exit site) are left alone."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        Force.objects.update_or_create(
            code=row["force_code"],
            defaults={
                "name": row["ons_name"] or row["force_name"],
                "display_name": row["force_name"],
                "policeuk_id": row["policeuk_id"],
                "nation": row["nation"],
                "website": row["website"],
                "non_emergency": row["non_emergency"],
                "accepts_reports": row["in_scope"] == "yes" or row["force_code"] == BRITISH_TRANSPORT_POLICE,
                "note": row["note"],
            },
        )
    return len(rows)


@transaction.atomic
def staff_member_assign(*, user: User, force: Force, role: StaffMember.Role) -> StaffMember:
    member, _ = StaffMember.objects.update_or_create(user=user, defaults={"force": force, "role": role})
    return member


REPORT_SUBMITTED = "report.submitted"
REFERENCE_ATTEMPTS = 5


class ReportNotReady(Exception):
    """The answers are not finished, or do not lead to a force that takes reports."""


class SubmissionKeyMismatch(Exception):
    """The "Send report" form did not come from this draft's check-your-answers page."""


class ReturnCodeLimited(Exception):
    """Too many wrong return codes lately, from this address or for this code."""


def _draft_lifetime(draft: Draft) -> timedelta:
    if draft.return_code_hash:
        return timedelta(days=settings.WAYMARK_DRAFT_EXPIRY_DAYS)
    return timedelta(hours=settings.WAYMARK_UNCLAIMED_DRAFT_HOURS)


@transaction.atomic
def draft_save(*, draft: Draft | None, journey: str, state: JourneyState) -> Draft:
    """Saves a journey's answers (creating the draft on the first page), and pushes its
    expiry back: a draft expires a while after it was last touched, not after it began."""
    if draft is None:
        draft = Draft(journey=journey)
    draft.state = state.as_dict()
    draft.expires_at = timezone.now() + _draft_lifetime(draft)
    draft.save()
    return draft


@cache
def _return_code_hasher() -> PasswordHasher:
    # Argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile) and a 16-byte salt.
    return PasswordHasher()


@cache
def _unused_hash() -> str:
    """A hash to check wrong codes against, so a code that finds no draft takes as long to
    refuse as one that does: the timing says nothing about which codes exist."""
    return _return_code_hasher().hash(codes.new_return_code()[1])


@transaction.atomic
def draft_return_code_issue(*, draft: Draft) -> str:
    """Gives the draft a new return code and returns it, to be shown once. Any earlier code
    for this draft stops working. Only a slow hash of the secret part is kept."""
    hasher = _return_code_hasher()
    for _attempt in range(REFERENCE_ATTEMPTS):
        locator, secret = codes.new_return_code()
        if Draft.objects.filter(return_code_locator=locator).exclude(pk=draft.pk).exists():
            continue
        draft.return_code_locator = locator
        draft.return_code_hash = hasher.hash(secret)
        draft.expires_at = timezone.now() + _draft_lifetime(draft)
        draft.save(update_fields=["return_code_locator", "return_code_hash", "expires_at", "updated_at"])
        return codes.grouped(locator + secret)
    raise RuntimeError("Could not find an unused return code.")


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def draft_resume(*, code: str, client: str, now: datetime | None = None) -> Draft | None:
    """The unexpired draft a return code opens, or None.

    A wrong code and a code for an expired or deleted draft get the same answer, in about
    the same time. Wrong codes are counted per code and per network address; past either
    limit, ReturnCodeLimited is raised whether or not the code is right.
    """
    now = now or timezone.now()
    split = codes.split_return_code(code)
    locator, secret = split if split else (codes.normalise(code)[: codes.LOCATOR_LENGTH], "")
    code_digest, client_digest = _digest(locator), _digest(client)
    since = now - timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    recent = ReturnCodeAttempt.objects.filter(attempted_at__gt=since)
    if (
        recent.filter(code_digest=code_digest).count() >= settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE
        or recent.filter(client_digest=client_digest).count() >= settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS
    ):
        raise ReturnCodeLimited
    draft = Draft.objects.filter(return_code_locator=locator, expires_at__gt=now).first() if split else None
    try:
        _return_code_hasher().verify(draft.return_code_hash if draft else _unused_hash(), secret)
    except (VerificationError, InvalidHashError):
        ReturnCodeAttempt.objects.create(code_digest=code_digest, client_digest=client_digest, attempted_at=now)
        return None
    return draft


@transaction.atomic
def drafts_purge(*, now: datetime | None = None) -> int:
    """Deletes expired drafts and the record of old wrong return codes. Returns how many
    drafts went."""
    now = now or timezone.now()
    deleted, _by_model = Draft.objects.filter(expires_at__lte=now).delete()
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    ReturnCodeAttempt.objects.filter(attempted_at__lte=now - window).delete()
    return deleted


@transaction.atomic
def report_submit(*, draft: Draft, submission_key: str) -> Report:
    """Turns a finished draft into a report in its force's queue, exactly once.

    The report, its routing decision and the outbox messages for what follows are written
    in one transaction, and the draft goes with it. The same submission key again (a double
    click, or Back then Send) returns the report already made instead of a second one.
    """
    existing = Report.objects.filter(submission_key=submission_key).first() if submission_key else None
    if existing is not None:
        return existing
    if not constant_time_compare(submission_key, draft.submission_key):
        raise SubmissionKeyMismatch
    flow = flow_for(draft.journey)
    state = JourneyState.from_dict(draft.state)
    if flow is None or not flow.is_finished(state):
        raise ReportNotReady
    answers = flow.answers(state)
    decision = flow.routing(answers)
    if decision is None or decision.outcome != Outcome.ROUTED:
        raise ReportNotReady
    force = Force.objects.filter(code=decision.force_code, accepts_reports=True).first()
    if force is None:
        raise ReportNotReady
    risk_indicators = flow.risk_indicators(answers)
    # Worked out now, while the answers are in the clear, and kept in plain columns the
    # queue can sort on (the answers themselves are encrypted).
    assessed = priority.assess(report_type=draft.journey, answers=answers, risk_indicators=risk_indicators)
    for _attempt in range(REFERENCE_ATTEMPTS):
        report = Report(
            reference=codes.new_reference(),
            report_type=draft.journey,
            force=force,
            submission_key=submission_key,
            answers={"values": answers, "asked": flow.record_of_questions(state)},
            routing=decision.as_record(),
            risk_indicators=risk_indicators,
            priority=assessed.score,
            priority_reasons=list(assessed.reasons),
        )
        try:
            with transaction.atomic():
                report.save(force_insert=True)
        except IntegrityError:
            # Either a request with the same key got there first (return its report), or
            # the reference was taken (try another).
            existing = Report.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
            continue
        report_clocks_start(report=report)
        outbox.publish(topic=REPORT_SUBMITTED, payload={"report_id": str(report.pk)})
        draft.delete()
        return report
    raise RuntimeError("Could not find an unused report reference.")


@transaction.atomic
def report_clocks_start(*, report: Report) -> list[ReportClock]:
    """Fixes the report's service-level deadlines from its force's settings at arrival."""
    overrides = {
        level.milestone: timedelta(hours=level.hours)
        for level in ForceServiceLevel.objects.filter(force_id=report.force_id, report_type=report.report_type)
    }
    due = service_levels.deadlines(
        report_type=report.report_type, submitted_at=report.submitted_at, overrides=overrides
    )
    return ReportClock.objects.bulk_create(
        ReportClock(report=report, milestone=milestone, due_at=due_at) for milestone, due_at in due.items()
    )


@transaction.atomic
def report_queue(*, report_id: UUID | str) -> bool:
    """Puts a report in its force's queue. Idempotent: a second call changes nothing."""
    return bool(Report.objects.filter(pk=report_id, queued_at__isnull=True).update(queued_at=timezone.now()))


# --- Triage: the grade scheme, claiming, working and transferring reports -------------------
#
# Every service below takes the member of staff acting (their force scopes everything), runs
# in one transaction, re-reads the report under a row lock before changing it, and writes an
# audit event in the same transaction: if the audit cannot be written, nothing changes.


class TriageRefused(Exception):
    """The action is not allowed, or no longer possible; the message says why, for staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _audit(*, member: StaffMember, action: str, report: Report, reason: str = ""):
    return audit_record(
        actor=member.user,
        action=action,
        object_type="report",
        object_id=report.reference,
        organisation=member.force.code,
        reason=reason,
    )


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("force").get(pk=report.pk)


def _activity(*, report: Report, member: StaffMember, kind: str, data: dict | None = None, text: str = ""):

    return ReportActivity.objects.create(
        report=report, actor=member.user, kind=kind, data=data or {}, text=text or None
    )


@transaction.atomic
def grade_schemes_load(*, forces: list[Force] | None = None) -> int:
    """Gives every force that takes reports the default grade scheme, adding only grades it
    lacks: a force's own changes are kept. Returns how many grades were added."""

    targets = forces if forces is not None else list(Force.objects.filter(accepts_reports=True))
    existing = set(ForceGrade.objects.filter(force__in=targets).values_list("force_id", "code"))
    new = [
        ForceGrade(
            force=force,
            code=grade.code,
            label=str(grade.label),
            description=str(grade.description),
            target_minutes=grade.target_minutes,
            is_emergency=grade.is_emergency,
            position=position,
        )
        for force in targets
        for position, grade in enumerate(DEFAULT_GRADES)
        if (force.pk, grade.code) not in existing
    ]
    ForceGrade.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def report_access_record(*, member: StaffMember, report: Report, action: str, reason: str) -> None:
    """Records that a member of staff read a report (opened it, downloaded its case file),
    with why: DPA 2018 s.62. Call it in the transaction that reads the report."""
    _audit(member=member, action=action, report=report, reason=reason)


@transaction.atomic
def report_claim_next(*, member: StaffMember) -> Report | None:
    """Gives the member of staff the most urgent unclaimed new report of their force, or
    None if there is none. Rows another claimer holds are skipped, not waited for, so two
    people never get the same report and nobody queues behind anybody."""

    if member.role not in WORKERS:
        raise TriageRefused(_("Your role cannot claim reports."))
    report = (
        Report.objects.filter(
            force_id=member.force_id,
            status=Report.Status.NEW,
            queued_at__isnull=False,
            assigned_to__isnull=True,
            transfer_to__isnull=True,
        )
        .order_by("-priority", "submitted_at", "id")
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )
    if report is None:
        return None
    return _claim(member=member, report=report)


def _claim(*, member: StaffMember, report: Report) -> Report:

    report.assigned_to = member.user
    report.assigned_at = timezone.now()
    if report.status == Report.Status.NEW:
        report.status = Report.Status.IN_TRIAGE
    report.save(update_fields=["assigned_to", "assigned_at", "status"])
    _activity(report=report, member=member, kind=ReportActivity.Kind.CLAIMED)
    _audit(member=member, action="report.claim", report=report)
    return report


@transaction.atomic
def report_claim(*, member: StaffMember, report: Report) -> Report:
    """Claims one report. Refused if someone has it already, even if they got it a moment
    ago: the check and the claim happen under one row lock."""

    report = _locked(report)
    if not can_claim(member, report):
        if report.assigned_to_id is not None:
            raise TriageRefused(_("Someone else has already claimed this report."))
        raise TriageRefused(_("You cannot claim this report."))
    return _claim(member=member, report=report)


@transaction.atomic
def report_release(*, member: StaffMember, report: Report) -> Report:
    """Puts a claimed report back in the queue, unassigned."""

    report = _locked(report)
    if not can_work(member, report) or report.assigned_to_id is None:
        raise TriageRefused(_("You cannot return this report to the queue."))
    report.assigned_to = None
    report.assigned_at = None
    if report.status == Report.Status.IN_TRIAGE:
        report.status = Report.Status.NEW
    report.save(update_fields=["assigned_to", "assigned_at", "status"])
    _activity(report=report, member=member, kind=ReportActivity.Kind.RELEASED)
    _audit(member=member, action="report.release", report=report)
    return report


@transaction.atomic
def report_assign(*, member: StaffMember, report: Report, assignee: StaffMember) -> Report:
    """A supervisor gives (or re-gives) a report to a member of their own force's staff."""

    report = _locked(report)
    if not can_assign(member, report):
        raise TriageRefused(_("You cannot assign this report."))
    if assignee.force_id != member.force_id or assignee.role not in WORKERS:
        raise TriageRefused(_("Choose someone in your force who works reports."))
    report.assigned_to = assignee.user
    report.assigned_at = timezone.now()
    if assignee.role == StaffMember.Role.CASE_OFFICER and report.status in (
        Report.Status.NEW,
        Report.Status.IN_TRIAGE,
    ):
        report.status = Report.Status.ALLOCATED
    elif report.status == Report.Status.NEW:
        report.status = Report.Status.IN_TRIAGE
    report.save(update_fields=["assigned_to", "assigned_at", "status"])
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.ASSIGNED,
        data={"to": assignee.user_id, "to_name": assignee.user.get_full_name() or assignee.user.get_username()},
    )
    _audit(member=member, action="report.assign", report=report, reason=f"to user {assignee.user_id}")
    return report


def _working(member: StaffMember, report: Report) -> Report:

    report = _locked(report)
    if report.transfer_to_id is not None and report.force_id == member.force_id:
        raise TriageRefused(_("This report is waiting for another force to accept it, so it cannot be changed."))
    if not can_work(member, report):
        raise TriageRefused(_("Only the person this report is assigned to, or a supervisor, can change it."))
    return report


@transaction.atomic
def report_grade(*, member: StaffMember, report: Report, grade, rationale: str) -> Report:
    """Grades a report on its force's own scheme, with the reason for the grade."""

    report = _working(member, report)
    if grade.force_id != report.force_id:
        raise TriageRefused(_("Choose a grade from your force's scheme."))
    report.grade = grade
    report.graded_at = timezone.now()
    report.save(update_fields=["grade", "graded_at"])
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.GRADED,
        data={"grade": grade.code, "grade_label": grade.label},
        text=rationale,
    )
    _audit(member=member, action="report.grade", report=report, reason=grade.code)
    return report


@transaction.atomic
def thrive_assessment_save(*, member: StaffMember, report: Report, factors: dict[str, dict[str, str]]):
    """Adds a THRIVE assessment: for each factor a level (low, medium, high) and a note."""

    report = _working(member, report)
    levels = set(ThriveAssessment.Level.values)
    clean = {}
    for name in THRIVE_FACTORS:
        entry = factors.get(name) or {}
        if entry.get("level") not in levels:
            raise TriageRefused(_("Give a level for every THRIVE factor."))
        clean[name] = {"level": entry["level"], "note": str(entry.get("note") or "")}
    assessment = ThriveAssessment.objects.create(report=report, assessed_by=member.user, factors=clean)
    _activity(report=report, member=member, kind=ReportActivity.Kind.THRIVE)
    _audit(member=member, action="report.thrive", report=report)
    return assessment


@transaction.atomic
def report_note_add(*, member: StaffMember, report: Report, text: str):

    report = _working(member, report)
    if not text.strip():
        raise TriageRefused(_("Enter a note."))
    activity = _activity(report=report, member=member, kind=ReportActivity.Kind.NOTE, text=text)
    _audit(member=member, action="report.note", report=report)
    return activity


def _clocks_meet(report: Report, milestones: list[str] | None, now: datetime) -> list[str]:
    clocks = ReportClock.objects.filter(report=report, met_at__isnull=True)
    if milestones is not None:
        clocks = clocks.filter(milestone__in=milestones)
    met = list(clocks.values_list("milestone", flat=True))
    clocks.update(met_at=now)
    return met


@transaction.atomic
def report_clock_meet(*, member: StaffMember, report: Report, milestone: str) -> Report:
    """Records that a service-level milestone has been met."""

    report = _working(member, report)
    met = _clocks_meet(report, [milestone], timezone.now())
    if not met:
        raise TriageRefused(_("That milestone has already been met."))
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.CLOCK_MET,
        data={"milestone": milestone, "milestone_label": milestone_label(report.report_type, milestone)},
    )
    _audit(member=member, action="report.clock_met", report=report, reason=milestone)
    return report


@transaction.atomic
def report_status_change(
    *, member: StaffMember, report: Report, status: str, outcome: str = "", note: str = ""
) -> Report:
    """Moves a report along the workflow (reporting.triage.TRANSITIONS). Closing needs an
    outcome and stops every clock; making contact meets the first-contact clock."""

    report = _working(member, report)
    before = report.status
    if status not in TRANSITIONS.get(before, ()):
        raise TriageRefused(_("A report cannot go from this status to that one."))
    now = timezone.now()
    fields = ["status"]
    if status == Report.Status.CLOSED:
        if outcome not in Report.Outcome.values:
            raise TriageRefused(_("Select the outcome."))
        report.outcome, report.closed_at = outcome, now
        fields += ["outcome", "closed_at"]
        _clocks_meet(report, None, now)
    elif before == Report.Status.CLOSED:
        report.outcome, report.closed_at = "", None
        fields += ["outcome", "closed_at"]
    if status in MILESTONE_MET_BY:
        _clocks_meet(report, [MILESTONE_MET_BY[status]], now)
    report.status = status
    report.save(update_fields=fields)
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.STATUS_CHANGED,
        data={"from": before, "to": status, "outcome": report.outcome},
        text=note,
    )
    _audit(member=member, action="report.status", report=report, reason=f"{before} to {status}")
    return report


@transaction.atomic
def report_transfer_request(*, member: StaffMember, report: Report, to_force: Force, reason: str):
    """Asks another force to take the report. Until it accepts, the report stays here,
    read-only, and the receiving force's supervisors can read it to decide."""

    report = _working(member, report)
    if report.status == Report.Status.CLOSED:
        raise TriageRefused(_("A closed report cannot be transferred."))
    if to_force.pk == report.force_id or not to_force.accepts_reports:
        raise TriageRefused(_("Choose another force that takes reports."))
    if not reason.strip():
        raise TriageRefused(_("Enter the reason for the transfer."))
    transfer = ReportTransfer.objects.create(
        report=report,
        from_force=report.force,
        to_force=to_force,
        requested_by=member.user,
        reason=reason,
        status_before=report.status,
    )
    report.transfer_to = to_force
    report.status = Report.Status.TRANSFERRED
    report.save(update_fields=["transfer_to", "status"])
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.TRANSFER_REQUESTED,
        data={"to": to_force.code, "to_name": to_force.display_name},
        text=reason,
    )
    _audit(member=member, action="report.transfer_request", report=report, reason=f"to {to_force.code}")
    return transfer


def _pending_transfer(member: StaffMember, report: Report):

    report = _locked(report)
    if not can_decide_transfer(member, report):
        raise TriageRefused(_("Only a supervisor of the receiving force can decide on this transfer."))
    transfer = ReportTransfer.objects.select_for_update().get(report=report, status=ReportTransfer.Status.PENDING)
    return report, transfer


@transaction.atomic
def report_transfer_accept(*, member: StaffMember, report: Report, receiving_reference: str = ""):
    """The receiving force takes the report: it arrives in its queue as new, unassigned and
    ungraded (grades belong to each force's own scheme). Its clocks keep running."""

    report, transfer = _pending_transfer(member, report)
    now = timezone.now()
    transfer.status = ReportTransfer.Status.ACCEPTED
    transfer.decided_by, transfer.decided_at = member.user, now
    transfer.receiving_reference = receiving_reference
    transfer.save(update_fields=["status", "decided_by", "decided_at", "receiving_reference"])
    report.force = transfer.to_force
    report.transfer_to = None
    report.status = Report.Status.NEW
    report.assigned_to, report.assigned_at = None, None
    report.grade, report.graded_at = None, None
    report.queued_at = report.queued_at or now
    report.save(
        update_fields=[
            "force",
            "transfer_to",
            "status",
            "assigned_to",
            "assigned_at",
            "grade",
            "graded_at",
            "queued_at",
        ]
    )
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.TRANSFER_ACCEPTED,
        data={"from": transfer.from_force.code, "to": transfer.to_force.code, "reference": receiving_reference},
    )
    _audit(member=member, action="report.transfer_accept", report=report, reason=f"from {transfer.from_force.code}")
    return transfer


@transaction.atomic
def report_transfer_reject(*, member: StaffMember, report: Report, reason: str):
    """The receiving force declines, saying why; the report goes back to how it was."""

    if not reason.strip():
        raise TriageRefused(_("Enter the reason for rejecting the transfer."))
    report, transfer = _pending_transfer(member, report)
    transfer.status = ReportTransfer.Status.REJECTED
    transfer.decided_by, transfer.decided_at = member.user, timezone.now()
    transfer.decision_reason = reason
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    report.transfer_to = None
    report.status = transfer.status_before
    report.save(update_fields=["transfer_to", "status"])
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.TRANSFER_REJECTED,
        data={"from": transfer.from_force.code, "to": transfer.to_force.code},
        text=reason,
    )
    _audit(member=member, action="report.transfer_reject", report=report, reason=f"by {transfer.to_force.code}")
    return transfer


@transaction.atomic
def queue_export_record(*, member: StaffMember, description: str, count: int) -> None:
    """Records an export of queue data (no answers in it, but still a disclosure)."""

    audit_record(
        actor=member.user,
        action="queue.export",
        object_type="queue",
        object_id=member.force.code,
        organisation=member.force.code,
        reason=f"{description}; {count} rows",
    )


@transaction.atomic
def report_search_record(*, member: StaffMember, reference: str, found: bool) -> None:
    """Records a search by reference, found or not (ASVS 16.2.1: searches are logged)."""

    audit_record(
        actor=member.user,
        action="report.search",
        object_type="report",
        object_id=reference[:100],
        organisation=member.force.code,
        reason="found" if found else "not found",
    )
