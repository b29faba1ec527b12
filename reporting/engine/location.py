"""Where it happened: pages any journey can include to find the force that owns a report.

The ownership rule lives in reporting.routing: where it happened, else where the person
lives; the railway belongs to British Transport Police. These pages collect what that rule
needs and never guess: a district split between forces asks the person to choose, and a
place outside England and Wales stops at a page saying who can help instead.

A journey includes `location_pages(section=...)` among its pages and passes
`location_decision` as its Flow's routing.

A journey that routes by where someone lives (a disclosure application goes to the force
for the person at risk's address) asks for that postcode on a page of its own and includes
`address_pages(...)` after it, with `address_decision(...)` as its routing; the same
choices and the same stop outside England and Wales follow. `with_cross_force_checks` adds
the other forces whose records must be checked (where the subject of an application lives
or has lived) to the decision stored with the report.
"""

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .. import routing
from ..routing import Basis, Outcome, RoutingDecision, Where
from .conditions import AllOf, Is
from .flow import Page
from .questions import Option, Postcode, Radios, Select
from .wording import Answers, Perspective, When, Wording

UNKNOWN_AREA = "unknown"

Decide = Callable[[Answers], RoutingDecision | None]


def first_decision(answers: Answers) -> RoutingDecision | None:
    """The decision from the place and postcodes alone, before any choice by the person."""
    try:
        where = Where(answers.get("where"))
    except ValueError:
        return None
    return routing.route_report(
        where,
        incident_postcode=answers.get("incident_postcode") or None,
        home_postcode=answers.get("home_postcode") or None,
    )


def location_decision(answers: Answers) -> RoutingDecision | None:
    """The final decision, including the person's choice of area or force where one was
    needed. The postcode they gave stays in the record even when their choice decided."""
    return _final_decision(first_decision(answers), answers)


def _final_decision(first: RoutingDecision | None, answers: Answers) -> RoutingDecision | None:
    if first is None:
        return None
    keep = {"postcode": first.postcode, "district": first.district}
    if first.outcome == Outcome.CHOOSE_AREA:
        area = answers.get("council_area")
        if area == UNKNOWN_AREA and answers.get("police_force"):
            return dataclasses.replace(routing.route_force(answers["police_force"], first.basis), **keep)
        if area and area != UNKNOWN_AREA:
            return dataclasses.replace(routing.route_council_area(area, first.basis), **keep)
    if first.outcome == Outcome.CHOOSE_FORCE:
        choice = answers.get("split_force")
        if choice in {candidate.force_code for candidate in first.candidates}:
            return dataclasses.replace(routing.route_force(choice, first.basis), **keep, candidates=first.candidates)
    return first


def needs(outcome: Outcome, first: Decide):
    def condition(answers: Answers) -> bool:
        decision = first(answers)
        return decision is not None and decision.outcome == outcome

    return condition


def out_of_scope(first: Decide):
    def condition(answers: Answers) -> bool:
        decision = _final_decision(first(answers), answers)
        return decision is not None and decision.outcome == Outcome.OUT_OF_SCOPE

    return condition


def about_home(answers: Answers) -> bool:
    decision = first_decision(answers)
    return decision is not None and decision.basis == Basis.HOME


def council_options(answers: Answers) -> tuple[Option, ...]:
    return (
        Option(UNKNOWN_AREA, _("I do not know the council area")),
        *(Option(area.code, area.name) for area in routing.council_areas()),
    )


def force_options(answers: Answers) -> tuple[Option, ...]:
    forces = routing.forces()
    codes = sorted(routing.routable_force_codes(), key=lambda code: forces[code].name)
    return tuple(Option(code, forces[code].name) for code in codes)


def split_options_for(first: Decide):
    def options(answers: Answers) -> tuple[Option, ...]:
        decision = first(answers)
        if decision is None:
            return ()
        return tuple(Option(candidate.force_code, candidate.label) for candidate in decision.candidates)

    return options


def out_of_scope_context_for(first: Decide, *, about_address: bool = False):
    def context(answers: Answers) -> dict[str, Any]:
        decision = _final_decision(first(answers), answers)
        force = routing.forces().get(decision.force_code) if decision and decision.force_code else None
        return {"service": force, "about_address": about_address}

    return context


def railway_context(answers: Answers) -> dict[str, Any]:
    return {"service": routing.forces()[routing.BTP]}


