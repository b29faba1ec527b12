"""Contacting someone safely: pages any journey can include.

The person chooses which ways are safe, gives only the details for those ways, and says when
it is safe. A journey passes the words that depend on it (who must not see or hear, what
happens without a way to contact them) and can add a page for a callback time and a page
for the officer they would prefer. The answers have the same names in every journey
(`contact_methods`, `phone`, `email`, ...), so whatever reads them (referrals, for example)
reads every journey the same way.

    contact_pages(section="contact", when=Not(ANONYMOUS), avoid=..., without_contact=...)
"""

import dataclasses

from django.utils.translation import gettext_lazy as _

from .answers import (
    ACCESS_NEEDS,
    CALLBACK,
    CALLBACK_TIME,
    CONTACT_METHODS,
    EMAIL,
    INTERPRETER,
    LANGUAGE,
    NO_CONTACT,
    OFFICER_GENDER,
    PHONE,
    POSTAL_ADDRESS,
    SAFE_DAYS,
    SAFE_TIMES,
    SAFE_TIMES_DETAIL,
    TRUSTED_CONTACT,
    TRUSTED_NAME,
    TRUSTED_PHONE,
    TRUSTED_RELATIONSHIP,
    VOICEMAIL,
)
from .conditions import AllOf, Includes, Is, always
from .flow import Page
from .questions import RATHER_NOT_SAY, Checkboxes, Email, LongText, Option, Phone, Radios, Text
from .wording import Condition, Perspective, Wording

# The option of the safe days and safe times questions that says any is safe: only ever
# chosen, never read into a skipped answer.
ANY_TIME = "any"
CAN_BE_CONTACTED = Includes(CONTACT_METHODS, "call", "voicemail", "text", "email", "letter")
BY_PHONE_CALL = Includes(CONTACT_METHODS, "call", "voicemail")


