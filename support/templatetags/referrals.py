"""A report's referrals to support agencies, for the force's report page:

    {% load referrals %}
    {% report_referrals report %}
    {% report_referrals report heading_level=3 %}

Shows each referral's service, agency, how consent was given, its status and whether it is
overdue, and what the person asked for that could not be referred. Renders nothing for a
user who is not staff of the report's force. Reporting can use it without importing support.
"""

from django import template

from reporting.selectors import staff_member_for

from ..referrals import data
from ..referrals.selectors import report_referrals as report_referrals_for

register = template.Library()


@register.inclusion_tag("support/includes/report_referrals.html", takes_context=True)
def report_referrals(context, report, heading_level=2):
    request = context.get("request")
    # The staff report page has already looked up the member (reporting.views_staff).
    member = getattr(request, "staff_member", None) or staff_member_for(getattr(request, "user", None))
    return {"summary": report_referrals_for(member=member, report=report), "heading_level": heading_level}


@register.filter
def report_type_label(report_type: str) -> str:
    """ "domestic-abuse" → "Domestic abuse"."""
    return data.report_type_label(report_type)
