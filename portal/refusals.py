"""One way to say no: the exception every service raises when it will not do what was asked,
and the one place that turns it into a message and a redirect.

A service raises ``Refused`` with a message written for the person who asked (translated
where it is raised) and, where callers need to tell refusals apart, a short ``reason`` code.
Views do not catch it: ``RefusalMiddleware`` shows the message on the next page and sends
the person back to ``redirect_to``, or to where the view said refusals should go
(``refuse_to``), or else to the page they came from.
"""

from django.contrib import messages
from django.shortcuts import redirect


class Refused(Exception):
    """The action is not allowed, or no longer possible; ``message`` says why."""

    def __init__(self, message: str = "", *, reason: str = "", redirect_to: str | None = None):
        super().__init__(message or reason)
        self.message = message
        self.reason = reason
        self.redirect_to = redirect_to


def refuse_to(request, url: str) -> None:
    """Where a refusal during this request sends the person, unless it names its own page."""
    request.refused_redirect = url


class RefusalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refused):
            return None
        if exception.message:
            messages.error(request, exception.message)
        target = exception.redirect_to or getattr(request, "refused_redirect", None) or request.get_full_path()
        return redirect(target)
