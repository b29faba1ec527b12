"""The agency inbox, under /agency/: agency staff reach only their own agency's referrals.

Every view is wrapped by ``guard.agency_view``: anyone who is not agency staff, and any
referral not their agency's, is "not found". Every page that shows a referral, and every
change, is recorded in the audit trail by the service it calls.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import refuse_to

from .. import data, services
from ..forms import DeclineForm, FirstContactForm
from ..guard import FORM, POST, agency_view


def _already(request, referral) -> None:
    messages.error(
        request,
        _("This referral is now “%(status)s”, so that cannot be done.") % {"status": referral.get_status_display()},
    )


def _referral_page(referral) -> str:
    return reverse("support:agency_referral", kwargs={"referral_id": referral.pk})


@agency_view()
def agency_inbox(request, member):
    inbox = services.referral_inbox_open(member=member, page=request.GET.get("page"))
    return render(request, "support/agency/inbox.html", {"inbox": inbox, "nav": "inbox"})


@agency_view()
def agency_referral(request, member, referral):
    referral = services.referral_open(member=member, referral=referral, action="referral.view")
    return render(
        request,
        "support/agency/referral.html",
        {
            "referral": referral,
            "rows": data.rows(referral.shared),
            "overdue": referral.overdue,
        },
    )


@agency_view(methods=POST)
def agency_referral_accept(request, member, referral):
    refuse_to(request, _referral_page(referral))
    services.referral_accept(referral=referral, user=request.user)
    messages.success(request, _("You have accepted the referral. The police can see this."))
    return redirect(_referral_page(referral))


@agency_view(methods=FORM)
def agency_referral_decline(request, member, referral):
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refuse_to(request, _referral_page(referral))
        services.referral_decline(referral=referral, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("You have declined the referral. The police can see your reason."))
        return redirect(_referral_page(referral))
    referral = services.referral_open(member=member, referral=referral, action="referral.view_form")
    if not referral.can_decline:
        _already(request, referral)
        return redirect(_referral_page(referral))
    return _action_page(
        request,
        referral,
        form,
        title=_("Decline the referral"),
        intro=_("Decline only if your service cannot help. The police will look for other support for the person."),
    )


@agency_view(methods=FORM)
def agency_referral_first_contact(request, member, referral):
    not_before = timezone.localdate(referral.report.submitted_at)
    if request.method == "POST":
        form = FirstContactForm(request.POST, not_before=not_before)
        if form.is_valid():
            refuse_to(request, _referral_page(referral))
            services.referral_first_contact_record(
                referral=referral,
                user=request.user,
                contacted_on=form.cleaned_data["contacted_on"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("You have recorded first contact. The police can see this."))
            return redirect(_referral_page(referral))
    else:
        form = FirstContactForm(not_before=not_before)
    referral = services.referral_open(member=member, referral=referral, action="referral.view_form")
    if not referral.can_record_first_contact:
        _already(request, referral)
        return redirect(_referral_page(referral))
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
