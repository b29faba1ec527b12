"""Referrals: the agency inbox (under /agency/) and the force's side (under /staff/).

Both prefixes need a password and a verified second factor (portal.middleware). Here, each
view also checks who is asking: agency staff reach only their own agency's referrals (any
other referral is "not found"), force staff only their own force's. Every page that shows a
referral, and every change, is recorded in the audit trail by the service it calls.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import referral_data, selectors, services
from .referral_forms import DeclineForm, FirstContactForm, OfficerReferralForm

# --- Agency staff ------------------------------------------------------------------------


@require_safe
def agency_inbox(request):
    inbox = services.referral_inbox_open(user=request.user, page=request.GET.get("page"))
    if inbox is None:
        raise PermissionDenied
    return render(request, "support/agency/inbox.html", {"inbox": inbox, "nav": "inbox"})


def _opened(request, referral_id, *, action: str):
    referral = services.referral_open(user=request.user, referral_id=referral_id, action=action)
    if referral is None:
        raise Http404
    return referral


def _visible(request, referral_id):
    referral = selectors.referral_for_agency_user(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404
    return referral


def _already(request, referral) -> None:
    messages.error(
        request,
        _("This referral is now “%(status)s”, so that cannot be done.") % {"status": referral.get_status_display()},
    )


@require_safe
def agency_referral(request, referral_id):
    referral = _opened(request, referral_id, action="referral.view")
    return render(
        request,
        "support/agency/referral.html",
        {
            "referral": referral,
            "rows": referral_data.rows(referral.shared),
            "overdue": referral.overdue,
        },
    )


@require_POST
def agency_referral_accept(request, referral_id):
    referral = _visible(request, referral_id)
    try:
        services.referral_accept(referral=referral, user=request.user)
    except services.ReferralStateError as error:
        _already(request, error.referral)
    else:
        messages.success(request, _("You have accepted the referral. The police can see this."))
    return redirect("support:agency_referral", referral_id=referral.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def agency_referral_decline(request, referral_id):
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        referral = _visible(request, referral_id)
        if form.is_valid():
            try:
                services.referral_decline(referral=referral, user=request.user, reason=form.cleaned_data["reason"])
            except services.ReferralStateError as error:
                _already(request, error.referral)
            else:
                messages.success(request, _("You have declined the referral. The police can see your reason."))
            return redirect("support:agency_referral", referral_id=referral.pk)
    referral = _opened(request, referral_id, action="referral.view_form")
    if not referral.can_decline:
        _already(request, referral)
        return redirect("support:agency_referral", referral_id=referral.pk)
    return _action_page(
        request,
        referral,
        form,
        title=_("Decline the referral"),
        intro=_("Decline only if your service cannot help. The police will look for other support for the person."),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def agency_referral_first_contact(request, referral_id):
    if request.method == "POST":
        referral = _visible(request, referral_id)
        form = FirstContactForm(request.POST, not_before=timezone.localdate(referral.report.submitted_at))
        if form.is_valid():
            try:
                services.referral_first_contact_record(
                    referral=referral,
                    user=request.user,
                    contacted_on=form.cleaned_data["contacted_on"],
                    note=form.cleaned_data["note"],
                )
            except services.ReferralStateError as error:
                _already(request, error.referral)
            else:
                messages.success(request, _("You have recorded first contact. The police can see this."))
            return redirect("support:agency_referral", referral_id=referral.pk)
    referral = _opened(request, referral_id, action="referral.view_form")
    if request.method != "POST":
        form = FirstContactForm(not_before=timezone.localdate(referral.report.submitted_at))
    if not referral.can_record_first_contact:
        _already(request, referral)
        return redirect("support:agency_referral", referral_id=referral.pk)
    return _action_page(
        request,
        referral,
        form,
        title=_("Record first contact"),
        intro=_(
            "Record this once you have spoken to the person, or reached them in one of the ways they said was safe."
        ),
    )


def _action_page(request, referral, form, *, title, intro):
    return render(
        request, "support/agency/action.html", {"referral": referral, "form": form, "title": title, "intro": intro}
    )


# --- Force staff -------------------------------------------------------------------------


@require_safe
def force_referrals(request):
    listing = services.force_referrals_open(user=request.user)
    if listing is None:
        raise PermissionDenied
    return render(request, "support/force/referrals.html", {"listing": listing})


@require_http_methods(["GET", "HEAD", "POST"])
def officer_referral_new(request, report_id):
    form = None
    if request.method == "POST":
        report = selectors.report_for_force_staff(user=request.user, report_id=report_id)
        if report is None:
            raise Http404
        routes = selectors.officer_referral_choices(report=report)
        form = OfficerReferralForm(request.POST, routes=routes)
        if routes and form.is_valid():
            try:
                services.referral_create_by_officer(
                    report=report,
                    kind=form.cleaned_data["route"].kind,
                    consent_method=form.cleaned_data["consent_method"],
                    officer=request.user,
                )
            except services.ReferralNotAllowed:
                form.add_error("route", _("This report cannot be referred to that service. Choose another."))
            else:
                messages.success(
                    request,
                    _("Referral made to %(agency)s. They have been told a referral is waiting.")
                    % {"agency": form.cleaned_data["route"].agency.name},
                )
                return redirect(_report_page(report) or reverse("support:force_referrals"))
    report = services.report_referral_form_open(user=request.user, report_id=report_id)
    if report is None:
        raise Http404
    routes = selectors.officer_referral_choices(report=report)
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
