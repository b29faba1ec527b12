"""Reading a report: a reason first unless it is assigned to you (DPA 2018 s.62), then the
report itself, every read recorded with that reason."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.template import engines
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from reporting import services

from ..forms import AccessReasonForm
from ..guard import FORM, access_grant, access_reason, ask_reason, report_url, staff_view
from ..presenters import report_page, template_context, type_label


@staff_view(methods=FORM)
def report_reason(request, member, report):
    form = AccessReasonForm(request.POST or None)
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target.startswith(report_url(report)) or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = report_url(report)
    if request.method == "POST" and form.is_valid():
        access_grant(request, report, form.reason_text())
        return redirect(target)
    return render(
        request,
        "reporting/staff/reason.html",
        {"form": form, "report": report, "next": target, "type_label": type_label(report.report_type)},
    )


@staff_view()
def report_view(request, member, report):
    reason = access_reason(request, member, report)
    if reason is None:
        return ask_reason(request, report)
    with transaction.atomic():
        services.report_access_record(member=member, report=report, action="report.view", reason=reason)
        page = report_page(member, report, now=timezone.now())
        # Shown as new on this view (the page was built first), then read, by those who may
        # work it (others leave them new for the officer working it): audited.
        if page.can_work and any(row.new for row in page.conversation):
            services.staff_messages_read(member=member, report=report)
    return render(
        request,
        "reporting/staff/report.html",
        {**template_context(page), "reason": reason, "referrals_available": _referrals_available()},
    )


def _referrals_available() -> bool:
    """The support app's tag for a report's referrals, when it is installed."""
    return "referrals" in engines["django"].engine.template_libraries
