"""Moving a report to another force: asking for it, and the receiving force's supervisors
accepting or rejecting it. Until they decide, the report stays with the sending force,
read-only."""

from django.urls import reverse
from django.utils.translation import gettext as _

from reporting import selectors, services, triage

from ..forms import TransferAcceptForm, TransferForm, TransferRejectForm
from ..guard import FORM, staff_view
from ._changes import form_action, working_only


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_transfer(request, member, report):
    return form_action(
        request,
        report,
        form=TransferForm(request.POST or None, forces=selectors.transfer_destinations(member)),
        act=lambda form: services.report_transfer_request(
            member=member, report=report, to_force=form.chosen_force(), reason=form.cleaned_data["reason"]
        ),
        done=_("Transfer requested. The report stays here, read-only, until the force accepts it."),
        title=_("Transfer to another force"),
    )


@staff_view(triage.SUPERVISORS, methods=FORM, permission=triage.can_decide_transfer)
def report_transfer_accept(request, member, report):
    return form_action(
        request,
        report,
        form=TransferAcceptForm(request.POST or None),
        act=lambda form: services.report_transfer_accept(
            member=member, report=report, receiving_reference=form.cleaned_data.get("receiving_reference") or ""
        ),
        done=_("Transfer accepted. The report is now in your force's queue as new."),
        title=_("Accept this transfer"),
        then=reverse("reporting:staff_queue"),
    )


@staff_view(triage.SUPERVISORS, methods=FORM, permission=triage.can_decide_transfer)
def report_transfer_reject(request, member, report):
    return form_action(
        request,
        report,
        form=TransferRejectForm(request.POST or None),
        act=lambda form: services.report_transfer_reject(
            member=member, report=report, reason=form.cleaned_data["reason"]
        ),
        done=_("Transfer rejected. The sending force has the report back."),
        title=_("Reject this transfer"),
        then=reverse("reporting:staff_queue"),
    )
