"""The referrals a person agreed to, for their report's confirmation page:

    {% load referral_promises %}
    {% consented_referrals report %}

Lists each kind of service they asked to be referred to, and when it is due to pick up their
details (the Victims' Code clock, ``support.working_days``, the same one each referral gets
when it is made), or that there is no service of that kind to refer them to in their area.
Reads the consent from the report's answers, not from referrals, which are made after the
commit (``support.handlers``) and may not exist yet. Renders nothing for a report whose
journey asks no such question, or whose referrals are never made (a report for someone else,
an anonymous one). Reporting can use it without importing support.
"""

from django import template

from ..directory.selectors import bank_holidays
from ..referrals import data
from ..referrals.selectors import routed_kinds
from ..working_days import due_at

register = template.Library()


@register.inclusion_tag("support/includes/consented_referrals.html")
def consented_referrals(report, heading_level=2):
    answers = report.answers["values"]
    asked = data.CONSENT_QUESTION in answers and data.about_themselves(answers)
    wanted = data.consented_kinds(answers) if asked else []
    routed = routed_kinds(force_id=report.force_id, kinds=[kind.value for _option, kind in wanted])
    return {
        "asked": asked,
        "referrals": [{"kind": kind, "label": kind.label, "routed": kind.value in routed} for _option, kind in wanted],
        "due": due_at(report.submitted_at, bank_holidays()) if routed else None,
        "heading_level": heading_level,
    }
