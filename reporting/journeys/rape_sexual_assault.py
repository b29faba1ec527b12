"""Report rape or sexual assault: every page, question, branch and word of the journey.

Three ways to report: with your details, anonymously, or for someone else. Whether it
happened in the last 7 days comes first, so advice about medical care and evidence is shown
before any detailed question. Every question about what happened can be skipped; nothing
blames the person.

An anonymous report holds no contact details at all: the pages asking for them are not
shown, and if any were given before choosing to report anonymously, choosing it deletes
them from the saved answers (Forget, on the page that asks how to report), and the engine
leaves them out of the report whatever the draft holds.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from ..engine import (
    AllOf,
    AnyOf,
    Checkboxes,
    Flow,
    Forget,
    Includes,
    Is,
    LongText,
    Not,
    Option,
    Page,
    Perspective,
    Radios,
    Section,
    Text,
    When,
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
from ..engine.answers import AGE_BAND, SUPPORT_REFERRALS
from ..engine.checks import Check, MentionsDateWithin
from ..engine.contact import contact_pages
from ..engine.journey import Journey, Milestone, PriorityFacts, SafeApproachKeys, Signpost
from ..engine.location import location_decision, location_pages
from ..engine.questions import RATHER_NOT_SAY, YES_NO_NOT_SURE
from ..engine.wording import Answers
from .domestic_abuse import NOW, URGENT_CONTACT

SLUG = "rape-sexual-assault"
ANONYMOUS = Is("report_mode", "anonymous")
SOMEONE_ELSE = Is("report_mode", "someone_else")
WITH_MY_DETAILS = Is("report_mode", "myself")
# Not shown only when it certainly did not happen in the last 7 days: a skipped answer
# still gets the advice.
MAYBE_RECENT = Not(Is("recent", "no"))

# Stable codes triage reads; the wording can change, these must not.
WITHIN_7_DAYS = "within_7_days"


def risk_indicators(answers: Answers) -> list[str]:
    return [WITHIN_7_DAYS] if answers.get("recent") == "yes" else []


SECTIONS = (
    Section("now", _("Right now")),
    Section("how", _("How you want to report")),
    Section("recent", _("If it was recent")),
    Section("who", _("Who this is about")),
    Section("what", _("What happened")),
    Section("where", _("Where it happened")),
    Section("person", _("The person who did it")),
    approach.SECTION,
    Section("contact", _("Contacting you safely")),
    Section("support", _("Support")),
)

YOUR_NAME = your_name_page(
    section="who",
    when=WITH_MY_DETAILS,
    hint=_("You can leave this empty. It helps us if we know who you are when we contact you."),
)

ABOUT_YOU = about_you_page(
    section="who",
    when=SOMEONE_ELSE,
    connection_summary=_("How you know the person it happened to"),
    partner=True,
)

CONTACT = contact_pages(
    section="contact",
    when=Not(ANONYMOUS),
    avoid=Perspective(
        me=_("Only choose ways that nobody else can see or hear, including the person who did this."),
        them=_("Select all the ways that are safe for you."),
    ),
    without_contact=_(
        "We will still read your report, but without a way to contact you we may not be able to take it further"
    ),
    callback=True,
)

SUPPORT_OPTIONS_IF_RECENT = (
    Option(
        "sarc",
        _("A sexual assault referral centre (SARC)"),
        hint=_("Medical care, tests and emergency contraception, and keeping evidence if you want"),
    ),
)


def support_options(answers: Answers) -> tuple[Option, ...]:
    return (
        Option(
            "isva",
            _("An Independent Sexual Violence Adviser (ISVA)"),
            hint=_(
                "A trained adviser, independent of the police, who supports you and explains what happens at each step, whatever you decide"
            ),
        ),
        *(SUPPORT_OPTIONS_IF_RECENT if MAYBE_RECENT(answers) else ()),
        Option(
            "rape_crisis",
            _("A Rape Crisis centre or another specialist sexual violence service"),
            hint=_("Someone to talk to, and counselling"),
        ),
        Option(
            "victim_support",
            _("A service for victims of crime"),
            hint=_("Emotional and practical help for anyone affected by crime"),
        ),
        Option("none", _("No, do not pass my details to anyone"), set_apart=True),
    )


CHOSE_SUPPORT = Includes(SUPPORT_REFERRALS, "isva", "sarc", "rape_crisis", "victim_support")

SUPPORT = (
    Page(
        slug="support",
        section="support",
        when=WITH_MY_DETAILS,
        title=_("Support for you"),
        body=(
            _(
                "These services are free and separate from the police. You can use them whether or not you go ahead with a police report."
            ),
            _(
                "We will only pass your details to the ones you choose, and they will contact you only in the ways you told us are safe."
            ),
        ),
        questions=(
            Checkboxes(
                name=SUPPORT_REFERRALS,
                label=_("Would you like us to pass your details to any of these services?"),
                hint=_("Select all you want."),
                summary=_("Pass my details to"),
                options=support_options,
            ),
        ),
        why=_("We must ask you before we pass your details to anyone. You can change your mind later."),
    ),
    Page(
        slug="support-share-account",
        section="support",
        when=CHOSE_SUPPORT,
        questions=(
            Radios(
                name="support_share_account",
                label=_("Can we tell the services you chose what you told us about what happened?"),
                hint=_(
                    "If you say no, they will only get your first name and how to contact you safely. You can tell them yourself if you want to."
                ),
                summary=_("Share what happened with the services you chose"),
                options=(Option("yes", _("Yes")), Option("no", _("No"))),
            ),
        ),
    ),
)

# Everything that could say who made an anonymous report, or how to reach them.
IDENTIFYING_PAGES = (YOUR_NAME, ABOUT_YOU, *CONTACT, *SUPPORT)

HOW = (
    Page(
        slug="how-to-report",
        section="how",
        questions=(
            Radios(
                name="report_mode",
                label=_("How do you want to report?"),
                required=_("Select how you want to report"),
                summary=_("How you are reporting"),
                options=(
                    Option(
                        "myself",
                        _("With my details"),
                        hint=_("A specially trained officer can contact you, in the ways and at the times you choose"),
                    ),
                    Option(
                        "anonymous",
                        _("Anonymously"),
                        hint=_(
                            "We will not ask who you are or how to contact you, so the police will not be able to contact you."
                        ),
                    ),
                    Option(
                        "someone_else",
                        _("For someone else"),
                        hint=_("It happened to someone I know, or someone I support"),
                    ),
                ),
            ),
        ),
        forgets=(Forget(when=ANONYMOUS, pages=IDENTIFYING_PAGES),),
    ),
    Page(
        slug="anonymous",
        section="how",
        when=ANONYMOUS,
        title=_("Reporting anonymously"),
        body=(
            _("We will not ask for your name, your address or any way to contact you."),
            _(
                "The police will not be able to contact you, not even to ask a question or to tell you what happens next."
            ),
            _(
                "Without a way to contact you, the police may not be able to investigate. What you tell us can still help them keep other people safe."
            ),
            _("If you gave us any contact details before choosing this, we have deleted them."),
            _(
                "When you send your report you will get a reference number and a private code. With them you can come back to “Your report” to add something or read a message from the police, without giving your name. If you lose the code, or decide you want to talk to an officer, call 101 and give your reference number."
            ),
            _("You can still get support without giving your name. We will show you where on the last page."),
        ),
    ),
)

RECENT = (
    Page(
        slug="recent",
        section="recent",
        questions=(
            Radios(
                name="recent",
                label=_("Did it happen in the last 7 days?"),
                hint=_("If you are not sure, choose 'I'm not sure'."),
                summary=_("In the last 7 days"),
                options=YES_NO_NOT_SURE,
            ),
        ),
        why=Perspective(
            me=_("If it was recent, there is medical care and help with keeping evidence. We will tell you about it."),
            them=_(
                "If it was recent, there is medical care for them and help with keeping evidence. We will tell you about it, so you can tell them."
            ),
        ),
    ),
    Page(
        slug="medical-care-and-evidence",
        section="recent",
        when=MAYBE_RECENT,
        title=_("Medical care and evidence"),
        warning=_("If someone is badly hurt, call 999 for an ambulance. For urgent medical advice, call 111."),
        template="reporting/journey/evidence.html",
        # Support's {% nearest_sarc %} names the centre for a postcode already given (when
        # coming back to this page); otherwise it offers to look one up, keeping nothing.
        context=lambda answers: {"sarc_postcode": answers.get("home_postcode") or answers.get("incident_postcode")},
    ),
)

WHO = (
    YOUR_NAME,
    about_them_page(
        section="who",
        when=SOMEONE_ELSE,
        title=_("About the person it happened to"),
        name_summary=_("Name of the person it happened to"),
        they_know_hint=_("We ask so that we do not contact them in a way that could upset them or put them at risk."),
    ),
    ABOUT_YOU,
    age_band_page(section="who"),
)

WITHIN_7_DAYS_TIMES = (
    Option("today", _("Today")),
    Option("yesterday", _("Yesterday")),
    Option("this_week", _("2 to 7 days ago")),
)
LONGER_AGO_TIMES = (
    Option("this_month", _("In the last month")),
    Option("this_year", _("In the last year")),
    Option("years_ago", _("More than a year ago")),
    Option("long_ago", _("A long time ago"), hint=_("For example, when I was a child")),
)


def when_options(answers: Answers) -> tuple[Option, ...]:
    """The times that fit the answer about the last 7 days, and the time already chosen
    when a changed answer no longer fits it: shown, and queried before check your answers
    (CHECKS), never hidden as "not answered"."""
    held = answers.get("when_roughly")
    recent = Is("recent", "yes")(answers)
    return (
        *(WITHIN_7_DAYS_TIMES if recent or held in {o.value for o in WITHIN_7_DAYS_TIMES} else ()),
        *(LONGER_AGO_TIMES if not recent or held in {o.value for o in LONGER_AGO_TIMES} else ()),
        Option("not_sure", _("I'm not sure"), set_apart=True),
    )


WHAT = (
    Page(
        slug="before-you-tell-us",
        section="what",
        title=_("Before you tell us what happened"),
        body=(
            _("The next questions ask about what happened. Some of them may be upsetting to read or to answer."),
            _("You can skip any question. You can stop at any time, and save your answers to finish later."),
            Perspective(
                me=_("What happened is not your fault, whatever the circumstances."),
                them=_("What happened is not their fault, whatever the circumstances."),
            ),
            _(
                "If you want to talk to someone first, the Rape Crisis 24/7 Support Line is free and open all day, every day: 0808 500 2222."
            ),
        ),
    ),
    what_happened_page(
        section="what",
        them=_("Tell us what happened to them"),
        hint=_(
            "Use your own words, and tell us as much or as little as you want. You do not need to remember everything or tell it in order. You can leave this empty and talk to an officer instead."
        ),
    ),
    when_page(
        section="what",
        roughly=Radios(
            name="when_roughly",
            label=_("Roughly when was it?"),
            summary=_("When it happened"),
            options=when_options,
        ),
        examples=_("For example '3 March', 'the weekend of my birthday' or 'in 2015'."),
    ),
)

PERSON = (
    Page(
        slug="person-known",
        section="person",
        questions=(
            Radios(
                name="person_known",
                label=Perspective(
                    me=_("Did you know the person who did this?"),
                    them=_("Did they know the person who did this?"),
                ),
                summary=_("Knew the person"),
                options=(
                    Option("known", _("Yes")),
                    Option("stranger", _("No, they were a stranger")),
                    Option("not_sure", _("I do not know")),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
        why=_("It helps the officer understand what happened and how to find the person."),
    ),
    Page(
        slug="relationship",
        section="person",
        when=Is("person_known", "known"),
        questions=(
            Radios(
                name="relationship",
                label=Perspective(
                    me=_("How do you know them?"),
                    them=_("How do they know the person who did this?"),
                ),
                summary=_("How they knew the person"),
                options=(
                    Option("partner", _("A partner or husband or wife")),
                    Option("ex_partner", _("An ex-partner")),
                    Option("family", _("A family member")),
                    Option("friend", _("A friend, or someone known socially")),
                    Option("date", _("Someone met online or on a date")),
                    Option("work", _("Someone from work, school, college or university")),
                    Option(
                        "trust",
                        _("Someone in a position of trust"),
                        hint=_("For example a carer, teacher, doctor, coach or faith leader"),
                    ),
                    Option("other", _("Someone else")),
                    Option("rather_not", RATHER_NOT_SAY, set_apart=True),
                ),
            ),
        ),
    ),
    Page(
        slug="person-details",
        section="person",
        title=_("About the person who did this"),
        body=(_("Tell us anything you know. You can leave any of these empty."),),
        questions=(
            Text(
                name="person_name",
                label=When(
                    Is("person_known", "known"),
                    _("Their name (optional)"),
                    _("Their name, if you know it (optional)"),
                ),
                summary=_("Name"),
                width=None,
            ),
            LongText(
                name="person_description",
                label=_("What they look like, where they can be found, or anything else that would help us (optional)"),
                summary=_("Description"),
                rows=4,
                max_length=2_000,
            ),
        ),
    ),
)

# Answers that seem not to fit together, queried kindly before check your answers
# (engine.checks). Each goes back to "in the last 7 days?", which decides the advice about
# medical care and evidence. Only by changing an answer can they disagree: the choices of
# "roughly when" follow the answer about the last 7 days.
WHEN_READS = ("recent", "when_roughly", "when_detail")
CHECKS = (
    Check(
        key="not-recent-but-within-7-days",
        when=AllOf(
            Is("recent", "no"),
            AnyOf(Is("when_roughly", "today", "yesterday", "this_week"), MentionsDateWithin("when_detail", 7)),
        ),
        reads=WHEN_READS,
        page="recent",
        message=_(
            "You told us it did not happen in the last 7 days, but when it happened seems to be in the last 7 days. It is easy to mix these up. If it was in the last 7 days, there is medical care and help with keeping evidence."
        ),
    ),
    Check(
        key="recent-but-longer-ago",
        when=AllOf(Is("recent", "yes"), Is("when_roughly", "this_year", "years_ago", "long_ago")),
        reads=WHEN_READS,
        page="recent",
        message=_(
            "You told us it happened in the last 7 days, but when it happened seems to be longer ago. It is easy to mix these up."
        ),
    ),
)

RAPE_SEXUAL_ASSAULT = Flow(
    slug=SLUG,
    sections=SECTIONS,
    pages=(
        *NOW,
        *HOW,
        *RECENT,
        *WHO,
        *WHAT,
        *location_pages(section="where"),
        *PERSON,
        *approach.approach_pages(
            section=approach.SECTION.key,
            when=SOMEONE_ELSE,
            lives_with=_("Does the person who did this live with them?"),
        ),
        *CONTACT,
        *SUPPORT,
    ),
    someone_else=SOMEONE_ELSE,
    routing=location_decision,
    risk_indicators=risk_indicators,
    checks=CHECKS,
)

JOURNEY = Journey(
    slug=SLUG,
    title=_("Report rape or sexual assault"),
    summary=_("Tell the police what happened, with your details, anonymously, or for someone else."),
    before_you_start=(
        _("You can skip any question you would rather not answer."),
        _("If it happened in the last 7 days, we will tell you how evidence can be kept while you decide what to do."),
        _("You can stop at any time."),
    ),
    flow=RAPE_SEXUAL_ASSAULT,
    # Measured: tests/reporting/test_journey_navigation.py (measured_minutes).
    minutes=25,
    short_label=_("Rape or sexual assault"),
    type_weight=20,
    type_reason=_("Rape or sexual assault"),
    milestones=(Milestone("first_contact", _("First contact"), timedelta(hours=12)), URGENT_CONTACT),
    priority=PriorityFacts(children=None, injured=None, age_band=AGE_BAND),
    safe_approach=SafeApproachKeys(),
    signposting=(
        Signpost("sexual_violence"),
        Signpost("recent_sexual_assault", when=MAYBE_RECENT),
        Signpost("children_young_people", when=CHILD),
        # Someone reporting for another person is offered support for themselves too.
        Signpost("supporters", when=SOMEONE_ELSE),
    ),
    referral_options={
        "isva": "isva",
        "sarc": "sarc",
        "rape_crisis": "rape_crisis",
        "victim_support": "victim_support",
    },
    next_steps="reporting/journey/next_steps/rape_sexual_assault.html",
)
