"""Who is telling us, and what happened: pages any journey reporting a crime can include.

Someone may report what happened to them, or to someone they know. The domestic abuse and
the rape and sexual assault journeys ask the same things the same way: the name of someone
reporting for themselves; who it happened to, and whether they know about the report; how
the person reporting knows them; then what happened, and when. A journey passes the words
written for the people it serves (how it names the person it happened to, why it asks, its
examples). The answers have the same names in every journey (`your_name`, `they_know`,
`what_happened`, ...), so triage, referrals and the case file read every journey the same
way.

    your_name_page(section="who", when=Not(SOMEONE_ELSE), hint=...)
    about_them_page(section="who", when=SOMEONE_ELSE, title=..., name_summary=..., they_know_hint=...)
    about_you_page(section="who", when=SOMEONE_ELSE, connection_summary=...)
    what_happened_page(section="what", them=..., hint=...)
    when_page(section="what", roughly=Radios(...), examples=...)
"""

from django.utils.translation import gettext_lazy as _

from .answers import THEY_KNOW, WHAT_HAPPENED, YOUR_NAME
from .flow import Page
from .questions import YES_NO_NOT_SURE, LongText, Option, Radios, Text
from .wording import Condition, Perspective, Wording


def your_name_page(*, section: str, when: Condition, hint: Wording) -> Page:
    """The name of someone reporting for themselves, which they can leave out. `hint`: why
    giving it helps, in the journey's words."""
    return Page(
        slug="your-name",
        section=section,
        when=when,
        questions=(
            Text(
                name=YOUR_NAME,
                label=_("What is your name?"),
                hint=hint,
                summary=_("Your name"),
            ),
        ),
    )


def about_them_page(
    *,
    section: str,
    when: Condition,
    title: Wording,
    name_summary: Wording,
    they_know_hint: Wording,
) -> Page:
    """For a report about someone else: their name, and whether they know, so that nobody
    contacts them in a way that could put them at risk. `title` and `name_summary` name
    that person in full ("the person you are worried about"), as one string each, so a
    translator sees the whole phrase; `they_know_hint` says why we ask."""
    return Page(
        slug="about-them",
        section=section,
        when=when,
        title=title,
        questions=(
            Text(
                name="their_name",
                label=_("Their name (optional)"),
                summary=name_summary,
            ),
            Radios(
                name=THEY_KNOW,
                label=_("Do they know you are telling the police?"),
                hint=they_know_hint,
                options=YES_NO_NOT_SURE,
            ),
        ),
    )


def about_you_page(
    *,
    section: str,
    when: Condition,
    connection_summary: Wording,
    partner: bool = False,
) -> Page:
    """For a report about someone else: the name of the person reporting, and how they know
    the person it happened to. `partner`: whether "Partner" is one of the ways; a journey
    leaves it out where a partner is most often the person who did it (domestic abuse)."""
    return Page(
        slug="about-you",
        section=section,
        when=when,
        title=_("About you"),
        body=(_("We will contact you, not them, unless you tell us it is safe to contact them."),),
        questions=(
            Text(name="reporter_name", label=_("Your name (optional)"), summary=_("Your name")),
            Radios(
                name="reporter_connection",
                label=_("How do you know them? (optional)"),
                summary=connection_summary,
                options=(
                    Option("friend", _("Friend or neighbour")),
                    Option("family", _("Family member")),
                    *((Option("partner", _("Partner")),) if partner else ()),
                    Option(
                        "work",
                        _("Through my work"),
                        hint=_("For example as a support worker, teacher or health worker"),
                    ),
                    Option("other", _("Another way")),
                ),
            ),
        ),
    )


def what_happened_page(*, section: str, them: Wording, hint: Wording) -> Page:
    """What happened, in the person's own words; it can be left for an officer. `them`: the
    question put to someone reporting for another; `hint`: how to go about telling it."""
    return Page(
        slug="what-happened",
        section=section,
        questions=(
            LongText(
                name=WHAT_HAPPENED,
                label=Perspective(me=_("Tell us what happened"), them=them),
                hint=hint,
                summary=_("What happened"),
            ),
        ),
    )


def when_page(*, section: str, roughly: Radios, examples: Wording) -> Page:
    """When it happened: a rough choice the journey words for what it is about (when abuse
    last happened, or roughly when an assault was), then the date in the person's own words
    if they know it. `examples`: ways they might put the date."""
    return Page(
        slug="when",
        section=section,
        title=_("When did it happen?"),
        questions=(
            roughly,
            Text(
                name="when_detail",
                label=_("If you know the date, or roughly when, tell us (optional)"),
                hint=examples,
                summary=_("Dates"),
                width=None,
            ),
        ),
    )
