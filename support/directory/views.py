"""Find support without reporting, and the directory of support services.

Nothing here writes anything: no database rows and no session (so no CSRF token either,
which this project keeps in the session). The questions are GET forms whose answers ride
in the query string, and those answers are only non-identifying choices. The one POST,
the optional postcode, is turned into a force area code on the server and dropped; it is
exempt from CSRF protection because it changes nothing, and a token would mean a session.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from reporting import routing

from ..models import Category
from . import selectors
from .forms import OWN_BEHAVIOUR, Answers, AreaForm, HelpForm, PostcodeForm, RecentForm, WhoForm

#: The answers that may travel in a URL, in the order they are asked.
CARRIED = ("help", "who", "recent", "area")


def _answers(data) -> Answers:
    """The carried answers in ``data``, checked: anything invalid is dropped, not trusted."""
    answers = Answers(data)
    answers.is_valid()
    return answers


def _known(data) -> dict:
    """The valid carried answers in ``data``."""
    return _answers(data).carried(*CARRIED)


def _url(name: str, known: dict, *, without: tuple[str, ...] = ()) -> str:
    pairs = {key: known[key] for key in CARRIED if known.get(key) and key not in without}
    query = urlencode(pairs, doseq=True)
    return reverse(name) + (f"?{query}" if query else "")


def _hidden(known: dict, *, without: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    pairs = []
    for key in CARRIED:
        if known.get(key) and key not in without:
            values = known[key] if isinstance(known[key], list) else [known[key]]
            pairs.extend((key, value) for value in values)
    return pairs


def _asks_recent(known: dict) -> bool:
    return Category.SEXUAL_VIOLENCE.value in known.get("help", []) and known.get("who") != OWN_BEHAVIOUR


def _after_who(known: dict) -> str:
    return _url("support:question_recent" if _asks_recent(known) else "support:where", known)


def _before_where(known: dict) -> str:
    return _url("support:question_recent" if _asks_recent(known) else "support:question_who", known)


def _question(request, form_class, *, field: str, back_url, next_url, title):
    """A question page: a GET form that, once answered, sends the visitor on."""
    known = _known(request.GET)
    if field != "help" and not known.get("help"):
        return redirect("support:question_help")
    if "continue" in request.GET:
        form = form_class(request.GET)
        if form.is_valid():
            return HttpResponseRedirect(next_url({**known, field: form.cleaned_data[field]}))
    else:
        initial = request.GET.getlist(field) if field == "help" else request.GET.get(field)
        form = form_class(initial={field: initial})
    context = {
        "form": form,
        "title": title,
        "action": reverse(request.resolver_match.view_name),
        "hidden": _hidden(known, without=(field,)),
        "back_url": back_url(known),
    }
    return render(request, "support/question.html", context)


@require_safe
def find_support(request):
    return render(request, "support/find_support.html")


@require_safe
def question_help(request):
    return _question(
        request,
        HelpForm,
        field="help",
        title=_("What do you want help with?"),
        back_url=lambda known: reverse("support:find_support"),
        next_url=lambda known: _url("support:question_who", known),
    )


@require_safe
def question_who(request):
    return _question(
        request,
        WhoForm,
        field="who",
        title=_("Who is the help for?"),
        back_url=lambda known: _url("support:question_help", known),
        next_url=_after_who,
    )


@require_safe
def question_recent(request):
    return _question(
        request,
        RecentForm,
        field="recent",
        title=_("Did it happen in the last 7 days?"),
        back_url=lambda known: _url("support:question_who", known),
        next_url=lambda known: _url("support:where", known),
    )


@require_safe
def question_area(request):
    return _question(
        request,
        AreaForm,
        field="area",
        title=_("Which area are you in?"),
        back_url=lambda known: _url("support:where", known, without=("area",)),
        next_url=lambda known: _url("support:results", known),
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def where(request):
    """The optional postcode. Posted, never put in a URL: only the force area it falls in
    goes on to the results."""
    data = request.POST if request.method == "POST" else request.GET
    known = _known(data)
    known.pop("area", None)
    if not known.get("help"):
        return redirect("support:question_help")
    form = PostcodeForm(data) if request.method == "POST" else PostcodeForm()
    if request.method == "POST" and form.is_valid():
        postcode = form.cleaned_data["postcode"]
        if not postcode:
            return HttpResponseRedirect(_url("support:results", known), status=303)
        decision = routing.route_postcode(postcode, routing.Basis.HOME)
        if decision.force_code:
            return HttpResponseRedirect(_url("support:results", {**known, "area": decision.force_code}), status=303)
        if decision.outcome is routing.Outcome.CHOOSE_FORCE:
            candidates = [(candidate.force_code, candidate.label) for candidate in decision.candidates]
            context = {
                "form": AreaForm(candidates=candidates),
                "title": _("Which area are you in?"),
                "action": reverse("support:question_area"),
                "hidden": _hidden(known),
                "back_url": _url("support:where", known),
            }
            return render(request, "support/question.html", context)
        form.add_error("postcode", _("We do not recognise that postcode. Check it, or choose your area from a list"))
    context = {
        "form": form,
        "hidden": _hidden(known),
        "back_url": _before_where(known),
        "skip_url": _url("support:results", known),
        "area_url": _url("support:question_area", known),
    }
    return render(request, "support/where.html", context)


@require_safe
def results(request):
    answers = _answers(request.GET)
    known = answers.carried(*CARRIED)
    if not known.get("help"):
        return redirect("support:question_help")
    needs = answers.needs()
    now = timezone.now()
    found = selectors.find_support_results(needs=needs, force_code=known.get("area"), now=now)
    context = {
        "results": found,
        "now": now,
        "known": known,
        "own_behaviour": Category.OWN_BEHAVIOUR.value in needs,
        "recent": Category.RECENT_SEXUAL_ASSAULT.value in needs,
        "change_url": _url("support:question_help", known),
        "back_url": _url("support:where", known, without=("area",)),
    }
    return render(request, "support/results.html", context)


@require_safe
def directory(request):
    now = timezone.now()
    return render(request, "support/directory.html", {"groups": selectors.directory(now=now), "now": now})
