"""Find support without reporting, and the directory of support services.

Each question is posted, and its answer kept in the session on the server, never in a URL:
an address such as ``/find-support/last-7-days/?help=sexual_violence`` would stay in the
browser's history for anyone using the device after them. The session ends when the browser
closes, after 30 minutes without a page, or at "Exit this page" (which destroys it). The
optional postcode is never kept: only the force area it falls in is. Page titles say only
"Find support", so a tab or history list shows nothing about the answers.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from reporting import routing

from ..models import Category
from . import selectors
from .forms import OWN_BEHAVIOUR, Answers, AreaForm, HelpForm, PostcodeForm, RecentForm, SarcPostcodeForm, WhoForm

#: Where the answers are kept in the session.
SESSION_KEY = "find_support"
#: The answers kept, in the order they are asked.
KEPT = ("help", "who", "recent", "area")


def _known(request) -> dict:
    """The kept answers that are still valid: anything invalid is dropped, not trusted."""
    answers = Answers(request.session.get(SESSION_KEY) or {})
    answers.is_valid()
    return answers.carried(*KEPT)


def _keep(request, known: dict, **changes) -> None:
    kept = {**known, **changes}
    request.session[SESSION_KEY] = {key: kept[key] for key in KEPT if kept.get(key)}


def _go(name: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(name), status=303)


def _asks_recent(known: dict) -> bool:
    return Category.SEXUAL_VIOLENCE.value in known.get("help", []) and known.get("who") != OWN_BEHAVIOUR


def _after_who(known: dict) -> str:
    return "support:question_recent" if _asks_recent(known) else "support:where"


def _before_where(known: dict) -> str:
    return "support:question_recent" if _asks_recent(known) else "support:question_who"


def _question(request, form_class, *, field: str, back: str, after):
    """A question page: shown with the kept answer, posted, kept, and on to the next page."""
    known = _known(request)
    if field != "help" and not known.get("help"):
        return redirect("support:question_help")
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            _keep(request, known, **{field: form.cleaned_data[field]})
            return _go(after({**known, field: form.cleaned_data[field]}))
    else:
        form = form_class(initial={field: known.get(field)})
    context = {"form": form, "action": reverse(request.resolver_match.view_name), "back_url": reverse(back)}
    return render(request, "support/question.html", context)


@require_safe
def find_support(request):
    return render(request, "support/find_support.html")


@require_http_methods(["GET", "HEAD", "POST"])
def question_help(request):
    return _question(
        request, HelpForm, field="help", back="support:find_support", after=lambda known: "support:question_who"
    )


@require_http_methods(["GET", "HEAD", "POST"])
def question_who(request):
    return _question(request, WhoForm, field="who", back="support:question_help", after=_after_who)


@require_http_methods(["GET", "HEAD", "POST"])
def question_recent(request):
    return _question(
        request, RecentForm, field="recent", back="support:question_who", after=lambda known: "support:where"
    )


@require_http_methods(["GET", "HEAD", "POST"])
def question_area(request):
    return _question(request, AreaForm, field="area", back="support:where", after=lambda known: "support:results")


@require_http_methods(["GET", "HEAD", "POST"])
def where(request):
    """The optional postcode: only the force area it falls in is kept."""
    known = _known(request)
    if not known.get("help"):
        return redirect("support:question_help")
    if request.method == "POST" and "skip" in request.POST:
        _keep(request, known, area=None)
        return _go("support:results")
    form = PostcodeForm(request.POST) if request.method == "POST" else PostcodeForm()
    if request.method == "POST" and form.is_valid():
        postcode = form.cleaned_data["postcode"]
        if not postcode:
            _keep(request, known, area=None)
            return _go("support:results")
        decision = routing.route_postcode(postcode, routing.Basis.HOME)
        if decision.force_code:
            _keep(request, known, area=decision.force_code)
            return _go("support:results")
        if decision.outcome is routing.Outcome.CHOOSE_FORCE:
            candidates = [(candidate.force_code, candidate.label) for candidate in decision.candidates]
            context = {
                "form": AreaForm(candidates=candidates),
                "action": reverse("support:question_area"),
                "back_url": reverse("support:where"),
            }
            return render(request, "support/question.html", context)
        form.add_error("postcode", _("We do not recognise that postcode. Check it, or choose your area from a list"))
    context = {"form": form, "back_url": reverse(_before_where(known))}
    return render(request, "support/where.html", context)


@require_safe
def results(request):
    answers = Answers(request.session.get(SESSION_KEY) or {})
    answers.is_valid()
    known = answers.carried(*KEPT)
    if not known.get("help"):
        return redirect("support:question_help")
    needs = answers.needs()
    now = timezone.now()
    found = selectors.find_support_results(needs=needs, force_code=known.get("area"), now=now)
    context = {
        "results": found,
        "now": now,
        "own_behaviour": Category.OWN_BEHAVIOUR.value in needs,
        "recent": Category.RECENT_SEXUAL_ASSAULT.value in needs,
    }
    return render(request, "support/results.html", context)


@require_safe
def directory(request):
    now = timezone.now()
    return render(request, "support/directory.html", {"groups": selectors.directory(now=now), "now": now})


def _safe_return(request, value: str) -> str:
    """Where "Back" goes from the nearest-SARC page: a path on this site, or find support."""
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}):
        return value
    return reverse("support:find_support")


@require_http_methods(["GET", "HEAD", "POST"])
def nearest_sarc(request):
    """The sexual assault referral centre for a postcode's area. The postcode is posted,
    used and forgotten: never kept, never in a URL, never added to a report."""
    source = request.POST if request.method == "POST" else request.GET
    form = SarcPostcodeForm(request.POST) if request.method == "POST" else SarcPostcodeForm()
    postcode = form.cleaned_data["postcode"] if request.method == "POST" and form.is_valid() else None
    context = {
        "form": form,
        "postcode": postcode,
        "return_to": _safe_return(request, source.get("return_to", "")),
    }
    return render(request, "support/nearest_sarc.html", context)
