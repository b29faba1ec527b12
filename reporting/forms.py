import math
from datetime import timedelta
from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.form_rendering import Display
from portal.forms import GDSForm

from . import codes


class ReturnCodeForm(GDSForm):
    """The code someone was given when they saved a report to finish later."""

    submit_label = _("Continue")
    # One answer for a wrong code and for an expired one: the page must not tell a person
    # holding someone else's device which codes were ever real.
    NOT_FOUND = _(
        "We cannot find a saved report with that code. Check the code and try again. Saved reports are deleted after a while."
    )
    code = forms.CharField(
        label=_("Enter your code"),
        help_text=_("It has 12 letters and numbers, in 3 groups of 4. Capital letters and dashes do not matter."),
        max_length=40,
        error_messages={
            "required": _("Enter your code"),
            "max_length": _("Enter the 12 letters and numbers of your code"),
            "null_characters_not_allowed": _("Enter the 12 letters and numbers of your code"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    @staticmethod
    def too_many(retry_after: timedelta) -> str:
        """Said only to the client that tried too many wrong codes (never for a code: a
        stranger's guesses do not stop its owner), with how long to wait
        (reporting.services.ReturnCodesLimited)."""
        minutes = max(1, math.ceil(retry_after.total_seconds() / 60))
        return ngettext(
            "You have tried too many codes. Try again in %(minutes)d minute.",
            "You have tried too many codes. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}

    displays: ClassVar[dict[str, Display]] = {"code": Display(width=20, size="l", heading=True)}

    def clean_code(self):
        code = self.cleaned_data["code"]
        if len(codes.normalise(code)) != codes.RETURN_CODE_LENGTH:
            raise forms.ValidationError(_("Enter the 12 letters and numbers of your code"))
        return code
