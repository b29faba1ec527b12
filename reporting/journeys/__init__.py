"""The reporting journeys people can start from the home page.

Each journey declares, in its own module, its Flow (its pages and questions, rendered by the
journey engine, reporting.engine) and its Journey: the facts triage, priority, the service
levels, the confirmation page and referrals read (reporting.engine.journey). Adding a
journey is its module, a line here and its next-steps template.
"""

from ..engine import Flow
from ..engine.journey import Journey
from . import clares_law, domestic_abuse, rape_sexual_assault, sarahs_law

# In the order the home page lists them.
JOURNEYS: dict[str, Journey] = {
    journey.slug: journey
    for journey in (
        domestic_abuse.JOURNEY,
        rape_sexual_assault.JOURNEY,
        clares_law.JOURNEY,
        sarahs_law.JOURNEY,
    )
}


def flow_for(slug: str) -> Flow | None:
    journey = JOURNEYS.get(slug)
    return journey.flow if journey else None


__all__ = ["JOURNEYS", "Journey", "flow_for"]
