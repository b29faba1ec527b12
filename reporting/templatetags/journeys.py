from django import template

from ..journeys import JOURNEYS

register = template.Library()


@register.inclusion_tag("reporting/includes/journey_links.html")
def journey_links():
    """The journeys' start links, for pages outside this app (such as the home page)."""
    return {"journeys": JOURNEYS.values()}
