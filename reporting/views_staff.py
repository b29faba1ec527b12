"""The force staff's views: the triage queue, a report, its case file, transfers, the audit
trail and the supervisors' dashboard.

Thin on purpose: every read goes through a selector scoped to the member of staff's force,
every change through a service that checks the rules and writes the audit event. A report
in another force, or one that does not exist, is a 404 either way. Two-factor sign-in is
enforced for all of /staff/ by portal.middleware before any of this runs.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import engines
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.charts import Bar, bar_chart_svg
from portal.pdf import render_pdf

from . import priority, selectors, services, triage
from .forms_staff import (
    THRIVE_HINTS,
    THRIVE_LABELS,
    AccessReasonForm,
    AssignForm,
    GradeForm,
    NoteForm,
    SearchForm,
    StatusForm,
    ThriveForm,
    TransferAcceptForm,
    TransferForm,
    TransferRejectForm,
)
from .journeys import JOURNEYS
from .models import Report, ReportActivity, StaffMember, ThriveAssessment
from .services import TriageRefused
from .staff.guard import (
    FORM,
    POST,
    access_grant,
    access_reason,
    ask_reason,
    forbidden,
    report_url,
    staff_view,
)

Role = StaffMember.Role
EXPORT_LIMIT = 10_000
_forbidden = forbidden
_report_url = report_url


def _refused(request, refusal: TriageRefused, report: Report):
    messages.error(request, refusal.message)
    return redirect(_report_url(report))


def _type_label(report_type: str) -> str:
    if report_type in triage.TYPE_LABELS:
        return str(triage.TYPE_LABELS[report_type])
    journey = JOURNEYS.get(report_type)
    return str(journey.title) if journey else report_type


def _type_choices() -> list[tuple[str, str]]:
    return [(slug, _type_label(slug)) for slug in JOURNEYS]


# --- The queue ------------------------------------------------------------------------------


def _queue_filter(request, member: StaffMember) -> selectors.QueueFilter:
    status = request.GET.get("status") or Report.Status.NEW
    allowed = set(Report.Status.values) | ({selectors.INCOMING} if member.role in triage.SUPERVISORS else set())
    if status not in allowed:
        status = Report.Status.NEW
    report_type = request.GET.get("type") or ""
    if report_type not in JOURNEYS:
        report_type = ""
    return selectors.QueueFilter(status=status, report_type=report_type, mine=request.GET.get("mine") == "1")


def _queue_query(queue: selectors.QueueFilter, **extra) -> str:
    params = {"status": queue.status}
    if queue.report_type:
        params["type"] = queue.report_type
    if queue.mine:
        params["mine"] = "1"
    params.update(extra)
    return urlencode(params)


@staff_view()
def queue(request, member):
    chosen = _queue_filter(request, member)
    page = selectors.queue_page(member, chosen, after=request.GET.get("after"), before=request.GET.get("before"))
    counts = selectors.queue_counts(member, report_type=chosen.report_type)
    tabs = [(status, Report.Status(status).label, counts.get(status)) for status in triage.OPEN_STATUSES]
    tabs.append((Report.Status.CLOSED, Report.Status.CLOSED.label, None))
    if member.role in triage.SUPERVISORS:
        tabs.append((selectors.INCOMING, _("Transfers to us"), counts.get(selectors.INCOMING)))
    tabs = [
        {"status": status, "label": label, "count": count, "query": _queue_query(chosen, status=status)}
        for status, label, count in tabs
    ]
    return render(
        request,
        "reporting/staff/queue.html",
        {
            "member": member,
            "chosen": chosen,
            "tabs": tabs,
            "page": page,
            "types": _type_choices(),
            "type_labels": dict(_type_choices()),
            "status_colours": triage.STATUS_TAG_COLOURS,
            "can_claim": member.role in triage.WORKERS,
            "can_export": member.role in triage.OVERSIGHT,
            "next_query": _queue_query(chosen, after=page.next_cursor) if page.next_cursor else "",
            "previous_query": _queue_query(chosen, before=page.previous_cursor) if page.previous_cursor else "",
            "filter_query": _queue_query(chosen),
            "search_form": SearchForm(),
        },
    )


@staff_view(triage.WORKERS, methods=POST)
def claim_next(request, member):
    report = services.report_claim_next(member=member)
    if report is None:
        messages.success(request, _("There are no unclaimed new reports."))
        return redirect("reporting:staff_queue")
    messages.success(request, _("Report %(reference)s is now assigned to you.") % {"reference": report.reference})
    return redirect(_report_url(report))


def _csv_cell(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@staff_view(triage.OVERSIGHT)
def queue_export(request, member):
    """The rows of one queue tab as CSV: references, types, statuses, priorities and dates,
    never anything the person wrote. Recorded in the audit trail."""
    chosen = _queue_filter(request, member)
    rows = selectors.queue_export_rows(member, chosen, limit=EXPORT_LIMIT)
    services.queue_export_record(member=member, description=_queue_query(chosen), count=len(rows))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="queue-{member.force.code}-{chosen.status}.csv"'
    writer = csv.writer(response)
    writer.writerow(["reference", "type", "status", "priority", "submitted_at", "assigned_to", "grade"])
    for report in rows:
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    report.reference,
                    report.report_type,
                    report.status,
                    report.priority,
                    report.submitted_at.isoformat(),
                    report.assigned_to.username if report.assigned_to else "",
                    report.grade.code if report.grade else "",
                )
            ]
        )
    return response


@staff_view()
def search(request, member):
    form = SearchForm(request.GET)
    reference = form.data.get("reference", "") if form.is_valid() else ""
    report = selectors.report_for_staff(member, reference) if reference else None
    if reference:
        services.report_search_record(
            member=member, reference=selectors.normalise_reference(reference), found=bool(report)
        )
    if report is not None:
        return redirect(_report_url(report))
    return render(request, "reporting/staff/search.html", {"form": form, "reference": reference}, status=200)


# --- Reading a report: a reason first, then every read recorded ------------------------------


_access_reason = access_reason
_ask_reason = ask_reason


@staff_view(methods=FORM)
def report_reason(request, member, report):
    form = AccessReasonForm(request.POST or None)
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target.startswith(_report_url(report)) or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = _report_url(report)
    if request.method == "POST" and form.is_valid():
        access_grant(request, report, form.reason_text())
        return redirect(target)
    return render(
        request,
        "reporting/staff/reason.html",
        {"form": form, "report": report, "next": target, "type_label": _type_label(report.report_type)},
    )


def _activity_rows(activities: list[ReportActivity]) -> list[dict]:
    labels = dict(Report.Status.choices)
    outcomes = dict(Report.Outcome.choices)
    rows = []
    for activity in activities:
        data = activity.data or {}
        detail = ""
        if activity.kind == ReportActivity.Kind.STATUS_CHANGED:
            detail = _("From %(before)s to %(after)s") % {
                "before": labels.get(data.get("from"), data.get("from")),
                "after": labels.get(data.get("to"), data.get("to")),
            }
            if data.get("outcome"):
                detail += " (" + str(outcomes.get(data["outcome"], data["outcome"])) + ")"
        elif activity.kind == ReportActivity.Kind.ASSIGNED:
            detail = _("To %(name)s") % {"name": data.get("to_name", "")}
        elif activity.kind == ReportActivity.Kind.GRADED:
            detail = data.get("grade_label", data.get("grade", ""))
        elif activity.kind in (ReportActivity.Kind.TRANSFER_REQUESTED,):
            detail = _("To %(force)s") % {"force": data.get("to_name", data.get("to", ""))}
        elif activity.kind == ReportActivity.Kind.CLOCK_MET:
            detail = data.get("milestone_label", data.get("milestone", ""))
        rows.append(
            {
                "activity": activity,
                "label": activity.get_kind_display(),
                "detail": detail,
                "text": activity.text or "",
                "by": activity.actor.get_full_name() or activity.actor.username,
            }
        )
    return rows


def _referrals_available() -> bool:
    """The support app's tag for a report's referrals, when it is installed."""
    return "referrals" in engines["django"].engine.template_libraries


def report_context(member: StaffMember, report: Report, *, now=None) -> dict:
    """Everything the report view and the case file show. Reads the encrypted answers."""
    now = now or timezone.now()
    answers = report.answers or {}
    values = answers.get("values", {})
    clocks = selectors.report_clocks(report)
    thrive = selectors.report_current_thrive(report)
    forces = selectors.force_names()
    return {
        "member": member,
        "report": report,
        "type_label": _type_label(report.report_type),
        "status_colour": triage.STATUS_TAG_COLOURS.get(report.status, "grey"),
        "band": priority.band(report.priority),
        "reasons": [priority.reason_label(code) for code in report.priority_reasons or []],
        "safe_contact": triage.safe_contact(report.report_type, values),
        "sections": triage.answers_as_given(answers),
        "routing": triage.routing_rows(report.routing, forces),
        "clocks": [
            triage.clock_state(
                report_type=report.report_type, milestone=c.milestone, due_at=c.due_at, met_at=c.met_at, now=now
            )
            for c in clocks
        ],
        "thrive": thrive,
        "thrive_rows": [
            {
                "name": name,
                "label": THRIVE_LABELS[name],
                "level": dict(ThriveAssessment.Level.choices).get(thrive.factors[name]["level"]),
                "level_code": thrive.factors[name]["level"],
                "note": thrive.factors[name]["note"],
            }
            for name in services.THRIVE_FACTORS
        ]
        if thrive
        else [],
        "activities": _activity_rows(selectors.report_activities(report)),
        "transfer": selectors.report_pending_transfer(report) if report.transfer_to_id else None,
        "age": triage.duration_words(now - report.submitted_at),
        "now": now,
    }


@staff_view()
def report_view(request, member, report):
    reason = _access_reason(request, member, report)
    if reason is None:
        return _ask_reason(request, report)
    with transaction.atomic():
        services.report_access_record(member=member, report=report, action="report.view", reason=reason)
        context = report_context(member, report)
    context.update(
        {
            "reason": reason,
            "can_work": triage.can_work(member, report),
            "can_claim": triage.can_claim(member, report),
            "can_assign": triage.can_assign(member, report),
            "can_decide_transfer": triage.can_decide_transfer(member, report),
            "can_review_audit": member.role in triage.OVERSIGHT and report.force_id == member.force_id,
            "transfer_pending_here": report.transfer_to_id is not None and report.force_id == member.force_id,
            "referrals_available": _referrals_available(),
        }
    )
    return render(request, "reporting/staff/report.html", context)


def case_file_html(request, member: StaffMember, report: Report, *, reason: str, now) -> str:
    """The case file as HTML for WeasyPrint, recording the export in the same transaction."""
    with transaction.atomic():
        services.report_access_record(member=member, report=report, action="report.pdf", reason=reason)
        context = report_context(member, report, now=now)
        context["audit"] = selectors.report_audit_summary(report)
    context.update({"exported_by": member.user.get_full_name() or member.user.username, "exported_at": now})
    return render(request, "reporting/staff/case_file.html", context).content.decode()


@staff_view()
def case_file(request, member, report):
    """The report as a PDF, with who exported it and when on every page."""
    reason = _access_reason(request, member, report)
    if reason is None:
        return _ask_reason(request, report)
    html = case_file_html(request, member, report, reason=reason, now=timezone.now())
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-file-{report.reference}.pdf"'
    return response


# --- Working a report ------------------------------------------------------------------------


@staff_view(triage.WORKERS, methods=POST)
def report_claim(request, member, report):
    try:
        services.report_claim(member=member, report=report)
    except TriageRefused as refusal:
        if report.force_id != member.force_id:
            raise Http404 from refusal
        messages.error(request, refusal.message)
        if request.POST.get("from") == "queue":
            return redirect("reporting:staff_queue")
        return redirect(_report_url(report))
    messages.success(request, _("Report %(reference)s is now assigned to you.") % {"reference": report.reference})
    return redirect(_report_url(report))


@staff_view(triage.WORKERS, methods=POST)
def report_release(request, member, report):
    try:
        services.report_release(member=member, report=report)
    except TriageRefused as refusal:
        return _refused(request, refusal, report)
    messages.success(request, _("The report is back in the queue."))
    return redirect("reporting:staff_queue")


def _form_page(request, member, report, *, form, title, template="reporting/staff/action.html", extra=None):
    return render(
        request,
        template,
        {
            "form": form,
            "report": report,
            "title": title,
            "type_label": _type_label(report.report_type),
            **(extra or {}),
        },
    )


def _work_action(view):
    """A page that changes a report: the report must be visible, and the member of staff
    must be allowed to work it (assigned to them, or a supervisor)."""

    @wraps(view)
    def wrapped(request, member, report):
        if not triage.can_work(member, report):
            if report.transfer_to_id is not None and report.force_id == member.force_id:
                messages.error(
                    request, _("This report is waiting for another force to accept it, so it cannot be changed.")
                )
                return redirect(_report_url(report))
            return _forbidden(request)
        return view(request, member, report)

    return wrapped


@staff_view(triage.WORKERS, methods=FORM)
@_work_action
def report_grade(request, member, report):
    grades = selectors.force_grades(report.force_id)
    form = GradeForm(
        request.POST or None, grades=grades, initial={"grade": str(report.grade_id) if report.grade_id else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_grade(
                member=member, report=report, grade=form.chosen_grade(), rationale=form.cleaned_data["rationale"]
            )
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, _("Grade saved."))
        return redirect(_report_url(report))
    return _form_page(
        request,
        member,
        report,
        form=form,
        title=_("Grade this report"),
        template="reporting/staff/grade.html",
        extra={"grades": grades},
    )


@staff_view(triage.WORKERS, methods=FORM)
@_work_action
def report_thrive(request, member, report):
    current = selectors.report_current_thrive(report)
    initial = {f"{name}_level": current.factors[name]["level"] for name in services.THRIVE_FACTORS} if current else {}
    form = ThriveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.thrive_assessment_save(member=member, report=report, factors=form.factors())
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, _("THRIVE assessment saved."))
        return redirect(_report_url(report))
    return _form_page(
        request,
        member,
        report,
        form=form,
        title=_("THRIVE assessment"),
        template="reporting/staff/thrive.html",
        extra={"hints": THRIVE_HINTS},
    )


@staff_view(triage.WORKERS, methods=FORM)
@_work_action
def report_note(request, member, report):
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_note_add(member=member, report=report, text=form.cleaned_data["text"])
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, _("Note added."))
        return redirect(_report_url(report) + "#notes")
    return _form_page(request, member, report, form=form, title=_("Add a note"))


@staff_view(triage.WORKERS, methods=FORM)
@_work_action
def report_status(request, member, report):
    form = StatusForm(request.POST or None, current=report.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_status_change(
                member=member,
                report=report,
                status=form.cleaned_data["status"],
                outcome=form.cleaned_data.get("outcome") or "",
                note=form.cleaned_data.get("note") or "",
            )
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, _("Status changed."))
        return redirect(_report_url(report))
    return _form_page(request, member, report, form=form, title=_("Change the status"))


@staff_view(triage.WORKERS, methods=POST)
@_work_action
def report_clock_met(request, member, report):
    try:
        services.report_clock_meet(member=member, report=report, milestone=request.POST.get("milestone", ""))
    except TriageRefused as refusal:
        return _refused(request, refusal, report)
    messages.success(request, _("Milestone marked as met."))
    return redirect(_report_url(report))


@staff_view(triage.SUPERVISORS, methods=FORM)
def report_assign(request, member, report):
    if not triage.can_assign(member, report):
        return _forbidden(request)
    form = AssignForm(
        request.POST or None,
        workers=selectors.force_workers(member),
        initial={"assignee": str(report.assigned_to_id or "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_assign(member=member, report=report, assignee=form.chosen())
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, _("Report assigned."))
        return redirect(_report_url(report))
    return _form_page(request, member, report, form=form, title=_("Assign this report"))


@staff_view(triage.WORKERS, methods=FORM)
@_work_action
def report_transfer(request, member, report):
    form = TransferForm(request.POST or None, forces=selectors.transfer_destinations(member))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_transfer_request(
                member=member, report=report, to_force=form.chosen_force(), reason=form.cleaned_data["reason"]
            )
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(
            request, _("Transfer requested. The report stays here, read-only, until the force accepts it.")
        )
        return redirect(_report_url(report))
    return _form_page(request, member, report, form=form, title=_("Transfer to another force"))


def _transfer_decision(request, member, report, *, form_class, title, decide, done):
    if not triage.can_decide_transfer(member, report):
        return _forbidden(request)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decide(report, form.cleaned_data)
        except TriageRefused as refusal:
            return _refused(request, refusal, report)
        messages.success(request, done)
        return redirect("reporting:staff_queue")
    return _form_page(request, member, report, form=form, title=title)


@staff_view(triage.SUPERVISORS, methods=FORM)
def report_transfer_accept(request, member, report):
    return _transfer_decision(
        request,
        member,
        report,
        form_class=TransferAcceptForm,
        title=_("Accept this transfer"),
        decide=lambda report, data: services.report_transfer_accept(
            member=member, report=report, receiving_reference=data.get("receiving_reference") or ""
        ),
        done=_("Transfer accepted. The report is now in your force's queue as new."),
    )


@staff_view(triage.SUPERVISORS, methods=FORM)
def report_transfer_reject(request, member, report):
    return _transfer_decision(
        request,
        member,
        report,
        form_class=TransferRejectForm,
        title=_("Reject this transfer"),
        decide=lambda report, data: services.report_transfer_reject(
            member=member, report=report, reason=data["reason"]
        ),
        done=_("Transfer rejected. The sending force has the report back."),
    )


# --- The audit trail, for supervisors ------------------------------------------------------------


@staff_view(triage.OVERSIGHT)
def report_audit(request, member, report):
    if report.force_id != member.force_id:
        raise Http404
    return render(
        request,
        "reporting/staff/audit_report.html",
        {"report": report, "events": selectors.report_audit_events(report), "limit": selectors.AUDIT_LIMIT},
    )


@staff_view(triage.OVERSIGHT)
def staff_audit_list(request, member):
    return render(request, "reporting/staff/audit_staff_list.html", {"staff": selectors.force_staff(member)})


@staff_view(triage.OVERSIGHT)
def staff_audit(request, member, staff):
    return render(
        request,
        "reporting/staff/audit_staff.html",
        {"staff": staff, "events": selectors.staff_audit_events(member, staff), "limit": selectors.AUDIT_LIMIT},
    )


# --- The dashboard ---------------------------------------------------------------------------------


@staff_view(triage.OVERSIGHT)
def dashboard(request, member):
    figures = selectors.dashboard(member)
    statuses = [(status, Report.Status(status).label) for status in triage.OPEN_STATUSES]
    type_labels = dict(_type_choices())
    status_bars = [Bar(str(label), figures.by_status[status]) for status, label in statuses]
    arrival_bars = [Bar(date_format(day, "j M"), count) for day, count in figures.arrivals]
    # bar_chart_svg escapes every label and title itself; nothing typed by a victim reaches it.
    status_chart = mark_safe(  # noqa: S308
        bar_chart_svg(
            status_bars,
            title=_("Open reports by status"),
            description=_("Bar chart of open reports by status. The same numbers are in the table beside it."),
            chart_id="chart-status",
        )
    )
    arrivals_chart = mark_safe(  # noqa: S308
        bar_chart_svg(
            arrival_bars,
            title=_("Reports arriving each day, last 30 days"),
            description=_("Bar chart of reports arriving each day. The same numbers are in the table beside it."),
            chart_id="chart-arrivals",
        )
    )
    type_rows = [
        {
            "label": type_labels.get(report_type, report_type),
            "counts": [counts.get(status, 0) for status, _label in statuses],
            "closed": counts.get("closed_recently", 0),
        }
        for report_type, counts in sorted(figures.by_type.items())
    ]
    now = timezone.now()
    return render(
        request,
        "reporting/staff/dashboard.html",
        {
            "member": member,
            "figures": figures,
            "statuses": statuses,
            "status_rows": [(label, figures.by_status[status]) for status, label in statuses],
            "type_rows": type_rows,
            "status_chart": status_chart,
            "arrivals_chart": arrivals_chart,
            "open_total": sum(figures.by_status.values()),
            "oldest": [
                {
                    "report": report,
                    "type_label": type_labels.get(report.report_type, report.report_type),
                    "age": triage.duration_words(now - report.submitted_at),
                }
                for report in figures.oldest_waiting
            ],
            "breaches": [
                {
                    "clock": clock,
                    "state": triage.clock_state(
                        report_type=clock.report.report_type,
                        milestone=clock.milestone,
                        due_at=clock.due_at,
                        met_at=None,
                        now=now,
                    ),
                }
                for clock in figures.breaches
            ],
            "type_labels": type_labels,
        },
    )
