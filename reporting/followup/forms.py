"""Forms of the follow-up pages: signing in with a reference and code, a message, an addition,
and (for staff) a message to the person."""

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.form_rendering import Display
from portal.forms import GDSForm

from .. import codes
from ..forms import ReturnCodeForm
from ..services.followup import MESSAGE_MAX_LENGTH


class FollowUpSignInForm(GDSForm):
    """The report's reference and the private code given with it."""

    submit_label = _("Continue")
    # One answer for a wrong reference, a wrong code, an expired one and one of a report
    # closed long ago: the page must not say which references or codes were ever real.
    NOT_FOUND = _("We cannot find a report with that reference and code. Check them and try again.")
    too_many = staticmethod(ReturnCodeForm.too_many)

    reference = forms.CharField(
        label=_("Reference number"),
        help_text=_("It has 8 letters and numbers, for example K7QF-29XH."),
        max_length=40,
        error_messages={
            "required": _("Enter the reference number"),
            "max_length": _("Enter the 8 letters and numbers of the reference number"),
            "null_characters_not_allowed": _("Enter the 8 letters and numbers of the reference number"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label=_("Private code"),
        help_text=_("It has 12 letters and numbers, in 3 groups of 4. Capital letters and dashes do not matter."),
        max_length=60,
        error_messages={
            "required": _("Enter the private code"),
            "max_length": _("Enter the 12 letters and numbers of the private code"),
            "null_characters_not_allowed": _("Enter the 12 letters and numbers of the private code"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    displays: ClassVar[dict[str, Display]] = {"reference": Display(width=10), "code": Display(width=20)}

    def clean_reference(self):
        reference = self.cleaned_data["reference"]
        if len(codes.normalise(reference)) != codes.GROUP * codes.REFERENCE_GROUPS:
            raise forms.ValidationError(_("Enter the 8 letters and numbers of the reference number"))
        return reference

    def clean_code(self):
        code = self.cleaned_data["code"]
        if len(codes.normalise(code)) != codes.FOLLOW_UP_CODE_LENGTH:
            raise forms.ValidationError(_("Enter the 12 letters and numbers of the private code"))
        return code


def _text_field(label, *, required, hint=None):
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": required,
            "max_length": _("Keep it to %(limit_value)d characters or fewer"),
            "null_characters_not_allowed": _("Remove the hidden characters"),
        },
    )


class ReplyForm(GDSForm):
    submit_label = _("Send message")
    text = _text_field(_("Your message"), required=_("Enter your message"))
    displays: ClassVar[dict[str, Display]] = {"text": Display(size="m", rows=6, max_characters=MESSAGE_MAX_LENGTH)}


class AdditionForm(GDSForm):
    submit_label = _("Add to my report")
    text = _text_field(
        _("What do you want to add or correct?"),
        required=_("Enter what you want to add"),
        hint=_("What you send now is kept with your report. It does not change what you sent before."),
    )
    displays: ClassVar[dict[str, Display]] = {
        "text": Display(size="l", heading=True, rows=8, max_characters=MESSAGE_MAX_LENGTH)
    }


class StaffMessageForm(GDSForm):
    """A message to the person who sent the report, from the staff report page."""

    submit_label = _("Send message to the person")
    text = _text_field(
        _("Message to the person"),
        required=_("Enter a message"),
        hint=_(
            "They read it when they sign in with their reference and code. Write nothing that would put them at risk if someone else saw it."
        ),
    )
    displays: ClassVar[dict[str, Display]] = {"text": Display(size="s", rows=5)}
