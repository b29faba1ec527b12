"""The one view guard for support agencies' staff, built like the force staff's
(``reporting.staff.guard.staff_view``).

``agency_view`` lets in agency staff only, in this order: anyone who is not agency staff
(force staff, an account with no agency) gets a 404, as if the page did not exist; so does a
referral the URL names that is not their agency's, whatever the method; then a method the
page does not take is a 405. The view gets the member of staff and the referrals its URL
names, loaded through ``selectors.referrals_visible_to``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpResponseNotAllowed

from ..models import AgencyMember
from . import selectors

SAFE = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")
POST = ("POST",)

# What each URL argument names, loaded through the one access rule; None is a 404.
LOADERS: dict[str, Callable[[AgencyMember, Any], Any]] = {
    "referral_id": selectors.referral_for_agency,
}


def agency_view(*, methods=SAFE):
    def decorate(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            member = selectors.agency_member_for(request.user)
            if member is None:
                raise Http404
            request.agency_member = member
            found = []
            for name, value in kwargs.items():
                obj = LOADERS[name](member, value)
                if obj is None:
                    raise Http404
                found.append(obj)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            return view(request, member, *found)

        return wrapped

    return decorate
