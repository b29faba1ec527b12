"""Messages to the person who sent a report (reporting.followup): the conversation panel on
the report page posts here, and without it the same form is a page of its own."""

from django.utils.translation import gettext as _

from reporting import services, triage
from reporting.followup.forms import StaffMessageForm

from ..guard import FORM, report_url, staff_view
from ._changes import form_action, working_only


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_message(request, member, report):
    return form_action(
        request,
        report,
        form=StaffMessageForm(request.POST or None),
        act=lambda form: services.staff_message_send(member=member, report=report, text=form.cleaned_data["text"]),
        done=_("Message sent. The person will see it when they next sign in."),
        title=_("Send a message to the person"),
        then=report_url(report) + "#conversation",
    )
