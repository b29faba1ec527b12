"""Report domestic abuse: every page, question, branch and word of the journey.

Written for someone who may be frightened, watched or in a hurry: one question a page, every
sensitive question can be skipped and says why we ask, a warning comes before distressing
questions, and nothing blames the person. The questions about risk are our own wording of
the indicators triage needs; they are not any published checklist.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..engine import (
    Checkboxes,
    Flow,
    Is,
    LongText,
    Not,
    Option,
    Page,
    Perspective,
    Radios,
    Section,
    Text,
    approach,
)
from ..engine.account import (
    about_them_page,
    about_you_page,
    what_happened_page,
    when_page,
    your_name_page,
)
from ..engine.age import CHILD, age_band_page
from ..engine.answers import AGE_BAND, CHILDREN, IN_DANGER, INJURED, PERSON_LIVES_WITH, SUPPORT_REFERRALS, WHO_FOR
from ..engine.contact import contact_pages
from ..engine.journey import Journey, Milestone, PriorityFacts, SafeApproachKeys, Signpost
from ..engine.location import location_decision, location_pages
from ..engine.questions import RATHER_NOT_SAY, YES_NO_NOT_SURE
from ..engine.wording import Answers

SLUG = "domestic-abuse"
SOMEONE_ELSE = Is(WHO_FOR, "someone_else")

# Stable codes triage reads; the wording can change, these must not.
RISK_INDICATORS = (
    "strangulation",
    "threats_to_kill",
    "weapons",
    "escalation",
    "separation",
    "stalking",
    "pregnancy",
)


def risk_indicators(answers: Answers) -> list[str]:
    chosen = answers.get("risk_indicators") or []
    return [code for code in RISK_INDICATORS if code in chosen]


SECTIONS = (
    Section("now", _("Right now")),
    Section("who", _("Who this is about")),
    Section("what", _("What happened")),
    Section("where", _("Where it happened")),
    Section("risk", _("Safety and risk")),
    Section("person", Perspective(me=_("The person who hurt you"), them=_("The person who hurt them"))),
    approach.SECTION,
    Section("contact", _("Contacting you safely")),
    Section("support", _("Support")),
    Section("copy", _("Your copy")),
)

NOW = (
    Page(
        slug="in-danger",
        section="now",
        questions=(
            Radios(
                name=IN_DANGER,
                label=_("Is anyone in danger right now?"),
                # Asked before we know who the report is about: neutral words, for anyone.
                hint=_("For example, if the person causing harm is there now, nearby or on their way."),
                required=_("Select whether anyone is in danger right now"),
                options=YES_NO_NOT_SURE,
            ),
        ),
    ),
    Page(
        slug="get-help-now",
        section="now",
        when=Is(IN_DANGER, "yes", "not_sure"),
        title=_("Call 999 now if you can"),
        warning=_(
            "Online reports are not read straight away. If someone is in danger, calling 999 is the fastest way to get help."
        ),
        # A button to call 999 comes before the words (the template). Pressing 55 (the Silent
        # Solution) works from a mobile only; a silent call from a landline stays open to the
        # operator, who listens for signs of an emergency. IOPC and police, "Silent Solution"
        # guidance: https://www.policeconduct.gov.uk/sites/default/files/Documents/research-learning/Silent_solution_guide.pdf
        template="reporting/journey/get_help_now.html",
        body=(
            _(
                "If you cannot speak, call 999 from a mobile and listen. Cough or tap the phone if you can. When you hear a recorded message, press 55: the call then goes to the police."
            ),
            _(
                "Pressing 55 does not tell the police where you are. If you can, whisper your address or answer their questions by tapping."
            ),
            _(
                "Pressing 55 only works from a mobile. From a landline, stay on the line without speaking: the operator listens for signs of an emergency and can put you through to the police. The address of a landline is usually passed to them."
            ),
            _(
                "If you are deaf, hard of hearing or cannot speak, you can call 18000 with Relay UK, or text 999 if you have registered for emergency SMS."
            ),
            _("When you are safe, you can carry on with this report. We save your answers as you go."),
        ),
        continue_label=_("I am safe to carry on"),
    ),
)

# Someone in danger now: an answer of "yes" starts this clock instead of the usual first
# contact, and staff see the report flagged at once. An hour, as a published response policy
# gives for "priority" calls (Suffolk Constabulary, "priority: within the hour",
# https://www.suffolk.police.uk/contact-us/police-response-policy); docs/service-levels.md.
URGENT_CONTACT = Milestone(
    "urgent_contact",
    _("Urgent first contact: someone in danger now"),
    timedelta(hours=1),
    when=Is(IN_DANGER, "yes"),
    replaces="first_contact",
)

WHO = (
    Page(
        slug="who-for",
        section="who",
        questions=(
            Radios(
                name=WHO_FOR,
                label=_("Who are you telling us about?"),
                hint=_(
                    "You can report for someone else, for example a friend, a relative or someone you support at work."
                ),
                required=_("Select who you are telling us about"),
                summary=_("Who it is about"),
                options=(
                    Option("myself", _("Myself"), hint=_("It is happening, or happened, to me")),
                    Option("someone_else", _("Someone else"), hint=_("I am worried about someone")),
                ),
            ),
        ),
    ),
    your_name_page(
        section="who",
        when=Not(SOMEONE_ELSE),
        hint=_("You can leave this empty. It is easier for us to help you if we know who you are."),
    ),
    about_them_page(
        section="who",
        when=SOMEONE_ELSE,
        title=_("About the person you are worried about"),
        name_summary=_("Name of the person you are worried about"),
        they_know_hint=_("We ask so that we do not contact them in a way that could put them at risk."),
    ),
    about_you_page(
        section="who",
        when=SOMEONE_ELSE,
        connection_summary=_("How you know the person you are worried about"),
    ),
    age_band_page(section="who"),
)

WHAT = (
    Page(
        slug="before-you-tell-us",
        section="what",
        title=_("Before you tell us what happened"),
        body=(
            _("The next questions ask about the abuse. Some of them may be upsetting to read or to answer."),
            _("You can skip any question. You can stop at any time, and save your answers to finish later."),
            _("Abuse is never the fault of the person being abused."),
            _(
                "If you want to talk to someone first, the National Domestic Abuse Helpline is free and open all day, every day: 0808 2000 247."
            ),
        ),
    ),
    Page(
        slug="relationship",
        section="what",
        questions=(
            Radios(
                name="relationship",
                label=Perspective(
                    me=_("How do you know the person who hurt you?"),
                    them=_("How do they know the person who hurt them?"),
                ),
                hint=_(
                    "Domestic abuse is abuse by a partner, an ex-partner or a family member, or by someone who shares the care of a child. It can happen without living together."
                ),
                summary=Perspective(me=_("How you know them"), them=_("How they know them")),
                options=(
                    Option("partner", _("A partner"), hint=_("Including a husband, wife, boyfriend or girlfriend")),
                    Option("ex_partner", _("An ex-partner")),
                    Option(
                        "family",
                        _("A family member"),
                        hint=_("For example a parent, child, brother, sister or other relative"),
                    ),
                    Option(
                        "co_parent",
                        _("Someone who shares the care of a child"),
                        hint=_("For example a child's other parent"),
                    ),
                    Option("other", _("Someone else")),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
        why=_("It helps us understand what has been happening and who is best placed to help."),
    ),
    Page(
        slug="kinds-of-abuse",
        section="what",
        questions=(
            Checkboxes(
                name="abuse_kinds",
                label=Perspective(
                    me=_("What has the person who hurt you done?"),
                    them=_("What has the person who hurt them done?"),
                ),
                hint=_("Select all that apply. Abuse often includes more than one of these."),
                summary=_("Kinds of abuse"),
                options=(
                    Option(
                        "emotional",
                        _("Emotional or psychological abuse"),
                        hint=_(
                            "For example insults, humiliation, blame, or cutting someone off from friends and family"
                        ),
                    ),
                    Option(
                        "controlling",
                        _("Controlling or coercive behaviour"),
                        hint=_(
                            "A pattern of control, for example checking a phone, deciding who someone sees or where they go, or using threats to make them do things"
                        ),
                    ),
                    Option(
                        "economic",
                        _("Financial or economic abuse"),
                        hint=_(
                            "For example taking or controlling money, stopping someone working, or running up debts in their name"
                        ),
                    ),
                    Option(
                        "physical",
                        _("Physical abuse"),
                        hint=_("For example hitting, pushing, kicking, biting, or holding someone down"),
                    ),
                    Option(
                        "sexual",
                        _("Sexual abuse"),
                        hint=_(
                            "Any sexual act or touching without consent, including within a relationship or marriage"
                        ),
                    ),
                    Option(
                        "stalking",
                        _("Stalking or harassment"),
                        hint=_("For example following, watching, turning up uninvited, or repeated unwanted messages"),
                    ),
                    Option(
                        "threats",
                        _("Threats or violence"),
                        hint=_("Threats to hurt someone, their children, family or pets, or to damage their things"),
                    ),
                    Option(
                        "honour",
                        _("Abuse to protect a family's 'honour', or forcing someone to marry"),
                        hint=_(
                            "For example pressure to marry, being taken abroad to marry, or punishment for 'shaming' a family"
                        ),
                    ),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
        why=_("Knowing what has happened helps us decide which officers and support services can help."),
    ),
    what_happened_page(
        section="what",
        them=_("Tell us what has happened to them"),
        hint=_(
            "Use your own words. You do not need to start at the beginning or remember everything. You can leave this empty and tell an officer instead."
        ),
    ),
    when_page(
        section="what",
        roughly=Radios(
            name="when_last",
            label=_("When did it last happen?"),
            summary=_("When it last happened"),
            options=(
                Option("ongoing", _("It is still happening")),
                Option("today", _("Today")),
                Option("this_week", _("In the last 7 days")),
                Option("this_month", _("In the last month")),
                Option("longer", _("More than a month ago")),
                Option("not_sure", _("I'm not sure"), set_apart=True),
            ),
        ),
        examples=_("For example '3 March', 'around Christmas' or 'for the last two years'."),
    ),
)

RISK = (
    Page(
        slug="injuries",
        section="risk",
        questions=(
            Radios(
                name=INJURED,
                label=Perspective(me=_("Have you been injured?"), them=_("Have they been injured?")),
                hint=_("Include injuries that cannot be seen, such as pain after being held by the neck."),
                summary=_("Injuries"),
                options=(*YES_NO_NOT_SURE, Option("rather_not", RATHER_NOT_SAY, set_apart=True)),
            ),
        ),
        why=Perspective(
            me=_("Some injuries need treatment soon, and some can be recorded as evidence if you want."),
            them=_("Some injuries need treatment soon, and some can be recorded as evidence if they want."),
        ),
    ),
    Page(
        slug="injury-details",
        section="risk",
        when=Is(INJURED, "yes", "not_sure"),
        title=Perspective(me=_("Your injuries"), them=_("Their injuries")),
        warning=_("If someone is badly hurt, call 999 for an ambulance. For urgent medical advice, call 111."),
        questions=(
            Radios(
                name="medical_help",
                label=_("Is medical help needed?"),
                options=(
                    Option("now", _("Yes, now")),
                    Option("soon", _("Yes, but it is not an emergency")),
                    Option("had", _("Medical help has already been given")),
                    Option("no", _("No")),
                    Option("not_sure", _("I'm not sure")),
                ),
            ),
            LongText(
                name="injury_details",
                label=_("Tell us about the injuries (optional)"),
                summary=_("About the injuries"),
                rows=4,
            ),
        ),
    ),
    Page(
        slug="children",
        section="risk",
        questions=(
            Radios(
                name=CHILDREN,
                label=Perspective(
                    me=_("Do any children or other dependants live with you?"),
                    them=_("Do any children or other dependants live with them?"),
                ),
                hint=_("Dependants are people who rely on someone for care, such as an older or disabled relative."),
                summary=_("Children or dependants at home"),
                options=(
                    Option("yes", _("Yes")),
                    Option("no", _("No")),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
        why=_(
            "We ask so we can make sure everyone at home is safe. It does not mean anyone will be blamed, or that children will be taken away."
        ),
    ),
    Page(
        slug="children-details",
        section="risk",
        when=Is(CHILDREN, "yes"),
        questions=(
            LongText(
                name="children_details",
                label=_("Tell us about them (optional)"),
                hint=_("For example their ages, and whether they have seen or heard the abuse or been hurt."),
                summary=_("About the children or dependants"),
                rows=4,
            ),
        ),
    ),
    Page(
        slug="risk",
        section="risk",
        warning=_("This question mentions serious violence."),
        questions=(
            Checkboxes(
                name="risk_indicators",
                label=Perspective(me=_("Do any of these apply to you?"), them=_("Do any of these apply to them?")),
                hint=_("Select all that apply."),
                summary=_("Things that raise the risk"),
                options=(
                    Option(
                        "strangulation",
                        Perspective(
                            me=_(
                                "The person who hurt me has choked or strangled me, smothered me, or held me by the neck"
                            ),
                            them=_(
                                "The person who hurt them has choked or strangled them, smothered them, or held them by the neck"
                            ),
                        ),
                    ),
                    Option(
                        "threats_to_kill",
                        Perspective(
                            me=_("The person who hurt me has said they will kill me or someone close to me"),
                            them=_("The person who hurt them has said they will kill them or someone close to them"),
                        ),
                    ),
                    Option(
                        "weapons",
                        Perspective(
                            me=_("The person who hurt me has used a weapon, such as a knife, or threatened to"),
                            them=_("The person who hurt them has used a weapon, such as a knife, or threatened to"),
                        ),
                    ),
                    Option("escalation", _("The abuse is happening more often, or getting worse")),
                    Option(
                        "separation",
                        Perspective(
                            me=_("I have left the person who hurt me recently, or I am planning to"),
                            them=_("They have left the person who hurt them recently, or are planning to"),
                        ),
                    ),
                    Option(
                        "stalking",
                        Perspective(
                            me=_("The person who hurt me keeps following me, watching me or contacting me"),
                            them=_("The person who hurt them keeps following them, watching them or contacting them"),
                        ),
                    ),
                    Option(
                        "pregnancy",
                        Perspective(
                            me=_("I am pregnant, or have had a baby in the last 18 months"),
                            them=_("They are pregnant, or have had a baby in the last 18 months"),
                        ),
                    ),
                    Option("none", _("None of these"), set_apart=True),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
        why=_(
            "Some things mean a person is more likely to be seriously hurt. Your answers help us decide how quickly to act."
        ),
    ),
)

PERSON = (
    Page(
        slug="person-details",
        section="person",
        title=Perspective(me=_("About the person who hurt you"), them=_("About the person who hurt them")),
        body=(_("Tell us anything you know. You can leave any of these empty."),),
        questions=(
            Text(name="person_name", label=_("Name (optional)"), summary=_("Name"), width=None),
            Text(
                name="person_other_names",
                label=_("Other names they use, such as a nickname (optional)"),
                summary=_("Other names"),
                width=None,
            ),
            Text(
                name="person_age",
                label=_("Age or date of birth (optional)"),
                hint=_("A rough age is fine, for example 'about 40'."),
                summary=_("Age or date of birth"),
            ),
            LongText(
                name="person_whereabouts",
                label=_("Where they live, work or spend time (optional)"),
                summary=_("Where they live or spend time"),
                rows=3,
                max_length=2_000,
            ),
            LongText(
                name="person_description",
                label=_("What they look like, or anything else that would help us (optional)"),
                summary=_("Description"),
                rows=4,
                max_length=2_000,
            ),
        ),
    ),
    Page(
        slug="person-lives-with",
        section="person",
        questions=(
            Radios(
                name=PERSON_LIVES_WITH,
                label=Perspective(
                    me=_("Does the person who hurt you live with you?"),
                    them=_("Does the person who hurt them live with them?"),
                ),
                summary=_("Lives with the person they hurt"),
                options=(*YES_NO_NOT_SURE, Option("rather_not", RATHER_NOT_SAY, set_apart=True)),
            ),
        ),
        why=Perspective(
            me=_("It helps us plan how to contact you and keep you safe."),
            them=_("It helps us plan how to keep them safe, and how to contact you safely."),
        ),
    ),
)

CONTACT = contact_pages(
    section="contact",
    avoid=Perspective(
        me=_("Only choose ways the person who hurt you cannot see or hear. Select all that are safe."),
        them=_("Select all the ways that are safe for you."),
    ),
    without_contact=_(
        "We will still read your report, but without a way to contact you we may not be able to take it further"
    ),
)

SUPPORT = (
    Page(
        slug="support",
        section="support",
        when=Not(SOMEONE_ELSE),
        questions=(
            Checkboxes(
                name=SUPPORT_REFERRALS,
                label=_("Would you like us to pass your details to any of these services?"),
                hint=_(
                    "They are free and separate from the police. They will contact you only in the ways you told us are safe. Select all you want."
                ),
                summary=_("Pass my details to"),
                options=(
                    Option(
                        "domestic_abuse_service",
                        _("A specialist domestic abuse service"),
                        hint=_("An adviser who can help you stay safe, make a plan and understand your choices"),
                    ),
                    Option(
                        "victim_service",
                        _("A service for victims of crime"),
                        hint=_("Emotional and practical help for anyone affected by crime"),
                    ),
                    Option(
                        "housing",
                        _("Help with housing or a safe place to stay"),
                        hint=_("Including refuges"),
                    ),
                    Option("none", _("No, do not pass my details to anyone"), set_apart=True),
                ),
            ),
        ),
        why=_("We must ask you before we pass your details to anyone. You can change your mind later."),
    ),
)

COPY = (
    Page(
        slug="copy",
        section="copy",
        questions=(
            Radios(
                name="copy_safe",
                label=_("Is it safe for you to keep a copy of your report?"),
                hint=_(
                    "A copy could be found by someone who uses this device. If you are not sure, choose no: you will still get a reference number."
                ),
                summary=_("Safe to keep a copy"),
                options=(Option("yes", _("Yes, it is safe")), Option("no", _("No, or I'm not sure"))),
            ),
        ),
    ),
    Page(
        slug="copy-how",
        section="copy",
        when=Is("copy_safe", "yes"),
        questions=(
            Radios(
                name="copy_method",
                label=_("Would you like a copy to download after you send your report?"),
                hint=_(
                    "It will be a PDF file saved on this device, usually in your downloads folder. We do not send copies by email: anyone who can get into the email account could read it, and an address typed wrongly would send your report to a stranger."
                ),
                required=_("Select whether you would like a copy to download"),
                summary=_("Copy to download"),
                # Email was offered until December 2026 and withdrawn
                # (docs/decisions/0009-no-copies-by-email.md); reports sent before then may
                # hold "email", which the confirmation page answers honestly.
                options=(
                    Option("download", _("Yes, I want a copy to download")),
                    Option("no", _("No, I do not need a copy")),
                ),
            ),
        ),
    ),
)

DOMESTIC_ABUSE = Flow(
    slug=SLUG,
    sections=SECTIONS,
    pages=(
        *NOW,
        *WHO,
        *WHAT,
        *location_pages(section="where"),
        *RISK,
        *PERSON,
        *approach.approach_pages(section=approach.SECTION.key, when=SOMEONE_ELSE),
        *CONTACT,
        *SUPPORT,
        *COPY,
    ),
    someone_else=SOMEONE_ELSE,
    routing=location_decision,
    risk_indicators=risk_indicators,
)

JOURNEY = Journey(
    slug=SLUG,
    title=_("Report domestic abuse"),
    summary=_(
        "Tell the police about abuse by a partner, ex-partner or family member, for yourself or for someone else."
    ),
    before_you_start=(
        _("You can skip any question you would rather not answer."),
        _("You can save your answers and come back later with a code. We will not email you."),
        _("You can tell us when and how it is safe to contact you."),
    ),
    flow=DOMESTIC_ABUSE,
    # Measured: tests/reporting/test_journey_navigation.py (measured_minutes).
    minutes=30,
    short_label=_("Domestic abuse"),
    type_weight=10,
    type_reason=_("Domestic abuse"),
    milestones=(Milestone("first_contact", _("First contact"), timedelta(hours=24)), URGENT_CONTACT),
    priority=PriorityFacts(age_band=AGE_BAND),
    safe_approach=SafeApproachKeys(),
    signposting=(
        # Everyone's confirmation lists services that help with domestic abuse.
        Signpost("domestic_abuse"),
        # A child is shown services for children and young people too.
        Signpost("children_young_people", when=CHILD),
        # Someone reporting for another person is offered support for themselves too.
        Signpost("supporters", when=SOMEONE_ELSE),
    ),
    referral_options={
        "domestic_abuse_service": "domestic_abuse",
        "victim_service": "victim_support",
        "housing": "housing",
    },
)
