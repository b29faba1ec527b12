"""What every page that changes a report shares: who may use it, and the skeleton of a form
that calls a service, says it worked and goes back to the report.

Refusals are not caught here or in the views: a service raises ``portal.refusals.Refused``
and the RefusalMiddleware shows its message on the report page, where ``refuse_to`` points.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.refusals import Refused, refuse_to
from reporting import triage
from reporting.models import Report

from ..guard import forbidden, report_url
from ..presenters import type_label

ACTION_TEMPLATE = "reporting/staff/action.html"


def form_action(
    request,
    report: Report,
    *,
    form,
    act: Callable,
    done: str,
    title: str,
    then: str | None = None,
    template: str = ACTION_TEMPLATE,
    extra: dict | None = None,
):
    """Shows the form about the report; once it is valid, ``act(form)`` calls the service,
    and the member of staff goes on to ``then`` (the report unless said otherwise) with
    ``done`` as confirmation. A refusal goes back to the report, with its message."""
    refuse_to(request, report_url(report))
    if request.method == "POST" and form.is_valid():
        act(form)
        messages.success(request, done)
        return redirect(then or report_url(report))
    return render(
        request,
        template,
        {"form": form, "report": report, "title": title, "type_label": type_label(report.report_type), **(extra or {})},
    )


def working_only(view):
    """A page that changes a report: the member of staff must be allowed to work it
    (assigned to them, or a supervisor). While another force decides on a transfer the
    report cannot be changed, and the report page says so."""

    @wraps(view)
    def wrapped(request, member, report):
        if not triage.can_work(member, report):
            if report.transfer_to_id is not None and report.force_id == member.force_id:
                raise Refused(
                    _("This report is waiting for another force to accept it, so it cannot be changed."),
                    redirect_to=report_url(report),
                )
            return forbidden(request)
        return view(request, member, report)

    return wrapped