def contact_pages(
    *,
    section: str,
    avoid: Wording,
    without_contact: Wording,
    when: Condition = always,
    callback: bool = False,
    officer: bool = True,
    why: Wording | None = None,
) -> tuple[Page, ...]:
    """`avoid`: a hint naming who must not see or hear (for example "Only choose ways the
    person you are asking about cannot see or hear."). `without_contact`: the hint on "Do not
    contact me", saying honestly what that means. `when`: whether the pages are shown at
    all (not for an anonymous report, for example). `why`: why we ask which ways are safe,
    when the journey names who else is at risk (by default, the person reporting, or they
    and the person the report is about)."""
    pages = [
        Page(
            slug="contact-methods",
            section=section,
            questions=(
                Checkboxes(
                    name=CONTACT_METHODS,
                    label=_("Which ways are safe for us to contact you?"),
                    hint=avoid,
                    summary=_("Safe ways to contact you"),
                    options=(
                        Option("call", _("Phone call")),
                        Option(VOICEMAIL, _("Voicemail"), hint=_("We will only leave a message if you choose this")),
                        Option("text", _("Text message")),
                        Option("email", _("Email")),
                        Option("letter", _("Letter")),
                        Option(NO_CONTACT, _("Do not contact me"), hint=without_contact, set_apart=True),
                    ),
                ),
            ),
            why=why
            or Perspective(
                me=_("Contacting you in the wrong way could put you at risk. We will only use the ways you choose."),
                them=_(
                    "Contacting you in the wrong way could put you, or the person this is about, at risk. We will only use the ways you choose."
                ),
            ),
        ),
        Page(
            slug="contact-phone",
            section=section,
            when=Includes(CONTACT_METHODS, "call", "voicemail", "text"),
            questions=(
                Phone(
                    name=PHONE,
                    label=_("What phone number should we use?"),
                    hint=_("Only give a number that nobody else answers or checks."),
                    required=_("Enter a phone number, or go back and choose another way to contact you"),
                    summary=_("Phone number"),
                ),
            ),
        ),
        Page(
            slug="contact-email",
            section=section,
            when=Includes(CONTACT_METHODS, "email"),
            questions=(
                Email(
                    name=EMAIL,
                    label=_("What email address should we use?"),
                    hint=_("Only give an address nobody else can read."),
                    required=_("Enter an email address, or go back and choose another way to contact you"),
                    summary=_("Email address"),
                ),
            ),
        ),
        Page(
            slug="contact-address",
            section=section,
            when=Includes(CONTACT_METHODS, "letter"),
            questions=(
                LongText(
                    name=POSTAL_ADDRESS,
                    label=_("What address should we write to?"),
                    hint=_("Include the postcode. Only give an address where nobody else opens your post."),
                    required=_("Enter an address, or go back and choose another way to contact you"),
                    summary=_("Address for letters"),
                    rows=4,
                    max_length=500,
                ),
            ),
        ),
        Page(
            slug="safe-times",
            section=section,
            when=CAN_BE_CONTACTED,
            title=_("When is it safe to contact you?"),
            # A skipped answer never means any time: "any" is an option the person chooses, and
            # staff read a skipped answer as "not given: ask before calling"
            # (reporting.triage.safe_contact, SafeContactKeys.unstated_times).
            body=(
                _(
                    "Only choose 'Any day' or 'Any time of day' if any time is safe. If you skip this, we will not assume any time is safe."
                ),
            ),
            questions=(
                Checkboxes(
                    name=SAFE_DAYS,
                    label=_("Which days?"),
                    summary=_("Safe days"),
                    options=(
                        Option("weekdays", _("Weekdays (Monday to Friday)")),
                        Option("weekends", _("Weekends")),
                        Option(ANY_TIME, _("Any day"), set_apart=True),
                    ),
                ),
                Checkboxes(
                    name=SAFE_TIMES,
                    label=_("What times of day?"),
                    summary=_("Safe times"),
                    options=(
                        Option("morning", _("Morning (8am to 12pm)")),
                        Option("afternoon", _("Afternoon (12pm to 5pm)")),
                        Option("evening", _("Evening (5pm to 9pm)")),
                        Option(ANY_TIME, _("Any time of day"), set_apart=True),
                    ),
                ),
                Text(
                    name=SAFE_TIMES_DETAIL,
                    label=_("Anything else about when it is safe (optional)"),
                    hint=_("For example 'only when I am at work' or 'never after 6pm'."),
                    summary=_("More about safe times"),
                    width=None,
                ),
            ),
        ),
    ]
    if callback:
        pages.append(
            Page(
                slug="callback",
                section=section,
                when=BY_PHONE_CALL,
                title=_("When would you like us to call you?"),
                questions=(
                    Radios(
                        name=CALLBACK,
                        label=_("When should we call?"),
                        summary=_("When to call"),
                        options=(
                            Option("soon", _("As soon as you can")),
                            Option("chosen", _("At a time I choose")),
                        ),
                    ),
                    Text(
                        name=CALLBACK_TIME,
                        label=_("If you want us to call at a particular time, tell us when (optional)"),
                        hint=_(
                            "For example 'Tuesday after 6pm' or 'tomorrow morning'. We will call you then if we can."
                        ),
                        summary=_("Time to call"),
                        width=None,
                    ),
                ),
                why=_("So that we call when you are ready and it is safe to talk."),
            )
        )
    pages += [
        Page(
            slug="trusted-person",
            section=section,
            questions=(
                Radios(
                    name=TRUSTED_CONTACT,
                    label=_("Is there someone we can contact instead of you?"),
                    hint=_(
                        "For example a friend, a relative or a support worker you trust, if we cannot reach you safely."
                    ),
                    summary=_("Someone to contact instead"),
                    options=(Option("yes", _("Yes")), Option("no", _("No"))),
                ),
            ),
        ),
        Page(
            slug="trusted-person-details",
            section=section,
            when=Is(TRUSTED_CONTACT, "yes"),
            title=_("Who can we contact instead of you?"),
            questions=(
                Text(
                    name=TRUSTED_NAME,
                    label=_("Their name"),
                    summary=_("Name of the person to contact instead"),
                    width=None,
                ),
                Text(
                    name=TRUSTED_RELATIONSHIP,
                    label=_("How do you know them? (optional)"),
                    summary=_("How you know the person to contact instead"),
                    width=None,
                ),
                Phone(
                    name=TRUSTED_PHONE,
                    label=_("Their phone number"),
                    required=_("Enter their phone number"),
                    summary=_("Phone number of the person to contact instead"),
                ),
            ),
        ),
        Page(
            slug="language",
            section=section,
            title=_("Language"),
            questions=(
                Text(
                    name=LANGUAGE,
                    label=_("Which language would you like us to use? (optional)"),
                    hint=_("For example English, Welsh, Polish or British Sign Language."),
                    summary=_("Language"),
                ),
                Radios(
                    name=INTERPRETER,
                    label=_("Do you need an interpreter?"),
                    summary=_("Interpreter needed"),
                    options=(Option("yes", _("Yes")), Option("no", _("No"))),
                    inline=True,
                ),
            ),
        ),
        Page(
            slug="access-needs",
            section=section,
            questions=(
                LongText(
                    name=ACCESS_NEEDS,
                    label=_("Do you have any communication or access needs? (optional)"),
                    hint=_(
                        "For example if you use Relay UK, need information in Easy Read or large print, need more time, or need a step-free place to meet."
                    ),
                    summary=_("Communication or access needs"),
                    rows=4,
                    max_length=2_000,
                ),
            ),
        ),
    ]
    if officer:
        pages.append(
            Page(
                slug="officer",
                section=section,
                questions=(
                    Radios(
                        name=OFFICER_GENDER,
                        label=_("Would you prefer to speak to a female or male officer?"),
                        hint=_("We will try to arrange this, but we cannot always promise it."),
                        summary=_("Officer preference"),
                        options=(
                            Option("female", _("A female officer")),
                            Option("male", _("A male officer")),
                            Option("no_preference", _("I do not mind")),
                            Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                        ),
                    ),
                ),
            )
        )
    if when is always:
        return tuple(pages)
    return tuple(dataclasses.replace(page, when=AllOf(when, page.when)) for page in pages)
