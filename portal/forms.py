from typing import ClassVar

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from .form_rendering import Display


class GDSForm(forms.Form):
    """A form rendered in GOV.UK Frontend markup (portal/form_rendering.py, templates/forms/)
    with one submit button. `{{ form }}` draws it; pages own the <form> tag and the CSRF
    token, and put the error summary above the heading."""

    # None: the page draws its own buttons.
    submit_label: str | None = _("Continue")
    # How each field looks, by name (label size, input width, rows...).
    displays: ClassVar[dict[str, Display]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, display in self.displays.items():
            if name in self.fields:
                self.fields[name].display = display

    def groups(self) -> list[tuple[str | None, list[forms.BoundField]]]:
        """The visible fields, in groups under a legend (None: no fieldset)."""
        return [(None, self.visible_fields())]

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the error summary. A radio or checkbox question links
        to its first option, numbered from 1; a date links to its day box, the first part of
        its widget."""
        links = []
        for field in self:
            widget = field.field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{field.auto_id}_1"
            elif isinstance(widget, forms.MultiWidget):
                anchor = f"{field.auto_id}_0"
            else:
                anchor = field.id_for_label
            links.extend((anchor, message) for message in field.errors)
        return links


class SignInForm(GDSForm):
    submit_label = _("Sign in")
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        error_messages={"required": _("Enter your username")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    displays: ClassVar[dict[str, Display]] = {"username": Display(width=20)}

    def clean(self):
        cleaned = super().clean()
        username, password = cleaned.get("username"), cleaned.get("password")
        if username and password:
            # authenticate() with the request lets django-axes count failures and lock out.
            self.user = authenticate(self.request, username=username, password=password)
            if self.user is None:
                raise forms.ValidationError(_("The username or password is not right. Check them and try again."))
        return cleaned


class TokenForm(GDSForm):
    code = forms.CharField(
        label=_("Security code"),
        max_length=16,
        error_messages={"required": _("Enter the security code")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def __init__(self, *args, hint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hint:
            self.fields["code"].help_text = hint

    displays: ClassVar[dict[str, Display]] = {"code": Display(width=10)}

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
