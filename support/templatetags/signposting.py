"""Support services for other apps' pages, such as a report's confirmation page:

    {% load signposting %}
    {% signposting needs force_code %}

``needs`` is a set (or list, or comma-separated string) of ``support.models.Category``
values, for example {"domestic_abuse", "men"}; ``force_code`` is the force area's code
(or None for national services only). Reporting can use it without importing support.
"""

from django import template
from django.utils import timezone

from ..directory.selectors import services_for

register = template.Library()


@register.inclusion_tag("support/includes/signposting.html")
def signposting(needs, force_code=None, limit=5, heading_level=2):
    if isinstance(needs, str):
        needs = {need.strip() for need in needs.split(",") if need.strip()}
    now = timezone.now()
    listings = services_for(needs=set(needs), force_code=force_code or None, now=now)
    return {
        "listings": listings[:limit],
        "more": len(listings) > limit,
        "now": now,
        "heading_level": heading_level,
        "card_heading_level": heading_level + 1,
    }
