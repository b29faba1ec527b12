"""What a referral carries: which answer asks for which kind of service, and the minimal
data set each kind of service receives.

Two tables, both data:

- ``CONSENT_OPTIONS``: an option of a journey's referral question (the answer named
  ``CONSENT_QUESTION``) → the kind of service it asks for, gathered from the journeys' own
  declarations (``Journey.referral_options``).
- ``DATA_SETS``: the kind of service → the items it receives. Each item is taken from the
  report only when the person's own answers allow it (a phone number only when they said a
  phone is a safe way to reach them, their account of what happened only when the journey
  asked whether to share it and they said yes). Nothing outside a kind's data set is ever
  copied into a referral.

Pure functions over the report's answers; no database.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reporting.engine import answers as names
from reporting.journeys import JOURNEYS

from ..models import ReferralKind

#: The answer that holds the services a person agreed to be referred to (a list of options).
CONSENT_QUESTION = names.SUPPORT_REFERRALS
#: A journey that asks whether the person's own account may go to the services they chose
#: stores "yes" under this answer. No journey asks it yet, so no account is ever shared.
SHARE_ACCOUNT_QUESTION = "support_share_account"
#: Answers that mean "refer me nowhere".
NO_REFERRAL = frozenset({"none", "rather_not"})

# Each journey declares its own referral options (Journey.referral_options in
# reporting.journeys): the table is built from them, so a journey offering a new service
# changes only its own module.
CONSENT_OPTIONS: dict[str, ReferralKind] = {
    option: ReferralKind(kind) for journey in JOURNEYS.values() for option, kind in journey.referral_options.items()
}

#: Bumped whenever what an item means, or which items a kind gets, changes.
#: 2: safe days and safe times say "not_given" when skipped, and "any" only when chosen.
DATA_SET_VERSION = 2

PHONE_METHODS = frozenset({"call", "voicemail", "text"})
CONTACT_METHODS = ("call", "text", "email", "letter")

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Source:
    """Where an item comes from: the report itself, and its answers."""

    reference: str
    report_type: str
    force: str
    answers: Answers

    def chose(self, *methods: str) -> bool:
        return bool(set(self.answers.get(names.CONTACT_METHODS) or ()) & set(methods))


@dataclass(frozen=True)
class Item:
    key: str
    label: Promise
    # The value to share, or None when the person's answers do not allow it.
    value: Callable[[Source], Any]


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _first_name(source: Source) -> str | None:
    name = _text(source.answers.get(names.YOUR_NAME))
    return name.split()[0] if name else None


def _contact_methods(source: Source) -> list[str]:
    chosen = set(source.answers.get(names.CONTACT_METHODS) or ())
    return [method for method in CONTACT_METHODS if method in chosen]


def _voicemail_safe(source: Source) -> bool | None:
    """Whether a message may be left, said whenever a phone number is shared: an agency
    must never have to guess."""
    return source.chose("voicemail") if source.chose(*PHONE_METHODS) else None


#: What a service reads for safe days or times the person could have given and skipped:
#: never any time. "Any" is only ever the person's own choice (engine.contact's option).
TIME_NOT_GIVEN = "not_given"
UNSTATED_TIMES = frozenset({names.SAFE_DAYS, names.SAFE_TIMES})


def _when_safe(key: str) -> Callable[[Source], Any]:
    def value(source: Source) -> Any:
        if not source.chose(*PHONE_METHODS, "email", "letter"):
            return None
        answer = source.answers.get(key)
        given = (list(answer) or None) if isinstance(answer, list) else _text(answer)
        if given is None and key in UNSTATED_TIMES:
            return TIME_NOT_GIVEN
        return given

    return value


def _only_if_chosen(key: str, *methods: str) -> Callable[[Source], Any]:
    return lambda source: _text(source.answers.get(key)) if source.chose(*methods) else None


def _account(source: Source) -> str | None:
    if source.answers.get(SHARE_ACCOUNT_QUESTION) != "yes":
        return None
    return _text(source.answers.get(names.WHAT_HAPPENED))


ITEMS: dict[str, Item] = {
    item.key: item
    for item in (
        Item("reference", _("Police reference"), lambda s: s.reference),
        Item("report_type", _("Type of report"), lambda s: s.report_type),
        Item("force", _("Police force"), lambda s: s.force),
        Item("first_name", _("First name"), _first_name),
        Item("contact_methods", _("Safe ways to contact them"), _contact_methods),
        Item("voicemail_safe", _("Safe to leave a voicemail"), _voicemail_safe),
        Item("phone", _("Phone number"), _only_if_chosen("phone", *PHONE_METHODS)),
        Item("email", _("Email address"), _only_if_chosen("email", "email")),
        Item("postal_address", _("Address for letters"), _only_if_chosen("postal_address", "letter")),
        Item("safe_days", _("Safe days"), _when_safe("safe_days")),
        Item("safe_times", _("Safe times"), _when_safe("safe_times")),
        Item("safe_times_detail", _("More about safe times"), _when_safe("safe_times_detail")),
        Item("language", _("Language"), lambda s: _text(s.answers.get("language"))),
        Item("interpreter", _("Interpreter needed"), lambda s: True if s.answers.get("interpreter") == "yes" else None),
        Item("account", _("Their account of what happened"), _account),
    )
}

#: What every kind of service needs to reach the person safely.
CONTACT = (
    "reference",
    "report_type",
    "force",
    "first_name",
    "contact_methods",
    "voicemail_safe",
    "phone",
    "email",
    "postal_address",
    "safe_days",
    "safe_times",
    "safe_times_detail",
    "language",
    "interpreter",
)

DATA_SETS: dict[ReferralKind, tuple[str, ...]] = {
    ReferralKind.DOMESTIC_ABUSE: (*CONTACT, "account"),
    ReferralKind.ISVA: (*CONTACT, "account"),
    ReferralKind.SARC: (*CONTACT, "account"),
    ReferralKind.RAPE_CRISIS: (*CONTACT, "account"),
    ReferralKind.VICTIM_SUPPORT: CONTACT,
    ReferralKind.HOUSING: CONTACT,
}


def about_themselves(answers: Answers) -> bool:
    """Whether the report's contact details are those of the person it is about: not a
    report made for someone else (the details are the reporter's, and the person it is
    about has not been asked), nor an anonymous one (there are none)."""
    return answers.get(names.WHO_FOR) != "someone_else" and answers.get("report_mode") not in (
        "someone_else",
        "anonymous",
    )


def consented_kinds(answers: Answers) -> list[tuple[str, ReferralKind]]:
    """The (option, kind) pairs the person asked for, in the order asked, one per kind.
    Only a person reporting about themselves, with their details, is ever referred."""
    if not about_themselves(answers):
        return []
    chosen = answers.get(CONSENT_QUESTION) or []
    if not isinstance(chosen, list) or NO_REFERRAL & set(chosen):
        return []
    pairs: list[tuple[str, ReferralKind]] = []
    for option in chosen:
        kind = CONSENT_OPTIONS.get(option)
        if kind is not None and kind not in {k for _o, k in pairs}:
            pairs.append((option, kind))
    return pairs


def unknown_options(answers: Answers) -> list[str]:
    """Options chosen that this table does not know (a journey added one and not here)."""
    chosen = answers.get(CONSENT_QUESTION) or []
    if not isinstance(chosen, list):
        return []
    return [option for option in chosen if option not in CONSENT_OPTIONS and option not in NO_REFERRAL]


def data_set(kind: str, source: Source) -> dict[str, Any]:
    """The items a service of this kind receives, leaving out what the answers do not allow.
    An item with no value is left out, except the first name, which an agency always sees
    (as "Not given" when the person did not give one)."""
    shared: dict[str, Any] = {}
    for key in DATA_SETS[ReferralKind(kind)]:
        value = ITEMS[key].value(source)
        if value is None or value == []:
            if key == "first_name":
                shared[key] = None
            continue
        shared[key] = value
    return shared


# --- Showing a referral's data -----------------------------------------------------------

VALUE_LABELS: dict[str, dict[str, Promise]] = {
    "contact_methods": {
        "call": _("Phone call"),
        "text": _("Text message"),
        "email": _("Email"),
        "letter": _("Letter"),
    },
    "safe_days": {
        "weekdays": _("Weekdays (Monday to Friday)"),
        "weekends": _("Weekends"),
        "any": _("Any day"),
        TIME_NOT_GIVEN: _("Not given: ask before contacting them"),
    },
    "safe_times": {
        "morning": _("Morning (8am to 12pm)"),
        "afternoon": _("Afternoon (12pm to 5pm)"),
        "evening": _("Evening (5pm to 9pm)"),
        "any": _("Any time of day"),
        TIME_NOT_GIVEN: _("Not given: ask before contacting them"),
    },
}


def report_type_label(report_type: str) -> str:
    journey = JOURNEYS.get(report_type)
    return str(journey.short_label) if journey else report_type


@dataclass(frozen=True)
class Row:
    key: str
    label: Promise
    value: str


def _shown(key: str, value: Any) -> str:
    if key == "first_name" and value is None:
        return str(_("Not given"))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if key == "report_type":
        return report_type_label(value)
    labels = VALUE_LABELS.get(key, {})
    if isinstance(value, list):
        return "\n".join(str(labels.get(item, item)) for item in value)
    return str(labels.get(value, value))


def rows(shared: Mapping[str, Any]) -> list[Row]:
    """A referral's data as summary-list rows, in the data set's order. Only what is in the
    referral is shown: there is nothing else to show."""
    return [Row(key, item.label, _shown(key, shared[key])) for key, item in ITEMS.items() if key in shared]
