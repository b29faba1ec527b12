"""The reporting journeys people can start from the home page.

Each journey has a Flow: its pages and questions, declared as data in its own module and
rendered by the journey engine (reporting.engine).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..engine import Flow
from .clares_law import CLARES_LAW
from .domestic_abuse import DOMESTIC_ABUSE
from .rape_sexual_assault import RAPE_SEXUAL_ASSAULT
from .sarahs_law import SARAHS_LAW


@dataclass(frozen=True)
class Journey:
    slug: str
    title: Promise
    summary: Promise
    before_you_start: tuple[Promise, ...]
    flow: Flow
    # An application for information (Clare's Law, Sarah's Law), not a report: the pages
    # say "application", and "Send application".
    application: bool = False
    # What the confirmation page says happens next.
    next_steps: str = "reporting/journey/next_steps/domestic_abuse.html"


JOURNEYS: dict[str, Journey] = {
    journey.slug: journey
    for journey in (
        Journey(
            slug="domestic-abuse",
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
        ),
        Journey(
            slug="rape-sexual-assault",
            title=_("Report rape or sexual assault"),
            summary=_("Tell the police what happened, with your details, anonymously, or for someone else."),
            before_you_start=(
                _("You can skip any question you would rather not answer."),
                _(
                    "If it happened in the last 7 days, we will tell you how evidence can be kept while you decide what to do."
                ),
                _("You can stop at any time."),
            ),
            flow=RAPE_SEXUAL_ASSAULT,
            next_steps="reporting/journey/next_steps/rape_sexual_assault.html",
        ),
        Journey(
            slug="clares-law",
            title=_("Ask about a partner's past (Clare's Law)"),
            summary=_(
                "Ask the police whether a partner, or someone else's partner, has a history of abuse or violence."
            ),
            before_you_start=(
                _("This is not for reporting a crime."),
                _(
                    "If the police decide to share information, they tell the person best placed to protect the person at risk, in person."
                ),
                _("We will not send you any emails, texts or letters unless you ask us to contact you that way."),
            ),
            flow=CLARES_LAW,
            application=True,
            next_steps="reporting/journey/next_steps/clares_law.html",
        ),
        Journey(
            slug="sarahs-law",
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
            application=True,
            next_steps="reporting/journey/next_steps/sarahs_law.html",
        ),
    )
}


def flow_for(slug: str) -> Flow | None:
    journey = JOURNEYS.get(slug)
    return journey.flow if journey else None
