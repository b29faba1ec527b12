"""The kinds of question a journey page can ask.

Each kind knows how to become a Django form field, how it looks in GOV.UK Frontend markup
(`layout`: a portal.form_rendering.Display, read by the templates in templates/forms/), how
to keep what was typed when it does not validate, and how to show its answer on the
check-your-answers page. A journey only declares instances of these.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.form_rendering import DatePartsWidget, Display, Item

from .. import routing
from .wording import Answers, Voice, Wording

NOT_ANSWERED = _("Not answered")
OR = _("or")
CHOOSE_ONE = _("Choose one")
POSTCODE_ERROR = _("Enter a full UK postcode, like SW1A 1AA")
TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 10_000


@dataclass(frozen=True)
class Option:
    """One choice. `set_apart` puts it after an "or" divider; in checkboxes it also stands
    alone ("None of these", "I'd rather not say"): choosing it unticks the others."""

    value: str
    label: Wording
    hint: Wording | None = None
    set_apart: bool = False


Options = tuple[Option, ...] | Callable[[Answers], tuple[Option, ...]]

# Words and choices every journey offers in the same way.
RATHER_NOT_SAY = _("I'd rather not say")
YES_NO_NOT_SURE = (
    Option("yes", _("Yes")),
    Option("no", _("No")),
    Option("not_sure", _("I'm not sure")),
)


def common_errors(limit: int | None = None) -> dict[str, Any]:
    errors = {"null_characters_not_allowed": _("Remove the hidden characters from your answer")}
    if limit:
        errors["max_length"] = _("Your answer must be %(limit_value)d characters or fewer")
    return errors


@dataclass(frozen=True, kw_only=True)
class Question:
    name: str
    label: Wording
    hint: Wording | None = None
    # The error shown when it is left empty; None means the question can be skipped.
    required: Wording | None = None
    # A shorter label for check your answers, when the question reads oddly there.
    summary: Wording | None = None

    def field(self, voice: Voice) -> forms.Field:
        raise NotImplementedError

    def layout(self, *, as_heading: bool) -> Display:
        """How the question looks: on a page that asks only it, its label is the heading."""
        return Display(size="l" if as_heading else "m", heading=as_heading)

    def items(self, voice: Voice) -> dict[str, Item]:
        """Its options' hints and dividers, for a question with options."""
        return {}

    def widget_attrs(self) -> dict[str, str]:
        return {}

    def common(self, voice: Voice) -> dict[str, Any]:
        return {
            "label": voice.say(self.label),
            "help_text": voice.say(self.hint),
            "required": self.required is not None,
        }

    def required_error(self, voice: Voice) -> dict[str, str]:
        return {"required": voice.say(self.required)} if self.required is not None else {}

    @property
    def anchor(self) -> str:
        """The id of the input the error summary links to."""
        return f"id_{self.name}"

    def raw(self, data) -> Any:
        """What was typed, kept as it was when the page does not validate."""
        return data.get(self.name, "")

    def kept(self, data) -> dict[str, Any]:
        """Every input of the question as typed, by input name: one input for most kinds,
        more for a date (its day, month and year)."""
        return {self.name: self.raw(data)}

    def clean(self, value: Any, voice: Voice) -> Any:
        """Checks beyond the field's own; raises forms.ValidationError."""
        return value

    def display(self, value: Any, voice: Voice, answers: Answers) -> str | list[str]:
        return value or str(NOT_ANSWERED)

    def is_long_text(self) -> bool:
        return False


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    options: Options
    # Whether a set-apart option stands alone (checkboxes: choosing it unticks the others).
    exclusive_options: ClassVar[bool] = False

    def options_for(self, answers: Answers) -> tuple[Option, ...]:
        return self.options(answers) if callable(self.options) else self.options

    def choices(self, voice: Voice) -> list[tuple[str, str]]:
        return [(option.value, voice.say(option.label)) for option in self.options_for(voice.answers)]

    def items(self, voice: Voice) -> dict[str, Item]:
        options = self.options_for(voice.answers)
        items = {}
        for option, previous in zip(options, (None, *options[:-1]), strict=True):
            # An "or" divider before the first set-apart option.
            divider = option.set_apart and previous is not None and not previous.set_apart
            items[option.value] = Item(
                hint=voice.say(option.hint) if option.hint else None,
                divider=str(OR) if divider else None,
                exclusive=option.set_apart and self.exclusive_options,
            )
        return items

    def errors(self, voice: Voice) -> dict[str, Any]:
        return {**self.required_error(voice), "invalid_choice": _("Select one of the options")}

    @property
    def anchor(self) -> str:
        return f"id_{self.name}_1"

    def label_for(self, value: Any, voice: Voice, answers: Answers) -> str:
        for option in self.options_for(answers):
            if option.value == value:
                return voice.say(option.label)
        return str(NOT_ANSWERED)


