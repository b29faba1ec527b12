"""Reads about one report (its history, THRIVE, clocks, a pending transfer) and the choices
the report page offers (grades, colleagues, forces). The report itself has already been
read through the access rule (``access.reports_visible_to``)."""

from .. import triage
from ..models import (
    Force,
    ForceGrade,
    Report,
    ReportActivity,
    ReportClock,
    ReportTransfer,
    StaffMember,
    ThriveAssessment,
)
from .audit import force_staff


def force_names() -> dict[str, str]:
    return dict(Force.objects.values_list("code", "display_name"))


def force_grades(force_id: int) -> list[ForceGrade]:
    return list(ForceGrade.objects.filter(force_id=force_id))


def force_workers(member: StaffMember) -> list[StaffMember]:
    """Who a supervisor can give a report to: their own force's staff who work reports."""
    return force_staff(member, roles=triage.WORKERS)


def transfer_destinations(member: StaffMember) -> list[Force]:
    return list(Force.objects.filter(accepts_reports=True).exclude(pk=member.force_id).order_by("display_name"))


def report_activities(report: Report) -> list[ReportActivity]:
    return list(report.activities.select_related("actor").order_by("at"))


def report_current_thrive(report: Report) -> ThriveAssessment | None:
    return report.thrive_assessments.select_related("assessed_by").order_by("-assessed_at").first()


def report_clocks(report: Report) -> list[ReportClock]:
    return list(report.clocks.order_by("due_at"))


def report_pending_transfer(report: Report) -> ReportTransfer | None:
    return (
        report.transfers.filter(status=ReportTransfer.Status.PENDING)
        .select_related("from_force", "to_force", "requested_by")
        .first()
    )
