"""Working a report: claiming and releasing it, assigning it, grading it, the THRIVE
assessment, notes, its status and its service-level milestones.

Each change is one service call; a refusal goes back to the report page with its message.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.refusals import refuse_to
from reporting import selectors, services, triage

from ..forms import THRIVE_HINTS, AssignForm, GradeForm, NoteForm, StatusForm, ThriveForm
from ..guard import FORM, POST, report_url, staff_view
from ._changes import form_action, working_only


@staff_view(triage.WORKERS, methods=POST)
def report_claim(request, member, report):
    if report.force_id != member.force_id:
        # Another force's report is visible only while it decides on a transfer: nobody
        # here may claim it, and to them it is not there.
        raise Http404
    from_queue = request.POST.get("from") == "queue"
    refuse_to(request, reverse("reporting:staff_queue") if from_queue else report_url(report))
    services.report_claim(member=member, report=report)
    messages.success(request, _("Report %(reference)s is now assigned to you.") % {"reference": report.reference})
    return redirect(report_url(report))


@staff_view(triage.WORKERS, methods=POST)
def report_release(request, member, report):
    refuse_to(request, report_url(report))
    services.report_release(member=member, report=report)
    messages.success(request, _("The report is back in the queue."))
    return redirect("reporting:staff_queue")


@staff_view(triage.SUPERVISORS, methods=FORM, permission=triage.can_assign)
def report_assign(request, member, report):
    form = AssignForm(
        request.POST or None,
        workers=selectors.force_workers(member),
        initial={"assignee": str(report.assigned_to_id or "")},
    )
    return form_action(
        request,
        report,
        form=form,
        act=lambda form: services.report_assign(member=member, report=report, assignee=form.chosen()),
        done=_("Report assigned."),
        title=_("Assign this report"),
    )


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_grade(request, member, report):
    grades = selectors.force_grades(report.force_id)
    form = GradeForm(
        request.POST or None, grades=grades, initial={"grade": str(report.grade_id) if report.grade_id else None}
    )
    return form_action(
        request,
        report,
        form=form,
        act=lambda form: services.report_grade(
            member=member, report=report, grade=form.chosen_grade(), rationale=form.cleaned_data["rationale"]
        ),
        done=_("Grade saved."),
        title=_("Grade this report"),
        template="reporting/staff/grade.html",
        extra={"grades": grades},
    )


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_thrive(request, member, report):
    current = selectors.report_current_thrive(report)
    initial = {f"{name}_level": current.factors[name]["level"] for name in triage.THRIVE_FACTORS} if current else {}
    return form_action(
        request,
        report,
        form=ThriveForm(request.POST or None, initial=initial),
        act=lambda form: services.thrive_assessment_save(member=member, report=report, factors=form.factors()),
        done=_("THRIVE assessment saved."),
        title=_("THRIVE assessment"),
        template="reporting/staff/thrive.html",
        extra={"hints": THRIVE_HINTS},
    )


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_note(request, member, report):
    return form_action(
        request,
        report,
        form=NoteForm(request.POST or None),
        act=lambda form: services.report_note_add(member=member, report=report, text=form.cleaned_data["text"]),
        done=_("Note added."),
        title=_("Add a note"),
        then=report_url(report) + "#notes",
    )


@staff_view(triage.WORKERS, methods=FORM)
@working_only
def report_status(request, member, report):
    return form_action(
        request,
        report,
        form=StatusForm(request.POST or None, current=report.status),
        act=lambda form: services.report_status_change(
            member=member,
            report=report,
            status=form.cleaned_data["status"],
            outcome=form.cleaned_data.get("outcome") or "",
            note=form.cleaned_data.get("note") or "",
        ),
        done=_("Status changed."),
        title=_("Change the status"),
    )


@staff_view(triage.WORKERS, methods=POST)
@working_only
def report_clock_met(request, member, report):
    refuse_to(request, report_url(report))
    services.report_clock_meet(member=member, report=report, milestone=request.POST.get("milestone", ""))
    messages.success(request, _("Milestone marked as met."))
    return redirect(report_url(report))
