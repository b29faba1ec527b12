"""How old the person it happened to is: a page any journey reporting a crime can include.

A band, not a date of birth, and it can be skipped: enough for staff to recognise a child at
once and safeguard them, for priority to give a child's report its reason (Journey.priority
names the answer), and for the confirmation page to list services for children and young
people (the journey's signposting, with `CHILD`).

    age_band_page(section="who")
"""

from django.utils.translation import gettext_lazy as _

from .answers import AGE_BAND, CHILD_AGE_BANDS
from .conditions import Is, always
from .flow import Page
from .questions import Option, Radios
from .wording import Condition, Perspective

# The answers that say the person is a child (under 18).
CHILD = Is(AGE_BAND, *CHILD_AGE_BANDS)

UNDER_13, AGED_13_TO_15, AGED_16_OR_17 = CHILD_AGE_BANDS


def age_band_page(*, section: str, when: Condition = always) -> Page:
    return Page(
        slug="age",
        section=section,
        when=when,
        questions=(
            Radios(
                name=AGE_BAND,
                label=Perspective(me=_("How old are you?"), them=_("How old are they?")),
                hint=Perspective(
                    me=_("You can skip this if you would rather not say."),
                    them=_("A rough idea is fine. You can skip this if you do not know."),
                ),
                summary=Perspective(me=_("Your age"), them=_("Their age")),
                options=(
                    Option(UNDER_13, _("Under 13")),
                    Option(AGED_13_TO_15, _("13 to 15")),
                    Option(AGED_16_OR_17, _("16 or 17")),
                    Option("18_or_over", _("18 or over")),
                    Option("not_sure", _("I'm not sure"), set_apart=True),
                ),
            ),
        ),
        why=_("So that we can offer the right help, including services for children and young people."),
    )
