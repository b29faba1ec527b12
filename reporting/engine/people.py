"""The person applying, and the person an application is about: pages any journey can include.

The disclosure schemes (Clare's Law, Sarah's Law) ask the same things about the applicant and
about the person they ask about. A journey passes the words that depend on it: how it names
that person on check your answers ("the person you are asking about"), why it asks, and when
a page is shown. The answers keep one name in every journey (`applicant_name`,
`subject_dob`, ...), so triage, the case file and the cross-force checks read them the same
way; only the applicant's other names are named by the journey, because answers were stored
under both names before these pages were shared.

    applicant_pages(section="you", other_names="applicant_other_names", ...)
    subject_pages(section="subject", title=_("Their name"), summaries=SubjectSummaries(...))
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .conditions import always
from .flow import Page
from .questions import DateInput, LongText, Postcode, Text
from .wording import Condition, Wording


def applicant_pages(
    *,
    section: str,
    other_names: str,
    other_names_label: Wording,
    other_names_summary: Wording,
    why: Wording,
    address_when: Condition = always,
) -> tuple[Page, ...]:
    """The applicant's name, date of birth and address. `other_names`: the answer name for
    any names they used before. `why`: why the police need their name. `address_when`:
    whether to ask for their address (not when a journey asks for it elsewhere, as Clare's Law
    does from a person at risk applying for themselves)."""
    return (
        Page(
            slug="your-name",
            section=section,
            title=_("Your name"),
            questions=(
                Text(
                    name="applicant_name",
                    label=_("Full name"),
                    required=_("Enter your full name"),
                    summary=_("Your full name"),
                    width=None,
                ),
                Text(
                    name=other_names,
                    label=other_names_label,
                    hint=_("For example a name you had before you married."),
                    summary=other_names_summary,
                    width=None,
                ),
            ),
            why=why,
        ),
        Page(
            slug="your-date-of-birth",
            section=section,
            questions=(
                DateInput(
                    name="applicant_dob",
                    label=_("What is your date of birth?"),
                    hint=_("For example, 27 3 1990. You can leave this empty."),
                    summary=_("Your date of birth"),
                    in_future=_("Your date of birth must be in the past"),
                ),
            ),
            why=_("It helps the police find the right records and confirm who you are when they meet you."),
        ),
        Page(
            slug="your-address",
            section=section,
            when=address_when,
            questions=(
                LongText(
                    name="applicant_address",
                    label=_("What is your address? (optional)"),
                    hint=_("Include the postcode. Leave this empty if it is not safe to give it."),
                    summary=_("Your address"),
                    rows=4,
                    max_length=500,
                ),
            ),
        ),
    )


def date_of_birth_or_age_page(
    *,
    slug: str,
    section: str,
    prefix: str,
    date_of_birth_summary: Wording,
    age_summary: Wording,
    when: Condition = always,
) -> Page:
    """For someone else, whose date of birth the applicant may not know: a rough age will do.
    The answers are `<prefix>_dob` and `<prefix>_age`."""
    return Page(
        slug=slug,
        section=section,
        when=when,
        title=_("Their date of birth or age"),
        body=(_("Give their date of birth if you know it. If not, a rough age helps."),),
        questions=(
            DateInput(
                name=f"{prefix}_dob",
                label=_("Date of birth (optional)"),
                summary=date_of_birth_summary,
            ),
            Text(
                name=f"{prefix}_age",
                label=_("Or their age, roughly (optional)"),
                hint=_("For example 'about 30'."),
                summary=age_summary,
                width=10,
            ),
        ),
    )


@dataclass(frozen=True, kw_only=True)
class SubjectSummaries:
    """Check your answers' labels for the subject's answers. Each names the person in full
    ("Age of the person you are worried about"), as one string, so a translator sees the
    whole phrase."""

    name: Wording
    other_names: Wording
    date_of_birth: Wording
    age: Wording
    address: Wording
    postcode: Wording


def subject_pages(
    *,
    section: str,
    title: Wording,
    summaries: SubjectSummaries,
    body: tuple[Wording, ...] = (),
    why: Wording | None = None,
) -> tuple[Page, ...]:
    """The name, date of birth and address of the person the application is about, as far as
    the applicant knows them. `title`, `body` and `why` belong to the name page, which opens
    the journey's section about that person."""
    return (
        Page(
            slug="subject-name",
            section=section,
            title=title,
            body=body,
            questions=(
                Text(
                    name="subject_name",
                    label=_("Their full name"),
                    hint=_("If you only know part of it, or a nickname, give that."),
                    required=_("Enter their name, or the name you know them by"),
                    summary=summaries.name,
                    width=None,
                ),
                Text(
                    name="subject_other_names",
                    label=_("Any other names they use or have used (optional)"),
                    hint=_("For example a nickname, a name on social media, or a name before they married."),
                    summary=summaries.other_names,
                    width=None,
                ),
            ),
            why=why,
        ),
        date_of_birth_or_age_page(
            slug="subject-date-of-birth",
            section=section,
            prefix="subject",
            date_of_birth_summary=summaries.date_of_birth,
            age_summary=summaries.age,
        ),
        Page(
            slug="subject-address",
            section=section,
            title=_("Their address"),
            body=(_("Tell us where they live now, if you know. You can leave this empty."),),
            questions=(
                LongText(
                    name="subject_address",
                    label=_("Address (optional)"),
                    summary=summaries.address,
                    rows=3,
                    max_length=500,
                ),
                Postcode(
                    name="subject_postcode",
                    label=_("Postcode (optional)"),
                    summary=summaries.postcode,
                ),
            ),
        ),
    )
