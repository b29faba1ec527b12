"""The 500 and "service unavailable" pages.

When something has gone wrong, the page saying so must not go wrong too: it is rendered
without the request, so no context processor runs, and it reads neither the session (which
may be what failed), nor the CSRF token, nor the database. The language is the one already
active for the request (from the session or the browser, before the failure), and the
middleware still adds the privacy and security headers on the way out.

A database that cannot be reached is an outage, not a bug: that answers 503 with the
"service unavailable" page. When the request was a press of Send on a journey's check your
answers page, the page also says that the report may not have been sent, that the answers are
kept and that pressing Send again will not send it twice (the submission key returns the
report already made). It cannot say "not sent": the outage may have come as the report's
transaction committed, and from the URL alone nothing tells before from after.
404, 403 and 400 are Django's own views with our templates (templates/404.html and so on),
which may use the request.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve

OUTAGES = (OperationalError, InterfaceError)
# Reporting's check your answers page, named here rather than imported (portal imports no app).
SENDING_URL_NAME = "journey_check_answers"


def _page(template_name: str, status: int, **context) -> HttpResponse:
    context = {"service_name": settings.WAYMARK_SERVICE_NAME, **context}
    return HttpResponse(loader.get_template(template_name).render(context), status=status)


def was_sending(request) -> bool:
    """Whether the request was a press of Send (a POST to a check your answers page): from
    the URL alone, which needs no database."""
    if request is None or request.method != "POST":
        return False
    try:
        return resolve(request.path_info).url_name == SENDING_URL_NAME
    except Resolver404:
        return False


def service_unavailable(request, *, sending_failed: bool) -> HttpResponse:
    """The calm 503 page. `sending_failed` adds that the report may not have been sent, the
    answers are kept and sending again is safe: only for a press of Send that failed."""
    return _page("503.html", 503, sending_failed=sending_failed)


def server_error(request, *args, **kwargs):
    """handler500: Django calls it while handling the exception, so sys.exc_info() has it."""
    if isinstance(sys.exc_info()[1], OUTAGES):
        return service_unavailable(request, sending_failed=was_sending(request))
    return _page("500.html", 500)
