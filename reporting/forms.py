from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

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
    TOO_MANY = _("You have tried too many codes. Wait 15 minutes, then try again.")

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page template writes the CSRF token, with the form tag.
        self.helper.disable_csrf = True

    def layout_fields(self):
        return [Field.text("code", field_width=20, label_size=Size.LARGE, label_tag="h1")]

    def clean_code(self):
        code = self.cleaned_data["code"]
        if len(codes.normalise(code)) != codes.RETURN_CODE_LENGTH:
            raise forms.ValidationError(_("Enter the 12 letters and numbers of your code"))
        return code
