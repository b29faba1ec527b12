"""The nearest sexual assault referral centre (SARC), for other apps' pages:

    {% load sarcs %}
    {% nearest_sarc postcode force_code %}
    {% nearest_sarc postcode None heading_level=3 ask=True %}

Names the centres serving the force area the postcode lies in (or ``force_code``'s when
there is no postcode that can be placed), with their phone numbers and where the facts
come from; anywhere the list does not cover gets the NHS finder. With ``ask=True`` and
nothing to go on, it offers a postcode box that posts to support's nearest-SARC page (the
postcode is not kept, nor put in a URL). Reporting can use it without importing support.
"""

from django import template

from ..directory.sarcs import nearest_sarcs, sarc_data

register = template.Library()


@register.inclusion_tag("support/includes/nearest_sarc.html", takes_context=True)
def nearest_sarc(context, postcode=None, force_code=None, heading_level=2, ask=False):
    found = nearest_sarcs(postcode=postcode or None, force_code=force_code or None)
    request = context.get("request")
    return {
        "found": found,
        "checked": sarc_data().checked,
        "asked": bool(postcode or force_code),
        "ask": ask and not (postcode or force_code),
        "heading_level": heading_level,
        "csrf_token": context.get("csrf_token"),
        "return_to": request.path if request is not None else "",
    }
