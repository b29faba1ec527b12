"""The public shell: home, information pages and the exit route."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST, require_safe
from django.views.generic import TemplateView

from .middleware import SessionLanguageMiddleware


class PublicPage(TemplateView):
    http_method_names = ["get", "head"]


home = PublicPage.as_view(template_name="portal/pages/home.html")
staying_safe = PublicPage.as_view(template_name="portal/pages/staying_safe.html")
accessibility = PublicPage.as_view(template_name="portal/pages/accessibility.html")
privacy = PublicPage.as_view(template_name="portal/pages/privacy.html")
cookies = PublicPage.as_view(template_name="portal/pages/cookies.html")
victims_code = PublicPage.as_view(template_name="portal/pages/victims_code.html")


@require_GET
def exit_page(request):
    """Leaves the site at once: destroys the session on the server, asks the browser to
    forget everything it holds for this site, and lands on a neutral page."""
    request.session.flush()
    response = HttpResponseRedirect(settings.WAYMARK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    response["Cache-Control"] = "no-store, max-age=0"
    return response


@require_GET
def choose_language(request, code: str):
    """The view behind each language link: remembers the choice in the session and goes
    back to the page the visitor was on.

    A link (GET), not a form, as in the GOV.UK pattern, so it works without JavaScript;
    a link from another site can at worst change the language. ``next`` must be a path
    on this site, so the link cannot be turned into a way off it.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    request.session[SessionLanguageMiddleware.LANGUAGE_SESSION_KEY] = code
    target = request.GET.get("next", "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = reverse("portal:home")
    return HttpResponseRedirect(target)


def csrf_failure(request, reason=""):
    """A form sent after the visitor's session ended (30 minutes without a page, or after
    "Exit this page"): say so calmly, instead of Django's technical 403 page."""
    return render(request, "portal/pages/session_ended.html", {"refused": True}, status=403)


@require_POST
def keep_alive(request):
    """ "Keep the form open" / "Stay signed in" in the timeout warning: the request itself
    renews the session (and, under /staff/, the idle clock the staff middleware keeps)."""
    return HttpResponse(status=204)


@require_safe
def form_closed(request):
    """Where a page goes when its session runs out with nobody there: the session ends now,
    so nothing the person was doing can be brought back on this device."""
    request.session.flush()
    return render(request, "portal/pages/session_ended.html")
