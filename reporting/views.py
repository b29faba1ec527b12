"""The journey engine's views: one set that renders every journey declared as data.

The browser carries only its session, which names the journey's draft. Every answer is
saved on the server as soon as a page is sent, including what was typed on a page that did
not validate, so nothing is lost on Back, on Change, or on an error.
"""

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from portal.net import client_address
from portal.pdf import render_pdf
from portal.refusals import Refused, refuse_to

from . import confirmation, routing, selectors, services
from .engine.flow import Flow, JourneyState, Page
from .engine.forms import page_form, raw_input, rebind
from .engine.please_check import CHANGE, CHOICE, please_check_page
from .followup import code_once
from .forms import ReturnCodeForm
from .journeys import JOURNEYS, Journey
from .models import Draft, Report

SAVE = "save"


@require_safe
def journey_start(request, slug: str):
    journey, flow = _journey_with_flow(slug)
    return render(request, "reporting/journey_start.html", {"journey": journey, "first_page": flow.pages[0]})


@require_safe
def about_data(request):
    return render(request, "reporting/about_data.html")


# --- the session's link to its drafts -------------------------------------------------


def _draft_key(slug: str) -> str:
    return f"reporting.draft.{slug}"


def _sent_key(slug: str) -> str:
    return f"reporting.sent.{slug}"


def _session_draft(request: HttpRequest, slug: str) -> Draft | None:
    return selectors.draft_for_session(draft_id=request.session.get(_draft_key(slug)), journey=slug)


def _remember_draft(request: HttpRequest, draft: Draft) -> None:
    request.session[_draft_key(draft.journey)] = str(draft.pk)


def _journey_with_flow(slug: str) -> tuple[Journey, Flow]:
    journey = JOURNEYS.get(slug)
    if journey is None:
        raise Http404
    return journey, journey.flow


def _page_url(flow: Flow, page: Page, *, change: bool = False) -> str:
    url = reverse("reporting:journey_page", args=[flow.slug, page.slug])
    return f"{url}?{urlencode({'change': '1'})}" if change else url


def _check_answers_url(flow: Flow) -> str:
    return reverse("reporting:journey_check_answers", args=[flow.slug])


def _please_check_url(flow: Flow, key: str) -> str:
    return reverse("reporting:journey_please_check", args=[flow.slug, key])


def _where_next(flow: Flow, state: JourneyState, *, change: bool) -> str:
    """The first page still to answer; else answers to check with the person (Flow.checks);
    else check your answers."""
    page = flow.first_unfinished(state)
    if page is not None:
        return _page_url(flow, page, change=change)
    check = flow.pending_check(state)
    return _please_check_url(flow, check.key) if check else _check_answers_url(flow)


# --- pages ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def journey_page(request, slug: str, page_slug: str):
    journey, flow = _journey_with_flow(slug)
    page = flow.page(page_slug)
    if page is None:
        raise Http404
    draft = _session_draft(request, slug)
    state = JourneyState.from_dict(draft.state if draft else None)
    change = request.GET.get("change") == "1"
    if not flow.can_visit(page, state):
        return redirect(_where_next(flow, state, change=change))
    voice = flow.voice(state)

    if request.method == "POST":
        if page.terminal:
            return redirect(_page_url(flow, page))
        form = page_form(page, voice, data=request.POST)
        saving = request.POST.get("action") == SAVE
        valid = form.is_valid()
        if valid:
            # Saving to come back later keeps the answers but leaves the page to come back to.
            state.record(page, form.cleaned_data, finished=not (saving and page.asks))
        else:
            state.keep_unsaved(page, raw_input(page, request.POST))
        draft = services.draft_save(draft=draft, journey=slug, state=state)
        _remember_draft(request, draft)
        if saving:
            return _save_page(request, journey, draft)
        if valid:
            following = flow.next_page(page, state)
            if change or following is None:
                return redirect(_where_next(flow, state, change=change))
            return redirect(_page_url(flow, following))
    elif page.slug in state.unsaved:
        # What was typed last time did not validate: show it again, with its errors.
        form = page_form(page, voice, data=rebind(state.unsaved[page.slug]))
        form.is_valid()
    else:
        form = page_form(page, voice, initial={q.name: state.answers.get(q.name) for q in page.questions})

    previous = flow.previous_page(page, state)
    if change:
        back_url = _check_answers_url(flow)
    elif previous is not None:
        back_url = _page_url(flow, previous)
    else:
        back_url = reverse("reporting:journey_start", args=[slug])
    context = {
        "journey": journey,
        "page": page,
        "form": form,
        "heading": voice.say(page.title) or voice.say(page.questions[0].label),
        "warning": voice.say(page.warning),
        "body": [voice.say(paragraph) for paragraph in page.body],
        "why": voice.say(page.why),
        "continue_label": voice.say(page.continue_label),
        "progress": flow.progress(page, state),
        # Whether the report is for someone else: an advice template speaks about them.
        "them": voice.them,
        "back_url": back_url,
        "change": change,
        **(page.context(voice.answers) if page.context else {}),
    }
    return render(request, page.template, context)


