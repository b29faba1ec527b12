"""The audit trail, for supervisors and force administrators: who opened a report, and what
a member of staff has opened."""

from django.http import Http404
from django.shortcuts import render

from reporting import selectors, triage

from ..guard import staff_view


@staff_view(triage.OVERSIGHT)
def report_audit(request, member, report):
    # A report another force is deciding on is visible here, but its audit trail is not ours.
    if report.force_id != member.force_id:
        raise Http404
    return render(
        request,
        "reporting/staff/audit_report.html",
        {"report": report, "events": selectors.report_audit_events(report), "limit": selectors.AUDIT_LIMIT},
    )


@staff_view(triage.OVERSIGHT)
def staff_audit_list(request, member):
    return render(request, "reporting/staff/audit_staff_list.html", {"staff": selectors.force_staff(member)})


@staff_view(triage.OVERSIGHT)
def staff_audit(request, member, staff):
    return render(
        request,
        "reporting/staff/audit_staff.html",
        {"staff": staff, "events": selectors.staff_audit_events(member, staff), "limit": selectors.AUDIT_LIMIT},
    )
