"""The routing rules: by postcode, by council, by a chosen force, and for a whole report."""

from __future__ import annotations

from .data import BTP, _reference_data, data_version
from .decisions import Basis, Outcome, RoutingDecision, Rule, Where
from .postcodes import _split_postcode


def route_postcode(text: str | None, basis: Basis = Basis.INCIDENT) -> RoutingDecision:
    """Route by a full or partial postcode; ``None`` means "I don't know it"."""
    data = _reference_data()
    if text is None:
        return RoutingDecision(Outcome.CHOOSE_AREA, Rule.POSTCODE_NOT_GIVEN, basis, data.version)
    split = _split_postcode(text)
    if split is None:
        return RoutingDecision(Outcome.INVALID, Rule.POSTCODE_FORMAT, basis, data.version)
    district, inward = split
    postcode = district if inward is None else f"{district} {inward}"
    verdict = data.verdicts.get(district)
    if verdict is None:
        return RoutingDecision(
            Outcome.CHOOSE_AREA,
            Rule.DISTRICT_UNKNOWN,
            basis,
            data.version,
            postcode=postcode,
            district=district,
        )
    return RoutingDecision(
        verdict.outcome,
        verdict.rule,
        basis,
        data.version,
        force_code=verdict.force_code,
        confidence=verdict.confidence,
        candidates=verdict.candidates,
        postcode=postcode,
        district=district,
    )


def route_council_area(council_code: str, basis: Basis = Basis.INCIDENT) -> RoutingDecision:
    """Route by a council the person picked; councils nest wholly inside one force."""
    data = _reference_data()
    code = council_code.strip().upper()
    force_code = data.force_by_council.get(code)
    if force_code is None:
        return RoutingDecision(Outcome.INVALID, Rule.AREA_CHOICE, basis, data.version)
    return RoutingDecision(
        Outcome.ROUTED,
        Rule.AREA_CHOICE,
        basis,
        data.version,
        force_code=force_code,
        council_code=code,
    )


def route_force(force_code: str, basis: Basis = Basis.INCIDENT) -> RoutingDecision:
    """Route to a force the person picked (from a split district or the full list).

    Picking an out-of-scope service (e.g. Police Scotland offered for a border
    district) yields ``out_of_scope`` so the page can show its contact details.
    """
    data = _reference_data()
    code = force_code.strip().upper()
    if code in data.routable:
        outcome = Outcome.ROUTED
    elif code in data.forces:
        outcome = Outcome.OUT_OF_SCOPE
    else:
        return RoutingDecision(Outcome.INVALID, Rule.FORCE_CHOICE, basis, data.version)
    return RoutingDecision(outcome, Rule.FORCE_CHOICE, basis, data.version, force_code=code)


def route_report(
    where: Where,
    *,
    incident_postcode: str | None = None,
    home_postcode: str | None = None,
) -> RoutingDecision:
    """Apply the ownership rule: where it happened, else where the person lives.

    The railway has its own force wherever the line runs, so a railway
    incident ignores postcodes. Online or unknown places fall back to the
    person's home postcode, and to an area choice if that is unknown too.
    """
    where = Where(where)  # a stray form value must fail loudly, not route by home
    if where == Where.RAILWAY:
        return RoutingDecision(Outcome.ROUTED, Rule.RAILWAY, Basis.INCIDENT, data_version(), force_code=BTP)
    if where == Where.KNOWN_PLACE:
        return route_postcode(incident_postcode, Basis.INCIDENT)
    return route_postcode(home_postcode, Basis.HOME)
