"""Ask about a partner's past (Clare's Law, the Domestic Violence Disclosure Scheme, "Right to
Ask"): every page, question, branch and word of the application.

Someone applies for themselves or for someone else (as a relative, a friend or through their
work). The application goes to the police force covering the address of the person at risk;
the forces covering the addresses of the person it asks about (now and in the last five
years) are recorded for cross-force checks. Nothing is sent to the applicant automatically:
the police contact them only in the ways, and at the times, they choose.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..engine import (
    Flow,
    Is,
    LongText,
    Option,
    Page,
    Perspective,
    Postcode,
    Radios,
    Repeat,
    Section,
    Text,
    approach,
)
from ..engine.contact import contact_pages
from ..engine.journey import Journey, Milestone, PriorityFacts, SafeApproachKeys, Signpost
from ..engine.location import (
    APPLICATION_FORCE_LABEL,
    APPLICATION_SPLIT_HINT,
    address_decision,
    address_pages,
    with_cross_force_checks,
)
from ..engine.people import SubjectSummaries, applicant_pages, date_of_birth_or_age_page, subject_pages
from ..engine.questions import RATHER_NOT_SAY, YES_NO_NOT_SURE, Question
from ..engine.wording import Answers, Wording

SLUG = "clares-law"
FOR_SOMEONE_ELSE = Is("applicant_role", "third_party", "professional")
ADDRESS_LIMIT = 10

# Stable codes triage reads; the wording can change, these must not.
CHILDREN_IN_HOUSEHOLD = "children_in_household"


def risk_indicators(answers: Answers) -> list[str]:
    return [CHILDREN_IN_HOUSEHOLD] if answers.get("at_risk_children") == "yes" else []


SECTIONS = (
    Section("start", _("Before you start")),
    Section("you", _("About you")),
    Section("at_risk", Perspective(me=_("Where you live"), them=_("The person at risk"))),
    Section("subject", _("The person you are asking about")),
    Section("why", _("Why you are asking")),
    approach.SECTION,
    Section("contact", _("Contacting you safely")),
)


def previous_address_questions(*, address: Wording, postcode: Wording, dates: Wording) -> tuple[Question, ...]:
    """One previous address. The arguments are check your answers' labels, which must say
    whose address it is and its number ("%(number)d"). The address can only be left empty
    by going back and saying there are no more."""
    return (
        LongText(
            name="address",
            label=_("Address"),
            required=_("Enter the address, or go back and say there are no other addresses"),
            summary=address,
            rows=3,
            max_length=500,
        ),
        Postcode(name="postcode", label=_("Postcode (optional)"), summary=postcode),
        Text(
            name="dates",
            label=_("When, roughly? (optional)"),
            hint=_("For example '2019 to 2021'."),
            summary=dates,
            width=None,
        ),
    )


START = (
    Page(
        slug="before-you-start",
        section="start",
        title=_("Before you apply"),
        warning=_("If anyone is in danger right now, call 999."),
        template="reporting/journey/clares_law_intro.html",
    ),
    Page(
        slug="who-for",
        section="start",
        questions=(
            Radios(
                name="applicant_role",
                label=_("Who are you asking for?"),
                required=_("Select who you are asking for"),
                summary=_("Asking for"),
                options=(
                    Option("myself", _("Myself"), hint=_("I am worried about my partner or ex-partner")),
                    Option(
                        "third_party",
                        _("Someone I know"),
                        hint=_("For example a relative, a friend or a neighbour I am worried about"),
                    ),
                    Option(
                        "professional",
                        _("Someone I work with or support"),
                        hint=_("For example as a social worker, health worker or support worker"),
                    ),
                ),
            ),
        ),
        why=_(
            "If you ask for someone else, the police may decide to tell them, or someone else better placed to protect them, rather than you."
        ),
    ),
)

YOU = (
    *applicant_pages(
        section="you",
        other_names="applicant_previous_names",
        other_names_label=_("Any previous names (optional)"),
        other_names_summary=_("Your previous names"),
        why=_(
            "The police need to know who is asking, to check your application and to contact you. They will not tell the person you are asking about that you applied."
        ),
        # Applying for themselves, they give their address as the person at risk.
        address_when=FOR_SOMEONE_ELSE,
    ),
    Page(
        slug="your-connection",
        section="you",
        when=Is("applicant_role", "third_party"),
        questions=(
            Radios(
                name="applicant_connection",
                label=_("How do you know the person at risk?"),
                summary=_("How you know the person at risk"),
                options=(
                    Option("family", _("Family member")),
                    Option("friend", _("Friend")),
                    Option("neighbour", _("Neighbour")),
                    Option("other", _("Another way")),
                ),
            ),
        ),
    ),
    Page(
        slug="your-work",
        section="you",
        when=Is("applicant_role", "professional"),
        title=_("Your work"),
        questions=(
            Text(
                name="applicant_organisation",
                label=_("Where do you work? (optional)"),
                summary=_("Where you work"),
                width=None,
            ),
            Text(
                name="applicant_job",
                label=_("What is your job? (optional)"),
                summary=_("Your job"),
                width=None,
            ),
        ),
    ),
)

AT_RISK_PREVIOUS = Repeat(
    slug="previous-address",
    section="at_risk",
    name="at_risk_previous_address",
    when=Is("at_risk_moved", "yes"),
    title=Perspective(me=_("Your previous address %(number)d"), them=_("Their previous address %(number)d")),
    questions=previous_address_questions(
        address=Perspective(
            me=_("Your previous address %(number)d"),
            them=_("Previous address %(number)d of the person at risk"),
        ),
        postcode=Perspective(
            me=_("Postcode of your previous address %(number)d"),
            them=_("Postcode of previous address %(number)d of the person at risk"),
        ),
        dates=Perspective(
            me=_("When you lived at previous address %(number)d"),
            them=_("When the person at risk lived at previous address %(number)d"),
        ),
    ),
    another=Perspective(
        me=_("Have you lived at another address in the last five years?"),
        them=_("Have they lived at another address in the last five years?"),
    ),
    another_summary=Perspective(
        me=_("More addresses after your previous address %(number)d"),
        them=_("More addresses after previous address %(number)d of the person at risk"),
    ),
    limit=ADDRESS_LIMIT,
)

AT_RISK = (
    Page(
        slug="their-name",
        section="at_risk",
        when=FOR_SOMEONE_ELSE,
        title=_("The person at risk"),
        questions=(
            Text(
                name="at_risk_name",
                label=_("Their full name"),
                hint=_("Or the name you know them by."),
                required=_("Enter the name of the person at risk, or the name you know them by"),
                summary=_("Name of the person at risk"),
                width=None,
            ),
            Text(
                name="at_risk_previous_names",
                label=_("Any previous names (optional)"),
                summary=_("Previous names of the person at risk"),
                width=None,
            ),
        ),
    ),
    date_of_birth_or_age_page(
        slug="their-date-of-birth",
        section="at_risk",
        prefix="at_risk",
        date_of_birth_summary=_("Date of birth of the person at risk"),
        age_summary=_("Age of the person at risk"),
        when=FOR_SOMEONE_ELSE,
    ),
    Page(
        slug="address",
        section="at_risk",
        title=Perspective(me=_("Your address"), them=_("Their address")),
        body=(
            Perspective(
                me=_("We send your application to the police force for the area where you live."),
                them=_("We send your application to the police force for the area where the person at risk lives."),
            ),
        ),
        questions=(
            LongText(
                name="at_risk_address",
                label=_("Address (optional)"),
                summary=Perspective(me=_("Your current address"), them=_("Address of the person at risk")),
                rows=3,
                max_length=500,
            ),
            Postcode(
                name="at_risk_postcode",
                label=_("Postcode (optional)"),
                hint=_("If you do not know it, leave it empty and we will ask for the council area instead."),
                summary=Perspective(me=_("Your postcode"), them=_("Postcode of the person at risk")),
            ),
        ),
    ),
    *address_pages(
        section="at_risk",
        postcode="at_risk_postcode",
        council_label=Perspective(
            me=_("Which council area do you live in?"),
            them=_("Which council area do they live in?"),
        ),
        force_label=APPLICATION_FORCE_LABEL,
        split_hint=APPLICATION_SPLIT_HINT,
    ),
    Page(
        slug="moved",
        section="at_risk",
        questions=(
            Radios(
                name="at_risk_moved",
                label=Perspective(
                    me=_("Have you lived at any other address in the last five years?"),
                    them=_("Have they lived at any other address in the last five years?"),
                ),
                summary=Perspective(
                    me=_("Other addresses in the last five years"),
                    them=_("Other addresses of the person at risk in the last five years"),
                ),
                options=YES_NO_NOT_SURE,
            ),
        ),
        why=_(
            "Police records are kept by area. Knowing where someone has lived helps the police check the right ones."
        ),
    ),
    *AT_RISK_PREVIOUS.pages(),
    Page(
        slug="children",
        section="at_risk",
        questions=(
            Radios(
                name="at_risk_children",
                label=Perspective(me=_("Do any children live with you?"), them=_("Do any children live with them?")),
                summary=_("Children in the household"),
                options=(*YES_NO_NOT_SURE, Option("rather_not", RATHER_NOT_SAY, set_apart=True)),
            ),
        ),
        why=_(
            "So the police can think about everyone's safety. It does not mean anyone will be blamed, or that children will be taken away."
        ),
    ),
    Page(
        slug="children-details",
        section="at_risk",
        when=Is("at_risk_children", "yes"),
        questions=(
            LongText(
                name="at_risk_children_details",
                label=_("Tell us about the children (optional)"),
                hint=_(
                    "For example their first names and ages, and whether the person you are asking about is their parent."
                ),
                summary=_("About the children"),
                rows=4,
                max_length=2_000,
            ),
        ),
    ),
)

SUBJECT_PREVIOUS = Repeat(
    slug="subject-previous-address",
    section="subject",
    name="subject_previous_address",
    when=Is("subject_moved", "yes"),
    title=_("Their previous address %(number)d"),
    questions=previous_address_questions(
        address=_("Previous address %(number)d of the person you are asking about"),
        postcode=_("Postcode of previous address %(number)d of the person you are asking about"),
        dates=_("When the person you are asking about lived at previous address %(number)d"),
    ),
    another=_("Have they lived at another address in the last five years?"),
    another_summary=_("More addresses after previous address %(number)d of the person you are asking about"),
    limit=ADDRESS_LIMIT,
)

SUBJECT = (
    Page(
        slug="relationship",
        section="subject",
        questions=(
            Radios(
                name="relationship",
                label=Perspective(
                    me=_("What is your relationship with the person you are asking about?"),
                    them=_("What is the relationship between the person at risk and the person you are asking about?"),
                ),
                summary=_("Relationship"),
                options=(
                    Option("partner", _("Partners, or married")),
                    Option("ex_partner", _("Ex-partners")),
                    Option("new", _("Just starting a relationship, or seeing each other")),
                    Option("other", _("Something else")),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
    ),
    *subject_pages(
        section="subject",
        title=_("Their name"),
        summaries=SubjectSummaries(
            name=_("Name of the person you are asking about"),
            other_names=_("Other names of the person you are asking about"),
            date_of_birth=_("Date of birth of the person you are asking about"),
            age=_("Age of the person you are asking about"),
            address=_("Address of the person you are asking about"),
            postcode=_("Postcode of the person you are asking about"),
        ),
        why=_("The police need the name to find the right records. They will not tell this person that you asked."),
    ),
    Page(
        slug="subject-moved",
        section="subject",
        questions=(
            Radios(
                name="subject_moved",
                label=_("Have they lived at any other address in the last five years?"),
                summary=_("Other addresses of the person you are asking about in the last five years"),
                options=YES_NO_NOT_SURE,
            ),
        ),
        why=_(
            "Police records are kept by area. If they have lived somewhere else, the police there will be asked to check their records too."
        ),
    ),
    *SUBJECT_PREVIOUS.pages(),
    Page(
        slug="subject-more",
        section="subject",
        questions=(
            LongText(
                name="subject_description",
                label=_("Is there anything else that would help the police find the right person? (optional)"),
                hint=_("For example where they work, what they look like, or the names they use online."),
                summary=_("More about the person you are asking about"),
                rows=4,
                max_length=2_000,
            ),
        ),
    ),
)

WHY = (
    Page(
        slug="what-prompted",
        section="why",
        questions=(
            LongText(
                name="prompted",
                label=_("What has made you want to ask?"),
                hint=_(
                    "For example something they said or did, something you heard about them, or a change in how they behave. Tell us as much or as little as you want. You can leave this empty."
                ),
                summary=_("What made you ask"),
            ),
        ),
        why=_("It helps the police understand the risk and decide how quickly to act."),
    ),
)

CONTACT = contact_pages(
    section="contact",
    avoid=_(
        "Only choose ways that the person you are asking about cannot see or hear. We will not send you any messages except in the ways you choose."
    ),
    without_contact=_(
        "Your application will be recorded, but the police cannot reply to you or go ahead with it. To give a way to contact you later, go to Your report on this website with the reference number and private code you get when you send it, or call 101 and give your reference number"
    ),
    why=Perspective(
        me=_("Contacting you in the wrong way could put you at risk. We will only use the ways you choose."),
        them=_(
            "Contacting you in the wrong way could put the person at risk, or you, in danger. We will only use the ways you choose."
        ),
    ),
)


def subject_postcodes(answers: Answers) -> list[str]:
    """Where the person asked about lives and has lived: their forces do the cross-force checks."""
    return [
        "subject_postcode",
        *(f"{SUBJECT_PREVIOUS.name}_{number}_postcode" for number in range(1, SUBJECT_PREVIOUS.limit + 1)),
    ]


CLARES_LAW = Flow(
    slug=SLUG,
    sections=SECTIONS,
    pages=(
        *START,
        *YOU,
        *AT_RISK,
        *SUBJECT,
        *WHY,
        *approach.approach_pages(
            section=approach.SECTION.key,
            when=FOR_SOMEONE_ELSE,
            they_know=_("Does the person at risk know you are applying?"),
            lives_with=_("Does the person you are asking about live with them?"),
        ),
        *CONTACT,
    ),
    someone_else=FOR_SOMEONE_ELSE,
    routing=with_cross_force_checks(address_decision("at_risk_postcode"), subject_postcodes),
    risk_indicators=risk_indicators,
)

JOURNEY = Journey(
    slug=SLUG,
    title=_("Ask about a partner's past (Clare's Law)"),
    summary=_("Ask the police whether a partner, or someone else's partner, has a history of abuse or violence."),
    before_you_start=(
        _("This is not for reporting a crime."),
        _(
            "If the police decide to share information, they tell the person best placed to protect the person at risk, in person."
        ),
        _("We will not send you any emails, texts or letters unless you ask us to contact you that way."),
    ),
    flow=CLARES_LAW,
    # Measured: tests/reporting/test_journey_navigation.py (measured_minutes).
    minutes=30,
    short_label=_("Clare's Law request"),
    type_weight=5,
    type_reason=_("Clare's Law request"),
    milestones=(
        Milestone("initial_checks", _("Initial checks"), timedelta(hours=24)),
        Milestone("decision", _("Decision"), timedelta(days=28)),
    ),
    priority=PriorityFacts(in_danger=None, children=None, injured=None),
    safe_approach=SafeApproachKeys(),
    # Someone applying for another person is offered support for themselves too.
    signposting=(Signpost("domestic_abuse"), Signpost("supporters", when=FOR_SOMEONE_ELSE)),
    application=True,
    next_steps="reporting/journey/next_steps/clares_law.html",
)