@dataclass(frozen=True, kw_only=True)
class Radios(ChoiceQuestion):
    inline: bool = False

    def field(self, voice: Voice) -> forms.Field:
        return forms.ChoiceField(
            choices=self.choices(voice),
            widget=forms.RadioSelect,
            error_messages=self.errors(voice),
            **self.common(voice),
        )

    def layout(self, *, as_heading: bool) -> Display:
        return Display(size="l" if as_heading else "m", heading=as_heading, inline=self.inline)

    def display(self, value: Any, voice: Voice, answers: Answers) -> str:
        return self.label_for(value, voice, answers) if value else str(NOT_ANSWERED)


@dataclass(frozen=True, kw_only=True)
class Checkboxes(ChoiceQuestion):
    exclusive_options: ClassVar[bool] = True

    def field(self, voice: Voice) -> forms.Field:
        return forms.MultipleChoiceField(
            choices=self.choices(voice),
            widget=forms.CheckboxSelectMultiple,
            error_messages=self.errors(voice),
            **self.common(voice),
        )

    def raw(self, data) -> Any:
        return data.getlist(self.name)

    def clean(self, value: Any, voice: Voice) -> Any:
        alone = [option for option in self.options_for(voice.answers) if option.set_apart and option.value in value]
        if alone and len(value) > 1:
            raise forms.ValidationError(
                _("Select the options that apply, or select '%(option)s' on its own"),
                params={"option": voice.say(alone[0].label)},
            )
        return value

    def display(self, value: Any, voice: Voice, answers: Answers) -> str | list[str]:
        if not value:
            return str(NOT_ANSWERED)
        # In the order the options are listed, whatever order they were ticked in.
        return [voice.say(option.label) for option in self.options_for(answers) if option.value in value]


@dataclass(frozen=True, kw_only=True)
class Select(ChoiceQuestion):
    placeholder: Wording = CHOOSE_ONE

    def field(self, voice: Voice) -> forms.Field:
        choices = [("", voice.say(self.placeholder))] + [
            (option.value, voice.say(option.label)) for option in self.options_for(voice.answers)
        ]
        return forms.ChoiceField(choices=choices, error_messages=self.errors(voice), **self.common(voice))

    @property
    def anchor(self) -> str:
        return f"id_{self.name}"

    def display(self, value: Any, voice: Voice, answers: Answers) -> str:
        return self.label_for(value, voice, answers) if value else str(NOT_ANSWERED)


@dataclass(frozen=True, kw_only=True)
class Text(Question):
    max_length: int = TEXT_LIMIT
    width: int | None = 20

    def widget_attrs(self) -> dict[str, str]:
        # The browser must not remember what was typed: the device may be shared.
        return {"autocomplete": "off"}

    def field(self, voice: Voice) -> forms.Field:
        return forms.CharField(
            max_length=self.max_length,
            widget=forms.TextInput(attrs=self.widget_attrs()),
            error_messages={**common_errors(self.max_length), **self.required_error(voice)},
            **self.common(voice),
        )

    def layout(self, *, as_heading: bool) -> Display:
        return Display(size="l" if as_heading else "m", heading=as_heading, width=self.width)


@dataclass(frozen=True, kw_only=True)
class LongText(Question):
    max_length: int = LONG_TEXT_LIMIT
    rows: int = 8

    def field(self, voice: Voice) -> forms.Field:
        return forms.CharField(
            max_length=self.max_length,
            widget=forms.Textarea(attrs={"autocomplete": "off"}),
            error_messages={**common_errors(self.max_length), **self.required_error(voice)},
            **self.common(voice),
        )

    def layout(self, *, as_heading: bool) -> Display:
        return Display(size="l" if as_heading else "m", heading=as_heading, rows=self.rows)

    def is_long_text(self) -> bool:
        return True


