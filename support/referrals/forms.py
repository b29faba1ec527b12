"""Forms for agency staff working on referrals, and for an officer making one."""

from datetime import date
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.form_rendering import DatePartsWidget, Display, Item
from portal.forms import GDSForm

from ..models import ConsentMethod, ReferralRoute
from .services import OFFICER_CONSENT_METHODS

REASON_MAX = 2_000
NOTE_MAX = 2_000


class DeclineForm(GDSForm):
    submit_label = _("Decline referral")

    reason = forms.CharField(
        label=_("Why are you declining this referral?"),
        help_text=_(
            "The police read this, so they can find the person other help. "
            "For example, 'outside the area we cover' or 'we cannot support men'."
        ),
        max_length=REASON_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": _("Enter why you are declining the referral"),
            "max_length": _("The reason must be %(limit_value)s characters or fewer"),
        },
    )

    displays: ClassVar[dict[str, Display]] = {"reason": Display(size="m", rows=5, max_characters=REASON_MAX)}


class ContactDateField(forms.MultiValueField):
    """The GOV.UK date input (day, month and year boxes), with messages that say what to do."""

    def __init__(self, **kwargs):
        parts = tuple(forms.CharField(required=False) for _part in range(3))
        super().__init__(
            fields=parts,
            widget=DatePartsWidget(),
            error_messages={"required": _("Enter the date you first contacted them")},
            **kwargs,
        )

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        missing = [name for part, name in zip(data_list, (_("day"), _("month"), _("year")), strict=True) if not part]
        if missing:
            raise ValidationError(
                [_("The date you first contacted them must include a %(part)s") % {"part": name} for name in missing]
            )
        day, month, year = (part.strip() for part in data_list)
        try:
            if not (day.isdigit() and month.isdigit() and year.isdigit()):
                raise ValueError
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(_("The date you first contacted them must be a real date")) from None


class FirstContactForm(GDSForm):
    submit_label = _("Record first contact")

    contacted_on = ContactDateField(
        label=_("When did you first contact them?"),
        help_text=_("For example, 27 3 2026"),
        require_all_fields=False,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_(
            "For the police and your colleagues, for example 'spoke by phone, support plan agreed'. "
            "Keep details of what they told you in your own records."
        ),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": _("The note must be %(limit_value)s characters or fewer")},
    )

    def __init__(self, *args, not_before: date, **kwargs):
        self.not_before = not_before
        super().__init__(*args, **kwargs)

    displays: ClassVar[dict[str, Display]] = {
        "contacted_on": Display(size="m"),
        "note": Display(size="m", rows=4, max_characters=NOTE_MAX),
    }

    def clean_contacted_on(self):
        value = self.cleaned_data["contacted_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date you first contacted them must be today or in the past"))
        if value < self.not_before:
            raise ValidationError(
                _("The date you first contacted them must be on or after %(date)s, when the report was made")
                % {"date": date_format(self.not_before, "j F Y")}
            )
        return value


class OfficerReferralForm(GDSForm):
    submit_label = _("Make referral")

    route = forms.TypedChoiceField(
        label=_("Which service did they agree to be referred to?"),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Select the service they agreed to be referred to")},
    )
    consent_method = forms.ChoiceField(
        label=_("How did they agree?"),
        help_text=_("Refer someone only with their agreement. Their agreement is recorded with your name."),
        widget=forms.RadioSelect,
        choices=[(method.value, method.label) for method in OFFICER_CONSENT_METHODS],
        error_messages={"required": _("Select how they agreed to the referral")},
    )

    def __init__(self, *args, routes: list[ReferralRoute], **kwargs):
        self.routes = {route.pk: route for route in routes}
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(route.pk, route.get_kind_display()) for route in routes]
        self.fields["route"].display = Display(
            size="m", items={str(route.pk): Item(hint=route.agency.name) for route in routes}
        )

    displays: ClassVar[dict[str, Display]] = {"consent_method": Display(size="m")}

    def clean_route(self) -> ReferralRoute:
        return self.routes[self.cleaned_data["route"]]

    def clean_consent_method(self) -> ConsentMethod:
        return ConsentMethod(self.cleaned_data["consent_method"])
