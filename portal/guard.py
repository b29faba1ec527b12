"""The one shape of view guard for everyone who signs in: force staff
(``reporting.staff.guard.staff_view``) and agency staff (``support.referrals.guard.agency_view``)
are both built with ``guarded``.

The order is the access rule's: who is asking first (not one of the people this page is for:
404, as if it did not exist), then what the URL names, each loaded through the app's own
access rule (not theirs to see: 404, whatever the method), then the method (405), then
whether they may do this (403). The view gets the actor and the loaded objects, in the order
of the URL's arguments.
"""

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.http import Http404, HttpResponseNotAllowed

SAFE = ("GET", "HEAD")
FORM = ("GET", "HEAD", "POST")
POST = ("POST",)


def guarded(
    *,
    actor_for: Callable[[Any], Any],
    loaders: Mapping[str, Callable[[Any, Any], Any]],
    methods=SAFE,
    allowed: Callable[..., bool] | None = None,
    refused: Callable[[Any], Any] | None = None,
    remember_as: str = "actor",
):
    """A decorator for a view taking ``(request, actor, *objects)``. ``allowed(actor,
    *objects)`` false answers ``refused(request)`` (a 403 page)."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            actor = actor_for(request.user)
            if actor is None:
                raise Http404
            setattr(request, remember_as, actor)
            found = []
            for name, value in kwargs.items():
                obj = loaders[name](actor, value)
                if obj is None:
                    raise Http404
                found.append(obj)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if allowed is not None and not allowed(actor, *found):
                return refused(request)
            return view(request, actor, *found)

        return wrapped

    return decorate