def location_pages(*, section: str) -> tuple[Page, ...]:
    return (
        Page(
            slug="where",
            section=section,
            questions=(
                Radios(
                    name="where",
                    label=_("Where did it happen?"),
                    hint=_(
                        "We use this to send your report to the right police force. If it happened in more than one place, choose where the most recent thing happened."
                    ),
                    required=_("Select where it happened"),
                    options=(
                        Option(Where.KNOWN_PLACE, _("At a place I can give a postcode for")),
                        Option(
                            Where.ONLINE,
                            _("Online, by phone or by message"),
                            hint=_("For example on social media, by text or by email"),
                        ),
                        Option(Where.RAILWAY, _("On a train, or at a railway or tube station")),
                        Option(Where.UNKNOWN_PLACE, _("I do not know, or I would rather not say"), set_apart=True),
                    ),
                ),
            ),
        ),
        Page(
            slug="incident-postcode",
            section=section,
            when=Is("where", Where.KNOWN_PLACE),
            questions=(
                Postcode(
                    name="incident_postcode",
                    label=_("What is the postcode where it happened?"),
                    hint=_("For example SW1A 1AA. If you do not know it exactly, a postcode nearby is fine."),
                    required=_("Enter a postcode"),
                    summary=_("Postcode where it happened"),
                ),
            ),
        ),
        Page(
            slug="railway",
            section=section,
            when=Is("where", Where.RAILWAY),
            title=_("Your report will go to British Transport Police"),
            template="reporting/journey/railway.html",
            context=railway_context,
        ),
        Page(
            slug="home-postcode",
            section=section,
            when=Is("where", Where.ONLINE, Where.UNKNOWN_PLACE),
            questions=(
                Postcode(
                    name="home_postcode",
                    label=Perspective(me=_("What is your postcode?"), them=_("What is their postcode?")),
                    hint=Perspective(
                        me=_(
                            "We use it only to find your local police force. Leave this empty if you do not know it or would rather not say."
                        ),
                        them=_(
                            "The postcode where the person you are worried about lives. We use it only to find their local police force. Leave this empty if you do not know it."
                        ),
                    ),
                    summary=Perspective(me=_("Your postcode"), them=_("Their postcode")),
                ),
            ),
        ),
        *choice_pages(
            section=section,
            first=first_decision,
            council_label=When(
                about_home,
                Perspective(
                    me=_("Which council area do you live in?"),
                    them=_("Which council area do they live in?"),
                ),
                _("Which council area did it happen in?"),
            ),
        ),
    )


REPORT_FORCE_LABEL = _("Which police force should we send your report to?")
SPLIT_HINT = _(
    "This postcode is on the border between police forces. Choose the council area it is in, so we send your report to the right force."
)
# The same questions in an application for information (Clare's Law, Sarah's Law).
APPLICATION_FORCE_LABEL = _("Which police force should we send your application to?")
APPLICATION_SPLIT_HINT = _(
    "This postcode is on the border between police forces. Choose the council area it is in, so we send your application to the right force."
)


def choice_pages(
    *,
    section: str,
    first: Decide,
    council_label: Wording,
    force_label: Wording = REPORT_FORCE_LABEL,
    split_hint: Wording = SPLIT_HINT,
    about_address: bool = False,
) -> tuple[Page, ...]:
    """What follows a postcode, or no postcode: a council area when the postcode is not
    known, a force when the council is not known either, a choice on a border, and a stop
    when the place is outside England and Wales."""
    return (
        Page(
            slug="council-area",
            section=section,
            when=needs(Outcome.CHOOSE_AREA, first),
            questions=(
                Select(
                    name="council_area",
                    label=council_label,
                    hint=_("The local council for the area, for example Leeds or Cardiff."),
                    required=_("Select a council area, or select that you do not know it"),
                    summary=_("Council area"),
                    options=council_options,
                ),
            ),
        ),
        Page(
            slug="police-force",
            section=section,
            when=AllOf(needs(Outcome.CHOOSE_AREA, first), Is("council_area", UNKNOWN_AREA)),
            questions=(
                Select(
                    name="police_force",
                    label=force_label,
                    hint=_("If you are not sure, choose the force for the area you live in."),
                    required=_("Select a police force"),
                    summary=_("Police force"),
                    options=force_options,
                ),
            ),
        ),
        Page(
            slug="choose-force",
            section=section,
            when=needs(Outcome.CHOOSE_FORCE, first),
            questions=(
                Radios(
                    name="split_force",
                    label=_("Which area is it in?"),
                    hint=split_hint,
                    required=_("Select which area it is in"),
                    summary=_("Police force for the border area"),
                    options=split_options_for(first),
                ),
            ),
        ),
        Page(
            slug="outside-england-and-wales",
            section=section,
            when=out_of_scope(first),
            terminal=True,
            title=_("This service is for England and Wales"),
            template="reporting/journey/out_of_scope.html",
            context=out_of_scope_context_for(first, about_address=about_address),
        ),
    )