@require_http_methods(["GET", "HEAD", "POST"])
def journey_please_check(request, slug: str, key: str):
    """Answers that seem not to fit together (engine.checks), queried before check your
    answers: go back and change one, or carry on with them as they are."""
    journey, flow = _journey_with_flow(slug)
    check = flow.check(key)
    if check is None:
        raise Http404
    draft = _session_draft(request, slug)
    state = JourneyState.from_dict(draft.state if draft else None)
    if draft is None or not flow.is_finished(state) or flow.pending_check(state) != check:
        return redirect(_where_next(flow, state, change=False))
    voice = flow.voice(state)
    page, target = please_check_page(check), flow.page(check.page)
    form = page_form(page, voice, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data[CHOICE] == CHANGE:
            return redirect(_page_url(flow, target, change=True))
        state.confirm(check, voice.answers)
        services.draft_save(draft=draft, journey=slug, state=state)
        return redirect(_where_next(flow, state, change=False))
    shown = flow.shown(state)
    context = {
        "journey": journey,
        "page": page,
        "form": form,
        "heading": voice.say(page.title),
        "body": [voice.say(check.message)],
        "rows": [row for section in flow.summary(state) for row in section.rows if row.question.name in check.reads],
        "continue_label": voice.say(page.continue_label),
        "progress": flow.progress(target, state),
        "back_url": _page_url(flow, shown[-1]) if shown else _check_answers_url(flow),
        "change": False,
    }
    return render(request, page.template, context)


def _save_page(request: HttpRequest, journey: Journey, draft: Draft, *, new_code: bool = False) -> HttpResponse:
    """Shows a new return code once, in this response: it is never stored anywhere we can
    read it again. A draft that already has a code keeps it unless a new one is asked for."""
    code = None
    if new_code or not draft.return_code_hash:
        code = services.draft_return_code_issue(draft=draft)
    return render(
        request,
        "reporting/journey/save.html",
        {"journey": journey, "draft": draft, "code": code, "resume_url": _where_next_for(journey, draft)},
    )


def _where_next_for(journey: Journey, draft: Draft) -> str:
    return _where_next(journey.flow, JourneyState.from_dict(draft.state), change=False)


@require_http_methods(["POST"])
def journey_save(request, slug: str):
    """ "Get a new code" from the save page, for someone who has lost theirs."""
    journey, _flow = _journey_with_flow(slug)
    draft = _session_draft(request, slug)
    if draft is None:
        return redirect("reporting:journey_start", slug)
    return _save_page(request, journey, draft, new_code=True)


@require_http_methods(["GET", "HEAD", "POST"])
def journey_resume(request, slug: str):
    journey, _flow = _journey_with_flow(slug)
    form = ReturnCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_resume(code=form.cleaned_data["code"], client=client_address(request))
        except services.ReturnCodesLimited as limited:
            # Too many wrong codes from this client: it belongs on the form.
            form.add_error("code", ReturnCodeForm.too_many(limited.retry_after))
        else:
            if draft is None:
                form.add_error("code", ReturnCodeForm.NOT_FOUND)
            else:
                # A fresh session key, so whoever held the old one cannot follow into the draft.
                request.session.cycle_key()
                _remember_draft(request, draft)
                return redirect(_where_next_for(JOURNEYS[draft.journey], draft))
    return render(request, "reporting/journey/resume.html", {"journey": journey, "form": form})


# --- check your answers, sending, and the confirmation ---------------------------------

# Refusals that mean "not now", not "not this": the person is told it was not sent.
_NOT_SENDABLE_NOW = frozenset({"force_missing", "not_routed"})


@require_http_methods(["GET", "HEAD", "POST"])
def journey_check_answers(request, slug: str):
    journey, flow = _journey_with_flow(slug)
    draft = _session_draft(request, slug)
    if draft is None:
        # After sending, Back and Send again land here: show the report already made.
        report = selectors.report_for_submission_key(request.POST.get("submission_key", ""))
        if report is not None and report.report_type == slug:
            request.session[_sent_key(slug)] = str(report.pk)
            # The first POST's code may be lost under this one's session (followup.code_once).
            code_once.code_keep(request, report, None)
            return redirect("reporting:journey_sent", slug)
        if _sent_report(request, slug) is not None:
            return redirect("reporting:journey_sent", slug)
        return redirect("reporting:journey_start", slug)
    state = JourneyState.from_dict(draft.state)
    if not flow.is_finished(state) or flow.pending_check(state):
        return redirect(_where_next(flow, state, change=False))

    # not_sent: certainly not sent (refused before the transaction). send_uncertain: a database
    # error, which may have come as the transaction committed: the report may be sent, and
    # sending again with the same submission key returns it rather than making a second.
    not_sent = send_uncertain = False
    if request.method == "POST":
        # A refusal (not ready, or a form from another draft) goes back to what is left to do.
        refuse_to(request, _where_next(flow, state, change=False))
        try:
            report = services.report_submit(draft=draft, submission_key=request.POST.get("submission_key", ""))
        except DatabaseError:
            # Usually rolled back with the draft as it was, but an error while committing
            # leaves it unknown whether the report was kept: never say it was not sent.
            send_uncertain = True
        except Refused as refusal:
            if refusal.reason not in _NOT_SENDABLE_NOW:
                raise
            # No force can take it now (the operator is told in the log). A redirect would
            # say nothing (public pages show no messages): say plainly it was not sent.
            not_sent = True
        else:
            # Only a convenience: if the session cannot be saved now, the marker the draft
            # left still leads the session's draft key to the confirmation.
            request.session.pop(_draft_key(slug), None)
            request.session[_sent_key(slug)] = str(report.pk)
            code_once.code_keep(request, report, getattr(report, "issued_code", None))
            return redirect("reporting:journey_sent", slug)

    decision = flow.routing(flow.answers(state))
    return render(
        request,
        "reporting/journey/check_answers.html",
        {
            "journey": journey,
            "summary": flow.summary(state),
            "submission_key": draft.submission_key,
            "force_name": _force_name(decision.force_code if decision else None),
            "not_sent": not_sent,
            "send_uncertain": send_uncertain,
            "change_query": urlencode({"change": "1"}),
            # Back goes to the last question answered, not to the start.
            "back_url": _page_url(flow, flow.shown(state)[-1]),
        },
        status=503 if not_sent or send_uncertain else 200,
    )


def _force_name(code: str | None) -> str:
    force = routing.forces().get(code) if code else None
    return force.name if force else ""


def _sent_report(request: HttpRequest, slug: str) -> Report | None:
    """The report this session sent: from the marker its draft left (there when the session
    could not be saved after sending, and the newest), or else from the session's sent key."""
    return selectors.report_sent_from_draft(
        draft_id=request.session.get(_draft_key(slug)), journey=slug
    ) or selectors.report_for_confirmation(report_id=request.session.get(_sent_key(slug)), journey=slug)


@require_safe
def journey_sent(request, slug: str):
    journey, _flow = _journey_with_flow(slug)
    # Found by the sent draft's marker: the session's save failed after the commit.
    from_draft = selectors.report_sent_from_draft(draft_id=request.session.get(_draft_key(slug)), journey=slug)
    report = from_draft or selectors.report_for_confirmation(
        report_id=request.session.get(_sent_key(slug)), journey=slug
    )
    if report is None:
        return redirect("reporting:journey_start", slug)
    # Every promise on the page is read from the report: its clocks, its answers.
    promises = confirmation.confirmation_for(journey, report, selectors.report_clocks(report))
    # The follow-up code, once: taken from the session as it is shown, or issued afresh when
    # the session lost it on the way (followup.code_once).
    code = code_once.code_for_confirmation(request, report, from_sent_draft=from_draft is not None)
    context = {"journey": journey, "report": report, "promises": promises}
    context.update(follow_up_code=code.code, follow_up_code_shown_before=code.shown_before)
    return render(request, "reporting/journey/sent.html", context)


@require_safe
def journey_copy(request, slug: str):
    """A copy of the answers as a PDF, for the session that sent the report, when the person
    said a copy is safe to keep and asked for a file. Made from the report on each request
    and never stored; nothing in it is logged."""
    journey, _flow = _journey_with_flow(slug)
    # The same sent marker as the confirmation page: another session finds no report.
    report = _sent_report(request, slug)
    if report is None or not confirmation.copy_as_file_wanted(report.answers["values"]):
        raise Http404
    context = {"journey": journey, "report": report, "sections": confirmation.copy_sections(report)}
    html = render_to_string("reporting/journey/copy.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="report-{report.reference}.pdf"'
    response["Cache-Control"] = "no-store, max-age=0"
    return response
