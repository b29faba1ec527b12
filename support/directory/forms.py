"""The questions of "find support without reporting", one a page.

Every answer is posted and kept in the session on the server (support.directory.views),
never put in a URL: what kind of help, for whom, whether it was in the last 7 days, and a
force area code. A postcode is turned into a force code on the server and forgotten.
"""

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.form_rendering import Display, Item
from portal.forms import GDSForm
from reporting import routing

from ..models import Category

HELP_CHOICES = (
    (Category.DOMESTIC_ABUSE.value, _("Domestic abuse")),
    (Category.SEXUAL_VIOLENCE.value, _("Rape, sexual assault or sexual abuse")),
    (Category.STALKING.value, _("Stalking or harassment")),
    (Category.HONOUR_FORCED_MARRIAGE.value, _("Honour-based abuse or forced marriage")),
    (Category.ANY_CRIME.value, _("Another crime")),
    (Category.EMOTIONAL_SUPPORT.value, _("I'm not sure, or I want to talk to someone")),
)
HELP_ITEMS = {
    Category.DOMESTIC_ABUSE.value: Item(
        hint=_(
            "Abuse by a partner, ex-partner or family member. It can be physical, sexual, emotional, "
            "about money, or controlling what someone does."
        )
    ),
    Category.SEXUAL_VIOLENCE.value: Item(hint=_("Whenever it happened, including as a child.")),
    Category.EMOTIONAL_SUPPORT.value: Item(divider=_("or")),
}

ME = "me"
SOMEONE_ELSE = "someone_else"
OWN_BEHAVIOUR = "own_behaviour"
WHO_CHOICES = (
    (ME, _("Me")),
    (SOMEONE_ELSE, _("Someone else")),
    (OWN_BEHAVIOUR, _("I'm worried about my own behaviour")),
)
WHO_ITEMS = {
    SOMEONE_ELSE: Item(hint=_("For example, a friend, a member of your family or someone you support.")),
    OWN_BEHAVIOUR: Item(divider=_("or")),
}

YES, NO, NOT_SURE = "yes", "no", "not_sure"
RECENT_CHOICES = ((YES, _("Yes")), (NO, _("No")), (NOT_SURE, _("I'm not sure")))
# A question whose label is the page's heading.
HEADING = Display(size="l", heading=True)


def force_choices() -> list[tuple[str, str]]:
    """The police force areas of England and Wales, by name (British Transport Police is
    not an area, so it is left out)."""
    forces = routing.forces()
    areas = [(code, forces[code].name) for code in routing.routable_force_codes() if code != routing.BTP]
    return sorted(areas, key=lambda pair: pair[1].casefold())


class Answers(forms.Form):
    """The answers kept in the session, checked again on every page that reads them."""

    help = forms.MultipleChoiceField(choices=HELP_CHOICES)
    who = forms.ChoiceField(choices=WHO_CHOICES, required=False)
    recent = forms.ChoiceField(choices=RECENT_CHOICES, required=False)
    area = forms.ChoiceField(choices=(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(code, code) for code in routing.forces()]

    def carried(self, *names: str) -> dict[str, object]:
        """The valid answers among ``names``."""
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data.get(name)}

    def needs(self) -> set[str]:
        """The answers as support needs (``Category`` values) for the selectors."""
        needs = set(self.cleaned_data["help"])
        who = self.cleaned_data.get("who")
        if who == OWN_BEHAVIOUR:
            needs.add(Category.OWN_BEHAVIOUR.value)
        elif who == SOMEONE_ELSE:
            needs.add(Category.SUPPORTERS.value)
        if Category.SEXUAL_VIOLENCE.value in needs and self.cleaned_data.get("recent") in (YES, NOT_SURE):
            needs.add(Category.RECENT_SEXUAL_ASSAULT.value)
        return needs


class QuestionForm(GDSForm):
    """One question whose label is the page's heading; the page draws its own form tag,
    CSRF token and button."""

    submit_label = None


class HelpForm(QuestionForm):
    help = forms.MultipleChoiceField(
        label=_("What do you want help with?"),
        help_text=_("Select all that apply."),
        choices=HELP_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select what you want help with")},
    )

    displays: ClassVar[dict[str, Display]] = {"help": Display(size="l", heading=True, items=HELP_ITEMS)}


class WhoForm(QuestionForm):
    who = forms.ChoiceField(
        label=_("Who is the help for?"),
        choices=WHO_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the help is for")},
    )

    displays: ClassVar[dict[str, Display]] = {"who": Display(size="l", heading=True, items=WHO_ITEMS)}


class RecentForm(QuestionForm):
    recent = forms.ChoiceField(
        label=_("Did it happen in the last 7 days?"),
        help_text=_(
            "If it did, a sexual assault referral centre can give medical care now, and may be able to "
            "collect evidence and keep it while you decide whether to tell the police."
        ),
        choices=RECENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes, no or I'm not sure")},
    )

    displays: ClassVar[dict[str, Display]] = {"recent": HEADING}


class PostcodeForm(QuestionForm):
    postcode = forms.CharField(
        label=_("What is your postcode?"),
        help_text=_(
            "This is optional. We use it only to add local services near you, and we do not keep it. "
            "You can enter just the first part, like SW1A."
        ),
        required=False,
        max_length=10,
        error_messages={"max_length": _("Enter a postcode, like AA1 1AA, or leave it blank")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    displays: ClassVar[dict[str, Display]] = {"postcode": Display(size="l", heading=True, width=10)}

    def clean_postcode(self):
        text = self.cleaned_data["postcode"].strip()
        if text and routing.normalise_postcode(text) is None:
            raise forms.ValidationError(_("Enter a postcode, like AA1 1AA, or leave it blank"))
        return text


class AreaForm(QuestionForm):
    """Pick a police force area from a list: every area, or only those a postcode district
    straddles."""

    area = forms.ChoiceField(
        label=_("Which area are you in?"),
        help_text=_("This is optional. We use it only to add local services near you."),
        required=False,
    )

    def __init__(self, *args, candidates: list[tuple[str, str]] | None = None, **kwargs):
        self.candidates = candidates
        super().__init__(*args, **kwargs)
        field = self.fields["area"]
        if candidates:
            field.label = _("Your postcode is near the edge of more than one area. Which area are you in?")
            field.choices = candidates
            field.widget = forms.RadioSelect(choices=candidates)
        else:
            field.choices = [("", _("Choose an area")), *force_choices()]

    displays: ClassVar[dict[str, Display]] = {"area": HEADING}


class SarcPostcodeForm(QuestionForm):
    """A postcode to name the sexual assault referral centre for its area; not kept."""

    postcode = forms.CharField(
        label=_("What postcode should we find the centre for?"),
        help_text=_(
            "We use it only to find the centre, and we do not keep it. You can enter just the first part, like CF10."
        ),
        max_length=10,
        error_messages={
            "required": _("Enter a postcode, like AA1 1AA"),
            "max_length": _("Enter a postcode, like AA1 1AA"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    displays: ClassVar[dict[str, Display]] = {"postcode": Display(size="l", heading=True, width=10)}

    def clean_postcode(self):
        text = self.cleaned_data["postcode"].strip()
        if routing.normalise_postcode(text) is None:
            raise forms.ValidationError(_("Enter a postcode, like AA1 1AA"))
        return text
