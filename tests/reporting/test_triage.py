"""Triage services: claiming, assigning, grading, THRIVE, the status workflow, transfers and
the audit event each of them writes."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.audit import audit_chain_broken_at
from portal.models import AuditEvent
from portal.refusals import Refused
from reporting import services, triage
from reporting.models import ForceGrade, Report, ReportActivity, ReportClock, StaffMember, ThriveAssessment
from reporting.triage import THRIVE_FACTORS
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    SOUTH_WALES,
    SOUTH_WALES_ANSWERS,
    grade_schemes,
    member_of,
    queued_report,
    staff_user,
)

Role = StaffMember.Role
Status = Report.Status


@pytest.fixture
def met(forces):
    grade_schemes()
    return {role: member_of(staff_user(force_code=MET, role=role)) for role in Role}


@pytest.fixture
def wales(forces):
    return {role: member_of(staff_user(force_code=SOUTH_WALES, role=role)) for role in Role}


def actions_for(report):
    return list(AuditEvent.objects.filter(object_id=report.reference).values_list("action", flat=True))


THRIVE = {name: {"level": "medium", "note": f"{name} note"} for name in THRIVE_FACTORS}


# --- claiming ------------------------------------------------------------------------------------


def test_claim_next_takes_the_most_urgent_then_the_oldest(met):
    older_plain = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, risk_indicators=["none"]))
    urgent = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, in_danger="yes"))
    newer_plain = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, risk_indicators=["none"]))
    Report.objects.filter(pk=older_plain.pk).update(submitted_at=timezone.now() - timedelta(hours=3))
    handler = met[Role.CONTACT_HANDLER]

    claimed = [services.report_claim_next(member=handler) for _ in range(4)]

    assert [report.pk if report else None for report in claimed] == [urgent.pk, older_plain.pk, newer_plain.pk, None]
    urgent.refresh_from_db()
    assert (urgent.assigned_to, urgent.status) == (handler.user, Status.IN_TRIAGE)
    assert actions_for(urgent) == ["report.claim"]


def test_claim_next_never_takes_another_forces_report_or_one_not_yet_queued(met, wales):
    queued_report(SOUTH_WALES_ANSWERS)
    from tests.factories import submitted_report

    submitted_report()  # sent, but the outbox has not put it in the queue yet

    assert services.report_claim_next(member=met[Role.CONTACT_HANDLER]) is None


def test_a_claimed_report_cannot_be_claimed_again(met):
    report = queued_report()
    services.report_claim(member=met[Role.CONTACT_HANDLER], report=report)

    with pytest.raises(Refused, match="already claimed"):
        services.report_claim(member=met[Role.CASE_OFFICER], report=report)
    report.refresh_from_db()
    assert report.assigned_to == met[Role.CONTACT_HANDLER].user


def test_force_administrators_do_not_claim(met):
    report = queued_report()

    with pytest.raises(Refused):
        services.report_claim_next(member=met[Role.FORCE_ADMIN])
    with pytest.raises(Refused):
        services.report_claim(member=met[Role.FORCE_ADMIN], report=report)


def test_returning_a_report_puts_it_back_unassigned_and_new(met):
    report = queued_report()
    handler = met[Role.CONTACT_HANDLER]
    services.report_claim(member=handler, report=report)

    services.report_release(member=handler, report=report)

    report.refresh_from_db()
    assert (report.assigned_to, report.status) == (None, Status.NEW)
    assert services.report_claim_next(member=met[Role.CASE_OFFICER]).pk == report.pk


# --- assigning ---------------------------------------------------------------------------------------


def test_a_supervisor_assigns_and_reassigns_within_the_force(met):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    services.report_assign(member=supervisor, report=report, assignee=met[Role.CONTACT_HANDLER])
    report.refresh_from_db()
    assert (report.assigned_to, report.status) == (met[Role.CONTACT_HANDLER].user, Status.IN_TRIAGE)

    services.report_assign(member=supervisor, report=report, assignee=met[Role.CASE_OFFICER])
    report.refresh_from_db()
    assert (report.assigned_to, report.status) == (met[Role.CASE_OFFICER].user, Status.ALLOCATED)
    assert actions_for(report) == ["report.assign", "report.assign"]


def test_only_supervisors_assign_and_only_to_their_own_forces_staff(met, wales):
    report = queued_report()

    with pytest.raises(Refused):
        services.report_assign(member=met[Role.CASE_OFFICER], report=report, assignee=met[Role.CONTACT_HANDLER])
    with pytest.raises(Refused):
        services.report_assign(member=met[Role.SUPERVISOR], report=report, assignee=wales[Role.CONTACT_HANDLER])
    with pytest.raises(Refused):
        services.report_assign(member=met[Role.SUPERVISOR], report=report, assignee=met[Role.FORCE_ADMIN])
    with pytest.raises(Refused):
        services.report_assign(member=wales[Role.SUPERVISOR], report=report, assignee=wales[Role.CASE_OFFICER])
    assert Report.objects.get(pk=report.pk).assigned_to is None


# --- working a report ------------------------------------------------------------------------------


def test_only_the_assignee_or_a_supervisor_changes_a_report(met):
    report = queued_report()
    services.report_claim(member=met[Role.CONTACT_HANDLER], report=report)

    with pytest.raises(Refused):
        services.report_note_add(member=met[Role.CASE_OFFICER], report=report, text="Not mine")
    services.report_note_add(member=met[Role.CONTACT_HANDLER], report=report, text="Mine")
    services.report_note_add(member=met[Role.SUPERVISOR], report=report, text="Supervising")

    assert [activity.text for activity in report.activities.filter(kind=ReportActivity.Kind.NOTE)] == [
        "Mine",
        "Supervising",
    ]


def test_grading_uses_the_forces_own_scheme_and_records_the_reason(met, wales):
    report = queued_report()
    handler = met[Role.CONTACT_HANDLER]
    services.report_claim(member=handler, report=report)
    emergency = ForceGrade.objects.get(force=handler.force, code="emergency")
    welsh_grade = ForceGrade.objects.filter(force=wales[Role.SUPERVISOR].force).first()

    services.report_grade(member=handler, report=report, grade=emergency, rationale="Threats to kill, tonight")

    report.refresh_from_db()
    assert report.grade == emergency and report.grade.is_emergency
    assert report.activities.get(kind=ReportActivity.Kind.GRADED).text == "Threats to kill, tonight"
    assert welsh_grade is not None
    with pytest.raises(Refused, match="scheme"):
        services.report_grade(member=handler, report=report, grade=welsh_grade, rationale="x")


def test_the_default_grade_scheme_is_loaded_once_and_keeps_a_forces_changes(met):
    force = met[Role.SUPERVISOR].force
    ForceGrade.objects.filter(force=force, code="priority").update(label="Priority (60 min)", target_minutes=45)
    count = ForceGrade.objects.count()

    call_command("load_grade_schemes", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert ForceGrade.objects.count() == count
    assert ForceGrade.objects.get(force=force, code="priority").target_minutes == 45
    assert [grade.code for grade in ForceGrade.objects.filter(force=force)] == [
        grade.code for grade in triage.DEFAULT_GRADES
    ]


def test_a_thrive_assessment_needs_every_factor_and_keeps_its_history(met):
    report = queued_report()
    handler = met[Role.CONTACT_HANDLER]
    services.report_claim(member=handler, report=report)

    with pytest.raises(Refused):
        services.thrive_assessment_save(member=handler, report=report, factors={"threat": {"level": "high"}})
    services.thrive_assessment_save(member=handler, report=report, factors=THRIVE)
    services.thrive_assessment_save(
        member=handler, report=report, factors={**THRIVE, "risk": {"level": "high", "note": "Escalating"}}
    )

    assert ThriveAssessment.objects.filter(report=report).count() == 2
    current = report.thrive_assessments.first()
    assert current.factors["risk"] == {"level": "high", "note": "Escalating"}
    assert actions_for(report).count("report.thrive") == 2


def test_the_status_workflow_refuses_jumps_it_does_not_allow(met):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    with pytest.raises(Refused):
        services.report_status_change(member=supervisor, report=report, status=Status.TRANSFERRED)
    with pytest.raises(Refused, match="outcome"):
        services.report_status_change(member=supervisor, report=report, status=Status.CLOSED)


def test_making_contact_meets_the_first_contact_clock_and_closing_stops_the_rest(met):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    services.report_status_change(member=supervisor, report=report, status=Status.CONTACT_MADE)
    assert ReportClock.objects.get(report=report, milestone="first_contact").met_at is not None

    services.report_status_change(
        member=supervisor, report=report, status=Status.CLOSED, outcome=Report.Outcome.CRIME_RECORDED, note="Done"
    )
    report.refresh_from_db()
    assert (report.status, report.outcome) == (Status.CLOSED, Report.Outcome.CRIME_RECORDED)
    assert not ReportClock.objects.filter(report=report, met_at__isnull=True).exists()

    services.report_status_change(member=supervisor, report=report, status=Status.IN_TRIAGE)
    report.refresh_from_db()
    assert (report.status, report.outcome, report.closed_at) == (Status.IN_TRIAGE, "", None)


def test_a_milestone_is_marked_met_once(met):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    services.report_clock_meet(member=supervisor, report=report, milestone="first_contact")

    with pytest.raises(Refused):
        services.report_clock_meet(member=supervisor, report=report, milestone="first_contact")


# --- transfers ----------------------------------------------------------------------------------


def test_a_transfer_keeps_the_report_read_only_with_the_sender_until_accepted(met, wales):
    report = queued_report()
    handler = met[Role.CONTACT_HANDLER]
    services.report_claim(member=handler, report=report)
    services.report_grade(
        member=handler, report=report, grade=ForceGrade.objects.get(force=handler.force, code="priority"), rationale="x"
    )

    services.report_transfer_request(
        member=handler, report=report, to_force=wales[Role.SUPERVISOR].force, reason="It happened in Cardiff"
    )

    report.refresh_from_db()
    assert (report.force, report.status, report.transfer_to) == (
        handler.force,
        Status.TRANSFERRED,
        wales[Role.SUPERVISOR].force,
    )
    with pytest.raises(Refused, match="waiting for another force"):
        services.report_note_add(member=handler, report=report, text="Still ours?")
    with pytest.raises(Refused):
        services.report_transfer_accept(member=wales[Role.CONTACT_HANDLER], report=report)
    with pytest.raises(Refused):
        services.report_transfer_accept(member=met[Role.SUPERVISOR], report=report)

    services.report_transfer_accept(member=wales[Role.SUPERVISOR], report=report, receiving_reference="SWP-123")

    report.refresh_from_db()
    assert report.force == wales[Role.SUPERVISOR].force
    assert (report.status, report.transfer_to, report.assigned_to, report.grade) == (Status.NEW, None, None, None)
    assert report.transfers.get().receiving_reference == "SWP-123"
    assert services.report_claim_next(member=wales[Role.CONTACT_HANDLER]).pk == report.pk
    assert actions_for(report)[-2:] == ["report.transfer_accept", "report.claim"]


def test_a_rejected_transfer_gives_the_report_back_as_it_was_with_the_reason(met, wales):
    report = queued_report()
    handler = met[Role.CONTACT_HANDLER]
    services.report_claim(member=handler, report=report)
    services.report_transfer_request(
        member=handler, report=report, to_force=wales[Role.SUPERVISOR].force, reason="Cardiff?"
    )

    with pytest.raises(Refused):
        services.report_transfer_reject(member=wales[Role.SUPERVISOR], report=report, reason="  ")
    services.report_transfer_reject(member=wales[Role.SUPERVISOR], report=report, reason="It happened in London")

    report.refresh_from_db()
    assert (report.force, report.status, report.transfer_to) == (handler.force, Status.IN_TRIAGE, None)
    assert report.activities.get(kind=ReportActivity.Kind.TRANSFER_REJECTED).text == "It happened in London"
    services.report_note_add(member=handler, report=report, text="Back with us")


def test_a_report_cannot_go_to_its_own_force_or_be_transferred_twice_at_once(met, wales):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    with pytest.raises(Refused):
        services.report_transfer_request(member=supervisor, report=report, to_force=supervisor.force, reason="x")
    services.report_transfer_request(
        member=supervisor, report=report, to_force=wales[Role.SUPERVISOR].force, reason="x"
    )
    with pytest.raises(Refused):
        services.report_transfer_request(
            member=supervisor, report=report, to_force=wales[Role.SUPERVISOR].force, reason="x"
        )


# --- the audit trail -----------------------------------------------------------------------------


def test_every_change_is_audited_with_who_and_which_force_and_the_chain_holds(met):
    report = queued_report()
    supervisor = met[Role.SUPERVISOR]

    services.report_claim(member=supervisor, report=report)
    services.thrive_assessment_save(member=supervisor, report=report, factors=THRIVE)
    services.report_note_add(member=supervisor, report=report, text="A note")
    services.report_status_change(member=supervisor, report=report, status=Status.CONTACT_MADE)

    events = list(AuditEvent.objects.filter(object_id=report.reference).order_by("id"))
    assert [event.action for event in events] == ["report.claim", "report.thrive", "report.note", "report.status"]
    assert {(event.actor_id, event.organisation) for event in events} == {(supervisor.user_id, MET)}
    # Notes and assessments are never copied into the audit trail.
    assert not any("A note" in event.reason or "note" in event.reason for event in events)
    assert audit_chain_broken_at() is None


def test_demo_reports_are_seeded_through_the_services_once(forces, capsys):
    call_command("seed_demo_reports")
    count = Report.objects.count()
    call_command("seed_demo_reports")

    assert count >= 6
    assert Report.objects.count() == count
    assert not Report.objects.filter(queued_at__isnull=True).exists()
    assert set(Report.objects.values_list("force__code", flat=True)) == {MET, SOUTH_WALES}
    assert ForceGrade.objects.filter(force__code=MET).exists()
