"""The force's side of referrals, under /staff/: the referrals of the reports its staff may
see, and referring a report later.

Every view is wrapped by reporting's ``guard.staff_view``, the one way in for force staff:
anyone else, and any report the member may not see, is "not found". Only staff who work
reports refer them, and only a report assigned to them or one they have given a reason to
read. Every page and every referral is recorded in the audit trail by the service it calls,
where the force's supervisors review it.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from portal.refusals import Refused
from reporting import triage
from reporting.staff import guard

from .. import selectors, services
from ..forms import OfficerReferralForm


def _of_own_force(member, report) -> bool:
    """A report is referred by its own force (a supervisor deciding on a transfer from
    another force sees the report, and cannot refer it)."""
    return report.force_id == member.force_id


@guard.staff_view()
def force_referrals(request, member):
    listing = services.force_referrals_open(member=member)
    return render(request, "support/force/referrals.html", {"listing": listing})


@guard.staff_view(triage.WORKERS, methods=guard.FORM, permission=_of_own_force)
def officer_referral_new(request, member, report):
    if guard.access_reason(request, member, report) is None:
        return guard.ask_reason(request, report)
    form = None
    if request.method == "POST":
        routes = selectors.officer_referral_choices(member=member, report=report)
        form = OfficerReferralForm(request.POST, routes=routes)
        if routes and form.is_valid():
            try:
                services.referral_create_by_officer(
                    report=report,
                    kind=form.cleaned_data["route"].kind,
                    consent_method=form.cleaned_data["consent_method"],
                    officer=request.user,
                )
            except Refused:
                form.add_error("route", _("This report cannot be referred to that service. Choose another."))
            else:
                messages.success(
                    request,
                    _("Referral made to %(agency)s. They have been told a referral is waiting.")
                    % {"agency": form.cleaned_data["route"].agency.name},
                )
                return redirect(_report_page(report) or reverse("support:force_referrals"))
    services.report_referral_form_open(member=member, report=report)
    routes = selectors.officer_referral_choices(member=member, report=report)
    if form is None:
        form = OfficerReferralForm(routes=routes)
    return render(
        request,
        "support/force/referral_new.html",
        {
            "report": report,
            "form": form,
            "routes": routes,
            "possible": selectors.referral_possible(report),
            "back": _report_page(report) or reverse("support:force_referrals"),
        },
    )


def _report_page(report) -> str | None:
    """The force's page for the report, where its referrals are listed, if there is one."""
    try:
        return reverse("reporting:staff_report", args=[report.reference])
    except NoReverseMatch:
        return None
