"""Writes for triage: claiming, assigning, grading, THRIVE, notes, clocks, status and transfers.

Every service here takes the member of staff acting (their force scopes everything), runs in
one transaction, re-reads the report under a row lock before changing it, and writes an audit
event in the same transaction: if the audit cannot be written, nothing changes. A refusal
(portal.refusals.Refused) says why, in words for staff.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import Refused

from .. import service_levels
from ..models import Force, Report, ReportActivity, ReportClock, ReportTransfer, StaffMember, ThriveAssessment
from ..triage import (
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
from ._common import report_audit


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related("force").get(pk=report.pk)


def _activity(*, report: Report, member: StaffMember, kind: str, data: dict | None = None, text: str = ""):

    return ReportActivity.objects.create(
        report=report, actor=member.user, kind=kind, data=data or {}, text=text or None
    )


@transaction.atomic
def report_claim_next(*, member: StaffMember) -> Report | None:
    """Gives the member of staff the most urgent unclaimed new report of their force, or
    None if there is none. Rows another claimer holds are skipped, not waited for, so two
    people never get the same report and nobody queues behind anybody."""

    if member.role not in WORKERS:
        raise Refused(_("Your role cannot claim reports."))
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
    report_audit(member=member, action="report.claim", report=report)
    return report


@transaction.atomic
def report_claim(*, member: StaffMember, report: Report) -> Report:
    """Claims one report. Refused if someone has it already, even if they got it a moment
    ago: the check and the claim happen under one row lock."""

    report = _locked(report)
    if not can_claim(member, report):
        if report.assigned_to_id is not None:
            raise Refused(_("Someone else has already claimed this report."))
        raise Refused(_("You cannot claim this report."))
    return _claim(member=member, report=report)


@transaction.atomic
def report_release(*, member: StaffMember, report: Report) -> Report:
    """Puts a claimed report back in the queue, unassigned."""

    report = _locked(report)
    if not can_work(member, report) or report.assigned_to_id is None:
        raise Refused(_("You cannot return this report to the queue."))
    report.assigned_to = None
    report.assigned_at = None
    if report.status == Report.Status.IN_TRIAGE:
        report.status = Report.Status.NEW
    report.save(update_fields=["assigned_to", "assigned_at", "status"])
    _activity(report=report, member=member, kind=ReportActivity.Kind.RELEASED)
    report_audit(member=member, action="report.release", report=report)
    return report


@transaction.atomic
def report_assign(*, member: StaffMember, report: Report, assignee: StaffMember) -> Report:
    """A supervisor gives (or re-gives) a report to a member of their own force's staff."""

    report = _locked(report)
    if not can_assign(member, report):
        raise Refused(_("You cannot assign this report."))
    if assignee.force_id != member.force_id or assignee.role not in WORKERS:
        raise Refused(_("Choose someone in your force who works reports."))
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
    report_audit(member=member, action="report.assign", report=report, reason=f"to user {assignee.user_id}")
    return report


def _working(member: StaffMember, report: Report) -> Report:

    report = _locked(report)
    if report.transfer_to_id is not None and report.force_id == member.force_id:
        raise Refused(_("This report is waiting for another force to accept it, so it cannot be changed."))
    if not can_work(member, report):
        raise Refused(_("Only the person this report is assigned to, or a supervisor, can change it."))
    return report


@transaction.atomic
def report_grade(*, member: StaffMember, report: Report, grade, rationale: str) -> Report:
    """Grades a report on its force's own scheme, with the reason for the grade."""

    report = _working(member, report)
    if grade.force_id != report.force_id:
        raise Refused(_("Choose a grade from your force's scheme."))
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
    report_audit(member=member, action="report.grade", report=report, reason=grade.code)
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
            raise Refused(_("Give a level for every THRIVE factor."))
        clean[name] = {"level": entry["level"], "note": str(entry.get("note") or "")}
    assessment = ThriveAssessment.objects.create(report=report, assessed_by=member.user, factors=clean)
    _activity(report=report, member=member, kind=ReportActivity.Kind.THRIVE)
    report_audit(member=member, action="report.thrive", report=report)
    return assessment


@transaction.atomic
def report_note_add(*, member: StaffMember, report: Report, text: str):

    report = _working(member, report)
    if not text.strip():
        raise Refused(_("Enter a note."))
    activity = _activity(report=report, member=member, kind=ReportActivity.Kind.NOTE, text=text)
    report_audit(member=member, action="report.note", report=report)
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
        raise Refused(_("That milestone has already been met."))
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.CLOCK_MET,
        data={"milestone": milestone, "milestone_label": milestone_label(report.report_type, milestone)},
    )
    report_audit(member=member, action="report.clock_met", report=report, reason=milestone)
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
        raise Refused(_("A report cannot go from this status to that one."))
    now = timezone.now()
    fields = ["status"]
    if status == Report.Status.CLOSED:
        if outcome not in Report.Outcome.values:
            raise Refused(_("Select the outcome."))
        report.outcome, report.closed_at = outcome, now
        fields += ["outcome", "closed_at"]
        _clocks_meet(report, None, now)
    elif before == Report.Status.CLOSED:
        report.outcome, report.closed_at = "", None
        fields += ["outcome", "closed_at"]
    if status in MILESTONE_MET_BY:
        _clocks_meet(report, service_levels.met_together(report.report_type, MILESTONE_MET_BY[status]), now)
    report.status = status
    report.save(update_fields=fields)
    _activity(
        report=report,
        member=member,
        kind=ReportActivity.Kind.STATUS_CHANGED,
        data={"from": before, "to": status, "outcome": report.outcome},
        text=note,
    )
    report_audit(member=member, action="report.status", report=report, reason=f"{before} to {status}")
    return report


@transaction.atomic
def report_transfer_request(*, member: StaffMember, report: Report, to_force: Force, reason: str):
    """Asks another force to take the report. Until it accepts, the report stays here,
    read-only, and the receiving force's supervisors can read it to decide."""

    report = _working(member, report)
    if report.status == Report.Status.CLOSED:
        raise Refused(_("A closed report cannot be transferred."))
    if to_force.pk == report.force_id or not to_force.accepts_reports:
        raise Refused(_("Choose another force that takes reports."))
    if not reason.strip():
        raise Refused(_("Enter the reason for the transfer."))
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
    report_audit(member=member, action="report.transfer_request", report=report, reason=f"to {to_force.code}")
    return transfer


def _pending_transfer(member: StaffMember, report: Report):

    report = _locked(report)
    if not can_decide_transfer(member, report):
        raise Refused(_("Only a supervisor of the receiving force can decide on this transfer."))
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
    report_audit(
        member=member, action="report.transfer_accept", report=report, reason=f"from {transfer.from_force.code}"
    )
    return transfer


@transaction.atomic
def report_transfer_reject(*, member: StaffMember, report: Report, reason: str):
    """The receiving force declines, saying why; the report goes back to how it was."""

    if not reason.strip():
        raise Refused(_("Enter the reason for rejecting the transfer."))
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
    report_audit(member=member, action="report.transfer_reject", report=report, reason=f"by {transfer.to_force.code}")
    return transfer
