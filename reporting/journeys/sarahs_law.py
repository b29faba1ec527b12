"""Ask about someone with access to a child (Sarah's Law, the Child Sex Offender Disclosure
Scheme): every page, question, branch and word of the application.

An application is about one specific person. It goes to the police force for the area where
the child lives, because that force is best placed to protect the child and to meet whoever
is best placed to protect them; the forces covering the address of the person asked about
are recorded for cross-force checks. It ends with a declaration: an application is not a
report, what it says may be shared to keep children safe, and misusing it has consequences.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..engine import (
    Checkboxes,
    DateInput,
    Flow,
    Format,
    LongText,
    Option,
    Page,
    Postcode,
    Radios,
    Repeat,
    Section,
    Text,
    always,
)
from ..engine.contact import contact_pages
from ..engine.journey import Journey, Milestone, PriorityFacts, Signpost
from ..engine.location import (
    APPLICATION_FORCE_LABEL,
    APPLICATION_SPLIT_HINT,
    address_decision,
    address_pages,
    with_cross_force_checks,
)
from ..engine.people import SubjectSummaries, applicant_pages, subject_pages
from ..engine.wording import Answers

SLUG = "sarahs-law"
# How long it takes, measured: tests/reporting/test_journey_navigation.py (measured_minutes).
MINUTES = 25
CHILD_LIMIT = 8

SECTIONS = (
    Section("start", _("Before you start")),
    Section("you", _("About you")),
    Section("child", _("The child or children")),
    Section("subject", _("The person you are worried about")),
    Section("concern", _("Why you are worried")),
    Section("contact", _("Contacting you safely")),
    Section("declaration", _("Declaration")),
)

START = (
    Page(
        slug="before-you-start",
        section="start",
        title=_("Before you apply"),
        warning=_("If a child is in danger right now, call 999."),
        body=(
            _(
                "Use this form to ask the police whether one specific person who has contact with a child has a record of sexual offences against children, or is otherwise a risk to them."
            ),
            _(
                "You can only ask about one person in each application. You cannot ask about people in an area in general."
            ),
            _(
                "This form is not for reporting a crime. If you think a child is being harmed, call 101, or 999 if they are in danger now."
            ),
            _(
                "If the police decide to share information, they tell the person best placed to protect the child, usually a parent, carer or guardian. This might not be you."
            ),
            Format(
                _("It takes about %(minutes)d minutes. You can save your answers and come back later."), minutes=MINUTES
            ),
        ),
    ),
)

YOU = (
    *applicant_pages(
        section="you",
        other_names="applicant_other_names",
        other_names_label=_("Any other names you have used (optional)"),
        other_names_summary=_("Your other names"),
        why=_("The police need to know who is asking, to check your application and to contact you."),
    ),
    Page(
        slug="your-connection",
        section="you",
        questions=(
            Radios(
                name="applicant_connection",
                label=_("How are you connected to the child or children?"),
                summary=_("How you are connected to the child"),
                options=(
                    Option("parent", _("I am their parent")),
                    Option("guardian", _("I am their carer or guardian")),
                    Option("relative", _("I am another relative")),
                    Option("friend", _("I am a family friend or neighbour")),
                    Option(
                        "work",
                        _("Through my work"),
                        hint=_("For example as a teacher, social worker or health visitor"),
                    ),
                    Option("other", _("Another way")),
                ),
            ),
        ),
    ),
)

CHILDREN = Repeat(
    slug="child",
    section="child",
    name="child",
    title=_("Child %(number)d"),
    questions=(
        Text(
            name="name",
            label=_("Their full name (optional)"),
            summary=_("Name of child %(number)d"),
            width=None,
        ),
        DateInput(
            name="dob",
            label=_("Their date of birth (optional)"),
            summary=_("Date of birth of child %(number)d"),
            in_future=_("Their date of birth must be in the past"),
        ),
        Text(
            name="age",
            label=_("If you do not know their date of birth, how old are they? (optional)"),
            summary=_("Age of child %(number)d"),
            width=10,
        ),
        LongText(
            name="address",
            label=_("Their address, if it is not the one you gave before (optional)"),
            summary=_("Address of child %(number)d"),
            rows=3,
            max_length=500,
        ),
    ),
    another=_("Is there another child you are worried about?"),
    another_summary=_("More children after child %(number)d"),
    limit=CHILD_LIMIT,
)

CHILD = (
    Page(
        slug="child-address",
        section="child",
        title=_("Where the child lives"),
        body=(
            _(
                "We send your application to the police force for the area where the child lives. If there is more than one child and they live at different addresses, give one here: you can give the others next."
            ),
        ),
        questions=(
            LongText(
                name="child_address",
                label=_("Address (optional)"),
                summary=_("Where the child lives"),
                rows=3,
                max_length=500,
            ),
            Postcode(
                name="child_postcode",
                label=_("Postcode (optional)"),
                hint=_("If you do not know it, leave it empty and we will ask for the council area instead."),
                summary=_("Postcode where the child lives"),
            ),
        ),
    ),
    *address_pages(
        section="child",
        postcode="child_postcode",
        council_label=_("Which council area does the child live in?"),
        force_label=APPLICATION_FORCE_LABEL,
        split_hint=APPLICATION_SPLIT_HINT,
    ),
    *CHILDREN.pages(),
    Page(
        slug="parental-responsibility",
        section="child",
        title=_("Parental responsibility"),
        body=(
            _(
                "Parental responsibility means the legal rights and duties of a parent. A child's mother usually has it, and often the father. A guardian or a council can have it too."
            ),
        ),
        questions=(
            Radios(
                name="parental_responsibility",
                label=_("Who has parental responsibility for the child or children?"),
                summary=_("Who has parental responsibility"),
                options=(
                    Option("me", _("I do")),
                    Option("shared", _("I share it with someone else")),
                    Option("other", _("Someone else")),
                    Option("not_sure", _("I'm not sure"), set_apart=True),
                ),
            ),
            Text(
                name="parental_responsibility_names",
                label=_("Who else has it? (optional)"),
                hint=_("Their names, and how they are connected to the child."),
                summary=_("Others with parental responsibility"),
                width=None,
            ),
        ),
        why=_("If the police share information, they usually tell the person with parental responsibility."),
    ),
)

SUBJECT = (
    *subject_pages(
        section="subject",
        title=_("The person you are worried about"),
        body=(_("Tell us about the one person this application is about."),),
        summaries=SubjectSummaries(
            name=_("Name of the person you are worried about"),
            other_names=_("Other names of the person you are worried about"),
            date_of_birth=_("Date of birth of the person you are worried about"),
            age=_("Age of the person you are worried about"),
            address=_("Address of the person you are worried about"),
            postcode=_("Postcode of the person you are worried about"),
        ),
    ),
    Page(
        slug="subject-connection",
        section="subject",
        questions=(
            Radios(
                name="subject_connection",
                label=_("How is this person connected to the child?"),
                summary=_("How they are connected to the child"),
                options=(
                    Option("parent", _("They are the child's parent")),
                    Option("parents_partner", _("They are a parent's partner")),
                    Option("relative", _("They are another relative")),
                    Option("friend", _("They are a family friend or neighbour")),
                    Option(
                        "work",
                        _("They work or volunteer with the child"),
                        hint=_("For example a coach, tutor or babysitter"),
                    ),
                    Option("online", _("The child knows them online")),
                    Option("other", _("Another way")),
                    Option("not_sure", _("I'm not sure"), set_apart=True),
                ),
            ),
        ),
    ),
    Page(
        slug="subject-contact",
        section="subject",
        questions=(
            LongText(
                name="subject_contact",
                label=_("What contact do they have with the child? (optional)"),
                hint=_("For example how often they see the child, where, and whether they are ever alone with them."),
                summary=_("Contact with the child"),
                rows=5,
                max_length=2_000,
            ),
        ),
        why=_("It helps the police understand the risk to the child and decide how quickly to act."),
    ),
)

CONCERN = (
    Page(
        slug="concern",
        section="concern",
        warning=_("If you think a child has been harmed, or is in danger now, call 999."),
        questions=(
            LongText(
                name="concern",
                label=_("Why are you worried about this person?"),
                hint=_(
                    "For example something they have said or done, or something you have heard about them. This may be upsetting to write about: you can leave it empty and tell an officer instead."
                ),
                summary=_("Why you are worried"),
            ),
        ),
    ),
)

CONTACT = contact_pages(
    section="contact",
    avoid=_(
        "Only choose ways that the person you are worried about cannot see or hear. We will not send you any messages except in the ways you choose."
    ),
    without_contact=_("Without a way to contact you, the police cannot go ahead with your application"),
    why=_(
        "Contacting you in the wrong way could put you, or the child, at risk. We will only use the ways you choose."
    ),
)

DECLARATION = (
    Page(
        slug="declaration",
        section="declaration",
        title=_("Declaration"),
        body=(
            _("This is an application for information. It is not a report of a crime."),
            _(
                "To keep children safe, the police may share what you have told them with others who protect children, such as children's social care, schools, health services and probation."
            ),
            _(
                "If the police share information with you, it is so you can protect the child. You must keep it to yourself unless the police agree otherwise."
            ),
            _(
                "If you give false information on purpose, or share what you are told without the police's agreement, the police may take action against you."
            ),
        ),
        questions=(
            Checkboxes(
                name="declaration",
                label=_("Your declaration"),
                required=_("Confirm that you understand and agree, to send your application"),
                summary=_("Declaration"),
                options=(
                    Option(
                        "agreed",
                        _("I understand this, and what I have told the police is true, as far as I know"),
                    ),
                ),
            ),
        ),
    ),
)


def subject_postcodes(answers: Answers) -> list[str]:
    """Where the person asked about lives: their force does the cross-force checks."""
    return ["subject_postcode"]


SARAHS_LAW = Flow(
    slug=SLUG,
    sections=SECTIONS,
    pages=(*START, *YOU, *CHILD, *SUBJECT, *CONCERN, *CONTACT, *DECLARATION),
    # The applicant always asks for a child, never for themselves: shared pages speak to
    # them as someone asking for another person.
    someone_else=always,
    routing=with_cross_force_checks(address_decision("child_postcode"), subject_postcodes),
)

JOURNEY = Journey(
    slug=SLUG,
    title=_("Ask about someone with access to a child (Sarah's Law)"),
    summary=_(
        "Ask the police whether a specific person who has contact with a child has a record of sexual offences against children."
    ),
    before_you_start=(
        _("You can only ask about one specific person."),
        _("This is not for reporting a crime."),
        _(
            "If the police decide to share information, they tell the person best placed to protect the child, usually a parent, carer or guardian."
        ),
    ),
    flow=SARAHS_LAW,
    minutes=MINUTES,
    short_label=_("Sarah's Law request"),
    type_weight=10,
    type_reason=_("A child may be at risk (Sarah's Law)"),
    milestones=(
        Milestone("initial_checks", _("Initial checks"), timedelta(hours=24)),
        Milestone("interview", _("Interview"), timedelta(days=10)),
        Milestone("complete", _("Complete"), timedelta(days=45)),
    ),
    priority=PriorityFacts(in_danger=None, children=None, injured=None),
    # The applicant is worried about someone's behaviour towards a child; nothing says they
    # were assaulted, so no rape crisis line or SARC (issue 11).
    signposting=(Signpost("child_safety"),),
    application=True,
    next_steps="reporting/journey/next_steps/sarahs_law.html",
)
