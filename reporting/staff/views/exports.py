"""What leaves the system as a file: a queue tab as CSV, and a report's case file as a PDF.
Both are recorded in the audit trail."""

import csv
from datetime import datetime

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.pdf import render_pdf
from reporting import selectors, services, triage
from reporting.models import Report, StaffMember

from ..guard import access_reason, ask_reason, staff_view
from ..presenters import queue_filter, queue_query, report_page, template_context

EXPORT_LIMIT = 10_000


def _csv_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@staff_view(triage.OVERSIGHT)
def queue_export(request, member):
    """The rows of one queue tab as CSV: references, types, statuses, priorities and dates,
    never anything the person wrote. Recorded in the audit trail."""
    chosen = queue_filter(member, request.GET)
    rows = selectors.queue_export_rows(member, chosen, limit=EXPORT_LIMIT)
    services.queue_export_record(member=member, description=queue_query(chosen), count=len(rows))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="queue-{member.force.code}-{chosen.status}.csv"'
    writer = csv.writer(response)
    writer.writerow(["reference", "type", "status", "priority", "submitted_at", "assigned_to", "grade"])
    for report in rows:
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    report.reference,
                    report.report_type,
                    report.status,
                    report.priority,
                    report.submitted_at.isoformat(),
                    report.assigned_to.username if report.assigned_to else "",
                    report.grade.code if report.grade else "",
                )
            ]
        )
    return response


def case_file_html(request, member: StaffMember, report: Report, *, reason: str, now: datetime) -> str:
    """The case file as HTML for WeasyPrint, recording the export in the same transaction."""
    with transaction.atomic():
        services.report_access_record(member=member, report=report, action="report.pdf", reason=reason)
        page = report_page(member, report, now=now)
        audit = selectors.report_audit_summary(report)
    context = {
        **template_context(page),
        "audit": audit,
        "exported_by": member.user.get_full_name() or member.user.username,
        "exported_at": now,
    }
    return render(request, "reporting/staff/case_file.html", context).content.decode()


@staff_view()
def case_file(request, member, report):
    """The report as a PDF, with who exported it and when on every page."""
    reason = access_reason(request, member, report)
    if reason is None:
        return ask_reason(request, report)
    html = case_file_html(request, member, report, reason=reason, now=timezone.now())
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-file-{report.reference}.pdf"'
    return response