# --- routing by an address ----------------------------------------------------------------


def address_first_decision(postcode: str) -> Decide:
    """The decision from the postcode of an address (the answer named `postcode`): None
    until that question is answered; a choice of area when it was left empty."""

    def first(answers: Answers) -> RoutingDecision | None:
        if postcode not in answers:
            return None
        return routing.route_postcode(answers.get(postcode) or None, Basis.HOME)

    return first


def address_decision(postcode: str) -> Decide:
    """A journey's routing by the address whose postcode is the answer `postcode`, with the
    person's choice of area or force where one was needed."""
    first = address_first_decision(postcode)
    return lambda answers: _final_decision(first(answers), answers)


def address_pages(
    *,
    section: str,
    postcode: str,
    council_label: Wording,
    force_label: Wording = REPORT_FORCE_LABEL,
    split_hint: Wording = SPLIT_HINT,
) -> tuple[Page, ...]:
    """The pages after the page asking for the postcode `postcode`."""
    return choice_pages(
        section=section,
        first=address_first_decision(postcode),
        council_label=council_label,
        force_label=force_label,
        split_hint=split_hint,
        about_address=True,
    )


# --- other forces to check ------------------------------------------------------------------


@dataclass(frozen=True)
class CrossForceCheck:
    """A force whose records should be checked, and the answers (postcodes) that say so."""

    force_code: str
    because: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckedDecision(RoutingDecision):
    """A routing decision plus the other forces that must run checks for the force that owns
    the report: for example where the subject of a disclosure application lives or lived."""

    cross_force_checks: tuple[CrossForceCheck, ...] = ()

    def as_record(self) -> dict[str, Any]:
        record = RoutingDecision.as_record(self)
        record["cross_force_checks"] = [
            {"force": check.force_code, "because": list(check.because)} for check in self.cross_force_checks
        ]
        return record


def forces_for_postcode(postcode: str | None) -> tuple[str, ...]:
    """Every force a postcode may lie in: one, or each force on a border. None for a
    postcode we cannot place. Forces outside England and Wales are included: their records
    may matter too, and staff can ask them."""
    if not postcode:
        return ()
    decision = routing.route_postcode(postcode, Basis.HOME)
    if decision.outcome == Outcome.CHOOSE_FORCE:
        return tuple(candidate.force_code for candidate in decision.candidates)
    if decision.outcome in (Outcome.ROUTED, Outcome.OUT_OF_SCOPE) and decision.force_code:
        return (decision.force_code,)
    return ()


def cross_force_checks(answers: Answers, postcodes: Iterable[str], *, owner: str | None) -> tuple[CrossForceCheck, ...]:
    """The forces other than `owner` covering any of the postcodes answered under the names
    `postcodes`, in the order first found."""
    found: dict[str, list[str]] = {}
    for name in postcodes:
        for code in forces_for_postcode(answers.get(name)):
            if code != owner:
                found.setdefault(code, []).append(name)
    return tuple(CrossForceCheck(code, tuple(names)) for code, names in found.items())


def with_cross_force_checks(decide: Decide, postcodes: Callable[[Answers], Iterable[str]]) -> Decide:
    """A journey's routing, recording the other forces covering the postcodes named by
    `postcodes(answers)` as needing cross-force checks."""

    def decision(answers: Answers) -> RoutingDecision | None:
        decided = decide(answers)
        if decided is None:
            return None
        fields = {field.name: getattr(decided, field.name) for field in dataclasses.fields(RoutingDecision)}
        checks = cross_force_checks(answers, postcodes(answers), owner=decided.force_code)
        return CheckedDecision(**fields, cross_force_checks=checks)

    return decision
