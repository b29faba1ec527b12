"""The view guard for support agencies' staff, built with ``portal.guard.guarded`` like the
force staff's (``reporting.staff.guard.staff_view``).

``agency_view`` lets in agency staff only, in this order: anyone who is not agency staff
(force staff, an account with no agency) gets a 404, as if the page did not exist; so does a
referral the URL names that is not their agency's, whatever the method; then a method the
page does not take is a 405. The view gets the member of staff and the referrals its URL
names, loaded through ``selectors.referrals_visible_to``.
"""

from collections.abc import Callable
from typing import Any

from portal.guard import FORM, POST, SAFE, guarded

from ..models import AgencyMember
from . import selectors

__all__ = ["FORM", "POST", "SAFE", "agency_view"]

# What each URL argument names, loaded through the one access rule; None is a 404.
LOADERS: dict[str, Callable[[AgencyMember, Any], Any]] = {
    "referral_id": selectors.referral_for_agency,
}


def agency_view(*, methods=SAFE):
    return guarded(
        actor_for=selectors.agency_member_for,
        loaders=LOADERS,
        methods=methods,
        remember_as="agency_member",
    )
