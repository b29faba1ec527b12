import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from portal import errors

# Paths under the staff prefixes that must be reachable before two-factor sign-in is complete.
SIGN_IN_URL_NAMES = ("staff_sign_in", "staff_verify", "staff_set_up", "staff_sign_out")
# And those that take a token in the path (the enrolment link): open by their prefix.
SIGN_IN_PREFIX_URL_NAMES = ("staff_enrol",)


class StaffAreaMiddleware:
    """Guards every staff and agency path: a password alone is never enough.

    Enforcing it here, by path prefix, rather than per view means a new staff view is
    protected the day it is written, including the Django admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None
        self._open_prefixes: tuple[str, ...] = ()

    def open_paths(self) -> frozenset[str]:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(f"portal:{name}") for name in SIGN_IN_URL_NAMES)
            self._open_prefixes = tuple(
                reverse(f"portal:{name}", args=["-"]).removesuffix("-/") for name in SIGN_IN_PREFIX_URL_NAMES
            )
        return self._open_paths

    def is_open(self, path: str) -> bool:
        return path in self.open_paths() or path.startswith(self._open_prefixes)

    def __call__(self, request):
        path = request.path_info
        if path.startswith(settings.WAYMARK_OTP_REQUIRED_PREFIXES) and not self.is_open(path):
            refusal = self.refuse(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def refuse(self, request):
        user = request.user
        if not user.is_authenticated:
            return redirect_with_next("portal:staff_sign_in", request)
        if not user.is_verified():
            return redirect_with_next("portal:staff_verify", request)
        now = int(time.time())
        last_seen = request.session.get("staff_last_seen", now)
        if now - last_seen > settings.WAYMARK_STAFF_IDLE_TIMEOUT:
            logout(request)
            return redirect(f"{reverse('portal:staff_sign_in')}?{urlencode({'timed_out': '1'})}")
        request.session["staff_last_seen"] = now
        return None


def redirect_with_next(url_name: str, request):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


class PrivacyHeadersMiddleware:
    """Headers for a visitor whose device may be watched: nothing is cached, nothing is
    leaked to other sites, and no powerful browser feature is available to any page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
            response["Expires"] = "0"
        response["Permissions-Policy"] = settings.WAYMARK_PERMISSIONS_POLICY
        response["Cross-Origin-Resource-Policy"] = "same-origin"
        response.headers.pop("Server", None)
        return response


class SessionLanguageMiddleware:
    """Speaks the language a visitor chose with the language navigation.

    The choice is kept in the session (``LANGUAGE_SESSION_KEY``), never in a cookie of its
    own or in the URL: the session cookie is the only cookie the site sets, and "Exit this
    page" wipes the choice with everything else. Without a choice, LocaleMiddleware's answer
    from Accept-Language stands, so this must come straight after LocaleMiddleware.
    """

    LANGUAGE_SESSION_KEY = "waymark_language"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.session.get(self.LANGUAGE_SESSION_KEY)
        if chosen in dict(settings.LANGUAGES):
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's session middleware, except when the session cannot be saved at the end of a
    request (the database is down, or the session's row went away): Django then raises
    SessionInterrupted, which answers "400 Bad Request" in place of whatever the view said.

    Here a server error stays as it is (the 503 page of an outage says what happened), and an
    otherwise good response becomes the calm "service unavailable" page (503): what the view
    did may not be kept in the session, so the person should try again, not carry on. The
    page does not claim that a report was not sent: the view may have sent it before the
    save failed (sending again with the same form shows the report already made).
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError):
            if response.status_code >= 500:
                return response
            return errors.service_unavailable(request, sending_failed=False)
