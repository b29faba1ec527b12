"""The person's pages after sending: sign in with the reference and private code, see where
the report is, read and answer the officer's messages, add information.

Signing in gives the session a fresh key and names the code it signed in with; every page
checks that code is still live (a new code, expiry, or a report closed long ago end it).
Titles say only "Your report": nothing in the browser's history names the kind of report.
"""

from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from portal.net import client_address
from portal.refusals import refuse_to

from .. import selectors, services
from ..models import Report
from .forms import AdditionForm, FollowUpSignInForm, ReplyForm
from .progress import progress_of

SESSION_KEY = "reporting.follow_up"
# What the person just did, said once on the next view of their page.
DONE_KEY = "reporting.follow_up.done"
REPLIED, ADDED = "replied", "added"


def _followed(request: HttpRequest) -> Report | None:
    return selectors.report_for_follow_up(code_id=request.session.get(SESSION_KEY))


@require_http_methods(["GET", "HEAD", "POST"])
def your_report(request):
    """The sign-in form, or once signed in, the report's progress and its messages."""
    report = _followed(request)
    if report is None:
        return _sign_in(request)
    if request.method == "POST":
        return redirect("reporting:your_report")
    conversation = selectors.report_conversation(report)
    # Shown as new on this view, then read: the officer's messages are read when seen here.
    new = {m.pk for m in conversation if m.direction == m.Direction.TO_PERSON and m.read_at is None}
    if new:
        services.person_messages_read(report=report)
    return render(
        request,
        "reporting/followup/report.html",
        {
            "report": report,
            "progress": progress_of(report),
            "conversation": conversation,
            "new": new,
            "has_messages_to_person": any(m.direction == m.Direction.TO_PERSON for m in conversation),
            "done": request.session.pop(DONE_KEY, ""),
        },
    )


def _sign_in(request):
    form = FollowUpSignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.follow_up_open(
                reference=form.cleaned_data["reference"],
                code=form.cleaned_data["code"],
                client=client_address(request),
            )
        except services.ReturnCodesLimited as limited:
            form.add_error("code", FollowUpSignInForm.too_many(limited.retry_after))
        else:
            if code is None:
                form.add_error("code", FollowUpSignInForm.NOT_FOUND)
            else:
                # A fresh session key: whoever held the old one cannot follow into the report.
                request.session.cycle_key()
                request.session[SESSION_KEY] = str(code.pk)
                return redirect("reporting:your_report")
    return render(request, "reporting/followup/sign_in.html", {"form": form})


def _message_page(request, *, form_class, template: str, act, done: str):
    report = _followed(request)
    if report is None:
        return redirect("reporting:your_report")
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        refuse_to(request, request.path)
        act(report=report, text=form.cleaned_data["text"])
        request.session[DONE_KEY] = done
        return redirect("reporting:your_report")
    conversation = selectors.report_conversation(report) if form_class is ReplyForm else []
    latest = next((m for m in reversed(conversation) if m.direction == m.Direction.TO_PERSON), None)
    return render(request, template, {"report": report, "form": form, "latest": latest})


@require_http_methods(["GET", "HEAD", "POST"])
def your_report_reply(request):
    return _message_page(
        request,
        form_class=ReplyForm,
        template="reporting/followup/reply.html",
        act=services.person_message_send,
        done=REPLIED,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def your_report_add(request):
    return _message_page(
        request,
        form_class=AdditionForm,
        template="reporting/followup/add.html",
        act=services.person_addition_add,
        done=ADDED,
    )


@require_POST
def your_report_sign_out(request):
    request.session.flush()
    return redirect("reporting:your_report")
