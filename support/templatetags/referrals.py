"""A report's referrals to support agencies, for the force's report page:

    {% load referrals %}
    {% report_referrals report %}
    {% report_referrals report heading_level=3 %}

Shows each referral's service, agency, how consent was given, its status and whether it is
overdue, and what the person asked for that could not be referred. Renders nothing for a
user who is not staff of the report's force. Reporting can use it without importing support.
"""

from django import template
from django.utils import timezone

from .. import referral_data
from ..selectors import report_referrals as report_referrals_for

register = template.Library()


@register.inclusion_tag("support/includes/report_referrals.html", takes_context=True)
def report_referrals(context, report, heading_level=2):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "summary": report_referrals_for(user=user, report=report) if user is not None else None,
        "heading_level": heading_level,
        "now": timezone.now(),
    }


@register.filter
def report_type_label(report_type: str) -> str:
    """ "domestic-abuse" → "Domestic abuse"."""
    return referral_data.report_type_label(report_type)