@dataclass(frozen=True, kw_only=True)
class Postcode(Text):
    """A UK postcode, stored normalised ("sw1a1aa " becomes "SW1A 1AA")."""

    width: int | None = 10
    max_length: int = 16

    def widget_attrs(self) -> dict[str, str]:
        return {"autocomplete": "off", "spellcheck": "false"}

    def field(self, voice: Voice) -> forms.Field:
        field = super().field(voice)
        field.error_messages["max_length"] = POSTCODE_ERROR
        return field

    def clean(self, value: Any, voice: Voice) -> Any:
        if not value:
            return ""
        normalised = routing.normalise_postcode(value)
        if normalised is None or " " not in normalised:
            raise forms.ValidationError(POSTCODE_ERROR)
        return normalised


@dataclass(frozen=True, kw_only=True)
class Email(Text):
    width: int | None = None
    max_length: int = 254

    def field(self, voice: Voice) -> forms.Field:
        return forms.EmailField(
            max_length=self.max_length,
            widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            error_messages={
                **common_errors(self.max_length),
                **self.required_error(voice),
                "invalid": _("Enter an email address in the correct format, like name@example.com"),
            },
            **self.common(voice),
        )


PHONE_PUNCTUATION = re.compile(r"[\s()\-.]")
PHONE_DIGITS = re.compile(r"\+?[0-9]{10,15}")


@dataclass(frozen=True, kw_only=True)
class Phone(Text):
    width: int | None = 20
    max_length: int = 30

    def widget_attrs(self) -> dict[str, str]:
        return {"autocomplete": "off", "spellcheck": "false", "inputmode": "tel"}

    def clean(self, value: Any, voice: Voice) -> Any:
        if value and not PHONE_DIGITS.fullmatch(PHONE_PUNCTUATION.sub("", value)):
            raise forms.ValidationError(_("Enter a phone number, like 07700 900 982 or +44 7700 900 982"))
        return value


DATE_PARTS = 3  # day, month, year
EARLIEST_YEAR = 1900
DATE_HINT = _("For example, 27 3 1990")
DATE_INCOMPLETE = _("Enter a day, month and year, or leave all three empty")
DATE_INVALID = _("Enter a real date, like 27 3 1990")
DATE_IN_FUTURE = _("The date must be in the past")


class DatePartsField(forms.MultiValueField):
    """The day, month and year as typed; DateInput.clean decides whether they make a date,
    so each message can say exactly what is wrong."""

    def __init__(self, **kwargs):
        parts = tuple(forms.CharField(required=False, error_messages=common_errors()) for _part in range(DATE_PARTS))
        super().__init__(fields=parts, require_all_fields=False, widget=DatePartsWidget(), **kwargs)

    def compress(self, data_list):
        return tuple(data_list) if data_list else ("",) * DATE_PARTS


@dataclass(frozen=True, kw_only=True)
class DateInput(Question):
    """A date in the GOV.UK date input pattern (day, month and year boxes), stored as
    "YYYY-MM-DD". A date of birth, for example. With `past`, a date after today is refused."""

    hint: Wording | None = DATE_HINT
    past: bool = True
    incomplete: Wording = DATE_INCOMPLETE
    invalid: Wording = DATE_INVALID
    in_future: Wording = DATE_IN_FUTURE

    def field(self, voice: Voice) -> forms.Field:
        return DatePartsField(
            error_messages={
                **self.required_error(voice),
                "invalid": voice.say(self.invalid),
                "incomplete": voice.say(self.incomplete),
            },
            **self.common(voice),
        )

    @property
    def anchor(self) -> str:
        return f"id_{self.name}_0"

    def kept(self, data) -> dict[str, Any]:
        return {f"{self.name}_{part}": data.get(f"{self.name}_{part}", "") for part in range(DATE_PARTS)}

    def clean(self, value: Any, voice: Voice) -> Any:
        parts = [str(part or "").strip() for part in (value or ())]
        if not any(parts):
            return ""
        if len(parts) != DATE_PARTS or not all(parts):
            raise forms.ValidationError(voice.say(self.incomplete))
        if not all(part.isascii() and part.isdigit() for part in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(voice.say(self.invalid))
        try:
            day = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError(voice.say(self.invalid)) from None
        if day.year < EARLIEST_YEAR:
            raise forms.ValidationError(voice.say(self.invalid))
        if self.past and day > timezone.localdate():
            raise forms.ValidationError(voice.say(self.in_future))
        return day.isoformat()

    def display(self, value: Any, voice: Voice, answers: Answers) -> str:
        try:
            return date_format(date.fromisoformat(value), "j F Y") if value else str(NOT_ANSWERED)
        except (TypeError, ValueError):
            return str(NOT_ANSWERED)
