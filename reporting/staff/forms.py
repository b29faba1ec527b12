"""Forms the force staff fill in while working reports: all GOV.UK markup, all plain text.

The THRIVE factors' labels and hints live here too: they are the wording of the THRIVE form,
which the report page and the case file reuse for their THRIVE tables.
"""

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.form_rendering import Display
from portal.forms import GDSForm
from reporting.models import Report, ThriveAssessment
from reporting.triage import ACCESS_REASONS, THRIVE_FACTORS, TRANSITIONS

NOTE_LIMIT = 5_000
REASON_LIMIT = 1_000


def _text(label, *, required=None, hint=None, limit=REASON_LIMIT, rows=4):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required is not None,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required or "",
            "max_length": _("Keep it to %(limit_value)d characters or fewer"),
            "null_characters_not_allowed": _("Remove the hidden characters"),
        },
    )


class AccessReasonForm(GDSForm):
    """Why a member of staff opens a report not assigned to them (DPA 2018 s.62)."""

    submit_label = _("Open the report")
    reason = forms.ChoiceField(
        label=_("Why are you opening this report?"),
        help_text=_("It is not assigned to you. Your reason is recorded with your name and the time."),
        choices=ACCESS_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you are opening this report")},
    )
    detail = _text(_("More detail (optional, required for 'Another reason')"), rows=3)

    displays: ClassVar[dict[str, Display]] = {"reason": Display(size="m"), "detail": Display(rows=3)}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "other" and not (cleaned.get("detail") or "").strip():
            self.add_error("detail", _("Enter the reason"))
        return cleaned

    def reason_text(self) -> str:
        label = str(dict(ACCESS_REASONS)[self.cleaned_data["reason"]])
        detail = (self.cleaned_data.get("detail") or "").strip()
        return f"{label}: {detail}" if detail else label


class GradeForm(GDSForm):
    submit_label = _("Save grade")
    grade = forms.ChoiceField(
        label=_("Grade"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a grade")},
    )
    rationale = _text(_("Why this grade?"), required=_("Enter why you chose this grade"))

    def __init__(self, *args, grades=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.grades = {str(grade.pk): grade for grade in grades}
        self.fields["grade"].choices = [(str(grade.pk), grade.label) for grade in grades]

    displays: ClassVar[dict[str, Display]] = {"grade": Display(size="m"), "rationale": Display(rows=4)}

    def chosen_grade(self):
        return self.grades[self.cleaned_data["grade"]]


THRIVE_LABELS = {
    "threat": _("Threat"),
    "harm": _("Harm"),
    "risk": _("Risk"),
    "investigation": _("Investigation"),
    "vulnerability": _("Vulnerability"),
    "engagement": _("Engagement"),
}
THRIVE_HINTS = {
    "threat": _("Who or what poses a threat, where and when."),
    "harm": _("What harm has been done, or could be done."),
    "risk": _("How likely more harm is before the police act."),
    "investigation": _("Evidence or opportunities that could be lost."),
    "vulnerability": _("What makes the person more vulnerable."),
    "engagement": _("What response and contact this needs."),
}


class ThriveForm(GDSForm):
    """Six factors, each a level and a note."""

    submit_label = _("Save assessment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in THRIVE_FACTORS:
            self.fields[f"{name}_level"] = forms.ChoiceField(
                label=_("Level"),
                help_text=THRIVE_HINTS[name],
                choices=ThriveAssessment.Level.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select a level for %(factor)s") % {"factor": THRIVE_LABELS[name]}},
            )
            self.fields[f"{name}_level"].display = Display(size="s", inline=True)
            self.fields[f"{name}_note"] = _text(_("Note"), rows=3)
            self.fields[f"{name}_note"].display = Display(rows=3)

    def groups(self):
        """Each factor's level and note in a fieldset named after the factor."""
        return [
            (THRIVE_LABELS[name], [self[f"{name}_level"], self[f"{name}_note"]])
            for name in THRIVE_FACTORS
            if f"{name}_level" in self.fields
        ]

    def factors(self) -> dict[str, dict[str, str]]:
        return {
            name: {"level": self.cleaned_data[f"{name}_level"], "note": self.cleaned_data.get(f"{name}_note") or ""}
            for name in THRIVE_FACTORS
        }


class NoteForm(GDSForm):
    submit_label = _("Add note")
    text = _text(_("Note"), required=_("Enter a note"), limit=NOTE_LIMIT, rows=6)

    displays: ClassVar[dict[str, Display]] = {"text": Display(rows=6, size="m")}


class StatusForm(GDSForm):
    submit_label = _("Change status")
    status = forms.ChoiceField(
        label=_("New status"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the new status")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome (if you are closing the report)"),
        choices=[("", _("Choose an outcome")), *Report.Outcome.choices],
        required=False,
    )
    note = _text(_("Note (optional)"), rows=3)

    def __init__(self, *args, current: str = Report.Status.NEW, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Report.Status.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in TRANSITIONS.get(current, ())]

    displays: ClassVar[dict[str, Display]] = {"status": Display(size="m"), "note": Display(rows=3)}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Report.Status.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", _("Select the outcome"))
        return cleaned


class AssignForm(GDSForm):
    submit_label = _("Assign")
    assignee = forms.ChoiceField(label=_("Assign to"), error_messages={"required": _("Select who to assign it to")})

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(worker.user_id): worker for worker in workers}
        self.fields["assignee"].choices = [("", _("Choose a member of staff"))] + [
            (
                str(worker.user_id),
                f"{worker.user.get_full_name() or worker.user.username} ({worker.get_role_display()})",
            )
            for worker in workers
        ]

    displays: ClassVar[dict[str, Display]] = {"assignee": Display(size="m")}

    def chosen(self):
        return self.workers[self.cleaned_data["assignee"]]


class TransferForm(GDSForm):
    submit_label = _("Ask the force to take this report")
    force = forms.ChoiceField(label=_("Which force should take it?"), error_messages={"required": _("Select a force")})
    reason = _text(
        _("Why should this force take it?"),
        required=_("Enter the reason for the transfer"),
        hint=_("For example, where the offence happened. The receiving force reads this to decide."),
    )

    def __init__(self, *args, forces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.forces = {str(force.pk): force for force in forces}
        self.fields["force"].choices = [("", _("Choose a force"))] + [
            (str(force.pk), force.display_name) for force in forces
        ]

    displays: ClassVar[dict[str, Display]] = {"force": Display(size="m"), "reason": Display(rows=4)}

    def chosen_force(self):
        return self.forces[self.cleaned_data["force"]]


class TransferAcceptForm(GDSForm):
    submit_label = _("Accept the transfer")
    receiving_reference = forms.CharField(
        label=_("Your force's reference for it (optional)"),
        required=False,
        max_length=50,
        help_text=_("For example a crime or incident number, so both forces can cross-reference it."),
    )

    displays: ClassVar[dict[str, Display]] = {"receiving_reference": Display(width=20)}


class TransferRejectForm(GDSForm):
    submit_label = _("Reject the transfer")
    reason = _text(_("Why are you rejecting it?"), required=_("Enter why you are rejecting the transfer"))

    displays: ClassVar[dict[str, Display]] = {"reason": Display(rows=4, size="m")}


class SearchForm(forms.Form):
    reference = forms.CharField(label=_("Find a report by reference"), max_length=20, required=False)
