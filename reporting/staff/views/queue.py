"""The triage queue: a force's reports tab by tab, most urgent first, claiming the next one,
and finding a report by its reference."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reporting import selectors, services, triage

from ..forms import SearchForm
from ..guard import POST, report_url, staff_view
from ..presenters import queue_filter, queue_listing, template_context


@staff_view()
def queue(request, member):
    listing = queue_listing(
        member,
        queue_filter(member, request.GET),
        after=request.GET.get("after"),
        before=request.GET.get("before"),
    )
    return render(request, "reporting/staff/queue.html", template_context(listing))


@staff_view(triage.WORKERS, methods=POST)
def claim_next(request, member):
    report = services.report_claim_next(member=member)
    if report is None:
        messages.success(request, _("There are no unclaimed new reports."))
        return redirect("reporting:staff_queue")
    messages.success(request, _("Report %(reference)s is now assigned to you.") % {"reference": report.reference})
    return redirect(report_url(report))


@staff_view()
def search(request, member):
    """A report of this force by its reference, however it was typed. Every search is
    recorded; one that finds nothing looks the same whether or not the report exists."""
    form = SearchForm(request.GET)
    reference = form.data.get("reference", "") if form.is_valid() else ""
    report = selectors.report_for_staff(member, reference) if reference else None
    if reference:
        services.report_search_record(
            member=member, reference=selectors.normalise_reference(reference), found=bool(report)
        )
    if report is not None:
        return redirect(report_url(report))
    return render(request, "reporting/staff/search.html", {"form": form, "reference": reference}, status=200)
