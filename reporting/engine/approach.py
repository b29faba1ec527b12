"""Approaching the person at risk safely: pages any journey can include where someone reports
or applies for another person.

Whoever tells us about someone else often knows what could put that person in danger if the
police turned up or rang at the wrong moment. These pages ask for it, one thing a page, all
of them skippable, in our own words: whether it is safe to contact the person directly
(someone reporting for another is told "We will contact you, not them, unless you tell us it
is safe"), when they are alone or safe to approach, someone they trust who could pass on a
message, and anything else the police must know first. A journey that does not already ask
whether the person knows about the report, or whether the person who hurts them lives with
them, passes the question's words and the pages ask it too, under the same names
(`they_know`, `person_lives_with`), so the staff panel reads every journey the same way.

    approach_pages(section="approach", when=SOMEONE_ELSE)
    approach_pages(section="approach", when=FOR_SOMEONE_ELSE,
                   they_know=_("Do they know you are applying?"), lives_with=_("..."))
"""

from django.utils.translation import gettext_lazy as _

from .answers import (
    APPROACH_DIRECT,
    APPROACH_GO_BETWEEN_CONTACT,
    APPROACH_GO_BETWEEN_NAME,
    APPROACH_NOTES,
    APPROACH_SAFE_TIMES,
    DO_NOT_APPROACH,
    PERSON_LIVES_WITH,
    SAFE_TO_APPROACH,
    THEY_KNOW,
)
from .flow import Page, Section
from .questions import RATHER_NOT_SAY, YES_NO_NOT_SURE, LongText, Option, Radios, Text
from .wording import Condition, Wording

SECTION = Section("approach", _("Approaching them safely"))

WHY_WE_ASK = _("The police want to reach them without putting them at more risk.")


def approach_pages(
    *,
    section: str,
    when: Condition,
    they_know: Wording | None = None,
    lives_with: Wording | None = None,
) -> tuple[Page, ...]:
    """`when`: the answers that mean the report or application is about someone else.
    `they_know` and `lives_with`: the words of those questions, for a journey that does not
    ask them on another page (None: asked elsewhere, or not at all)."""
    pages = []
    if they_know is not None:
        pages.append(
            Page(
                slug="approach-they-know",
                section=section,
                when=when,
                questions=(
                    Radios(
                        name=THEY_KNOW,
                        label=they_know,
                        summary=_("They know about this"),
                        options=YES_NO_NOT_SURE,
                    ),
                ),
                why=WHY_WE_ASK,
            )
        )
    if lives_with is not None:
        pages.append(
            Page(
                slug="approach-lives-with",
                section=section,
                when=when,
                questions=(
                    Radios(
                        name=PERSON_LIVES_WITH,
                        label=lives_with,
                        summary=_("Lives with the person they are at risk from"),
                        options=(*YES_NO_NOT_SURE, Option("rather_not", RATHER_NOT_SAY, set_apart=True)),
                    ),
                ),
                why=WHY_WE_ASK,
            )
        )
    pages += [
        Page(
            slug="approach-direct",
            section=section,
            when=when,
            questions=(
                Radios(
                    name=APPROACH_DIRECT,
                    label=_("Is it safe for the police to contact them directly?"),
                    hint=_("If you do not tell us it is safe, we will contact you, not them."),
                    summary=_("Safe to contact them directly"),
                    options=(
                        Option(SAFE_TO_APPROACH, _("Yes, it is safe to contact them")),
                        Option(DO_NOT_APPROACH, _("No, do not contact them directly")),
                        Option("not_sure", _("I'm not sure")),
                    ),
                ),
            ),
            why=WHY_WE_ASK,
        ),
        Page(
            slug="approach-safe-times",
            section=section,
            when=when,
            questions=(
                Text(
                    name=APPROACH_SAFE_TIMES,
                    label=_("When are they usually alone, or safe to approach? (optional)"),
                    hint=_("For example 'weekday mornings after the school run' or 'at work, never at home'."),
                    summary=_("When they are alone or safe to approach"),
                    width=None,
                ),
            ),
        ),
        Page(
            slug="approach-go-between",
            section=section,
            when=when,
            title=_("Someone they trust"),
            body=(
                _(
                    "If there is someone they trust who could pass on a message safely, such as a friend, a relative or a support worker, tell us who. You can leave this empty."
                ),
            ),
            questions=(
                Text(
                    name=APPROACH_GO_BETWEEN_NAME,
                    label=_("Their name (optional)"),
                    summary=_("Name of someone they trust"),
                    width=None,
                ),
                Text(
                    name=APPROACH_GO_BETWEEN_CONTACT,
                    label=_("How can the police reach them? (optional)"),
                    hint=_("For example a phone number, an email address or where they work."),
                    summary=_("How to reach someone they trust"),
                    width=None,
                ),
            ),
        ),
        Page(
            slug="approach-anything-else",
            section=section,
            when=when,
            questions=(
                LongText(
                    name=APPROACH_NOTES,
                    label=_("Is there anything else the police must know before they approach them? (optional)"),
                    hint=_(
                        "For example if someone checks their phone or post, if a visit could make things worse, or if they need an interpreter."
                    ),
                    summary=_("Before approaching them"),
                    rows=4,
                    max_length=2_000,
                ),
            ),
        ),
    ]
    return tuple(pages)
