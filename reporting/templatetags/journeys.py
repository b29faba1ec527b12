from django import template

from ..journeys import JOURNEYS

register = template.Library()


@register.inclusion_tag("reporting/includes/journey_links.html")
def journey_links():
    """The journeys' start links, for pages outside this app (such as the home page)."""
    return {"journeys": JOURNEYS.values()}


@register.filter
def signposting_needs(journey, values):
    """The needs a journey's confirmation page signposts support for, for these answers
    (Journey.signposting): `{% signposting journey|signposting_needs:values force_code %}`."""
    return journey.signposting_needs(values or {})


@register.filter
def for_someone_else(journey, values):
    """Whether these answers are a report (or an application) for someone else
    (Flow.someone_else), so a confirmation page speaks to the person as a supporter:
    `{% with them=journey|for_someone_else:values %}`."""
    return bool(journey.flow.someone_else(values or {}))
