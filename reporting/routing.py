"""Decide which police force owns a report, from reference data alone.

This module is deliberately pure (standard library only, no Django) so the
routing rules can be tested exhaustively without a database and reused by
batch jobs. The reference data lives in ``reporting/data`` and is loaded once
per process on first use.

Postcode data is only known per postcode *district* (the outward code, e.g.
"SW1A"), so a full postcode is used to find its district and nothing more.
When a district straddles force boundaries and no force holds a clear
majority, we never guess: the person is asked to choose.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

__all__ = [
    "BTP",
    "MAJORITY_THRESHOLD",
    "SCOTLAND",
    "Basis",
    "Candidate",
    "CouncilArea",
    "Force",
    "Outcome",
    "RoutingDecision",
    "Rule",
    "Where",
    "council_areas",
    "data_version",
    "force_label",
    "forces",
    "normalise_postcode",
    "routable_force_codes",
    "route_council_area",
    "route_force",
    "route_postcode",
    "route_report",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
_FORCES_FILE = "forces.csv"
_DISTRICTS_FILE = "postcode_district_to_force.csv"
_COUNCILS_FILE = "lad_to_force.csv"

#: A straddling district is routed to its largest force only when that force
#: holds at least this share of the district's postcodes. Below it, a wrong
#: guess would send a sensitive report to the wrong force, so we ask instead.
MAJORITY_THRESHOLD = 0.95

BTP = "BTP"
SCOTLAND = "S23000009"

#: Councils listed in full in a candidate label; beyond this the label names
#: the first few and counts the rest, so a radio-button label stays readable.
_MAX_COUNCILS_LISTED = 5
_COUNCILS_BEFORE_COUNT = 3

# Outward code shapes A9, A99, AA9, AA99, A9A, AA9A, plus the one historic
# non-geographic outward code (Girobank's "GIR 0AA") that people still type.
_OUTWARD = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?|GIR")
_INWARD = re.compile(r"[0-9][A-Z]{2}")
_COMPACT_FULL = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})")
_MAX_OUTWARD_LENGTH = 4


class Outcome(StrEnum):
    """What the page should do next."""

    ROUTED = "routed"
    CHOOSE_FORCE = "choose_force"
    CHOOSE_AREA = "choose_area"
    OUT_OF_SCOPE = "out_of_scope"
    INVALID = "invalid"


class Rule(StrEnum):
    """Which rule decided, stored with the report so a routing can be audited."""

    DISTRICT_WHOLE = "district_whole"
    DISTRICT_MAJORITY = "district_majority"
    DISTRICT_SPLIT = "district_split"
    DISTRICT_UNKNOWN = "district_unknown"
    POSTCODE_NOT_GIVEN = "postcode_not_given"
    POSTCODE_FORMAT = "postcode_format"
    RAILWAY = "railway"
    AREA_CHOICE = "area_choice"
    FORCE_CHOICE = "force_choice"


class Basis(StrEnum):
    """Whose location the decision rests on: the incident's or the person's home."""

    INCIDENT = "incident"
    HOME = "home"


class Where(StrEnum):
    """The person's answer to "where did it happen?"."""

    KNOWN_PLACE = "known_place"
    RAILWAY = "railway"
    ONLINE = "online"
    UNKNOWN_PLACE = "unknown_place"


@dataclass(frozen=True, slots=True)
class Force:
    """A police service, with the contact details an out-of-scope page needs."""

    code: str
    name: str
    website: str | None
    non_emergency: str | None
    nation: str
    in_scope: bool


class CouncilArea(NamedTuple):
    """A council (local authority district) for the "which area?" fallback."""

    code: str
    name: str
    force_code: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A force the person may choose when their district straddles a boundary."""

    force_code: str
    share: float

    @property
    def label(self) -> str:
        """Built on access rather than at load, so it can be translated per request."""
        return force_label(self.force_code)


@dataclass(frozen=True, slots=True)
class RoutingDecision:
    """The result of routing, immutable so it can be shared and stored as-is.

    ``confidence`` is the share of the district's postcodes that lie in
    ``force_code``; it is ``None`` when the force did not come from postcode
    data (a choice by the person, the railway, or no decision at all).
    ``postcode`` is the normalised input and ``district`` its outward code;
    ``council_code`` is set only for an area choice.
    """

    outcome: Outcome
    rule: Rule
    basis: Basis
    data_version: str
    force_code: str | None = None
    confidence: float | None = None
    candidates: tuple[Candidate, ...] = ()
    postcode: str | None = None
    district: str | None = None
    council_code: str | None = None

    def as_record(self) -> dict[str, Any]:
        """Return plain JSON-safe data to store with the report.

        Labels are left out on purpose: they are presentation, and the force
        codes plus ``data_version`` are enough to reconstruct what was shown.
        """
        return {
            "input": {
                "basis": str(self.basis),
                "postcode": self.postcode,
                "district": self.district,
                "council_code": self.council_code,
            },
            "outcome": str(self.outcome),
            "force": self.force_code,
            "rule": str(self.rule),
            "confidence": self.confidence,
            "candidates": [{"force": c.force_code, "share": c.share} for c in self.candidates],
            "data_version": self.data_version,
        }


class _Verdict(NamedTuple):
    """The part of a decision that depends only on the district, precomputed at load."""

    outcome: Outcome
    rule: Rule
    force_code: str | None
    confidence: float | None
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class _ReferenceData:
    forces: Mapping[str, Force]
    verdicts: Mapping[str, _Verdict]
    councils: tuple[CouncilArea, ...]
    force_by_council: Mapping[str, str]
    council_names_by_force: Mapping[str, tuple[str, ...]]
    routable: tuple[str, ...]
    version: str


def _plain_council_name(ons_name: str) -> str:
    """Turn ONS index-style names ("Bristol, City of") into everyday ones."""
    for suffix in (", City of", ", County of"):
        if ons_name.endswith(suffix):
            return ons_name.removesuffix(suffix)
    return ons_name


def _read_rows(raw: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))


def _verdict_for(shares: list[tuple[str, float]], forces: Mapping[str, Force]) -> _Verdict:
    """Apply the 95% rule to one district's (force, share) list.

    Out-of-scope services (Scotland) compete on equal terms, so a border
    district goes to Scotland only when Scotland itself clears the threshold.
    """
    ranked = sorted(shares, key=lambda pair: pair[1], reverse=True)
    top_code, top_share = ranked[0]
    if top_share >= MAJORITY_THRESHOLD:
        rule = Rule.DISTRICT_WHOLE if len(ranked) == 1 else Rule.DISTRICT_MAJORITY
        outcome = Outcome.ROUTED if forces[top_code].in_scope else Outcome.OUT_OF_SCOPE
        return _Verdict(outcome, rule, top_code, top_share, ())
    candidates = tuple(Candidate(code, share) for code, share in ranked)
    return _Verdict(Outcome.CHOOSE_FORCE, Rule.DISTRICT_SPLIT, None, None, candidates)


@functools.cache
def _reference_data() -> _ReferenceData:
    """Load and index the CSVs once per process; later lookups are dict hits."""
    raw = {name: (DATA_DIR / name).read_bytes() for name in (_FORCES_FILE, _DISTRICTS_FILE, _COUNCILS_FILE)}
    digest = hashlib.sha256()
    for name, content in raw.items():
        digest.update(name.encode())
        digest.update(content)

    forces = {
        row["force_code"]: Force(
            code=row["force_code"],
            name=row["force_name"],
            website=row["website"] or None,
            non_emergency=row["non_emergency"] or None,
            nation=row["nation"],
            in_scope=row["in_scope"] == "yes",
        )
        for row in _read_rows(raw[_FORCES_FILE])
    }

    shares_by_district: dict[str, list[tuple[str, float]]] = {}
    for row in _read_rows(raw[_DISTRICTS_FILE]):
        shares_by_district.setdefault(row["district"], []).append((row["force_code"], float(row["share"])))
    verdicts = {district: _verdict_for(shares, forces) for district, shares in shares_by_district.items()}

    councils = sorted(
        (
            CouncilArea(row["lad_code"], _plain_council_name(row["lad_name"]), row["force_code"])
            for row in _read_rows(raw[_COUNCILS_FILE])
        ),
        key=lambda council: council.name.casefold(),
    )
    names_by_force: dict[str, list[str]] = {}
    for council in councils:
        names_by_force.setdefault(council.force_code, []).append(council.name)

    routable = (*(code for code, force in forces.items() if force.in_scope), BTP)

    return _ReferenceData(
        forces=MappingProxyType(forces),
        verdicts=MappingProxyType(verdicts),
        councils=tuple(councils),
        force_by_council=MappingProxyType({c.code: c.force_code for c in councils}),
        council_names_by_force=MappingProxyType({code: tuple(names) for code, names in names_by_force.items()}),
        routable=routable,
        version=digest.hexdigest()[:12],
    )


def data_version() -> str:
    """Short sha256 of the three CSVs, so a stored decision names the data it used."""
    return _reference_data().version


def forces() -> Mapping[str, Force]:
    """Every police service in the data (in and out of scope), keyed by force code."""
    return _reference_data().forces


def council_areas() -> list[CouncilArea]:
    """Councils in England and Wales sorted by name, for the "which area?" picker."""
    return list(_reference_data().councils)


def routable_force_codes() -> tuple[str, ...]:
    """List the forces a person may pick: the 43 territorial ones plus BTP."""
    return _reference_data().routable


def force_label(force_code: str) -> str:
    """Plain-English label for a force choice, naming the councils it covers.

    People know their council better than their police force's name, so the
    label names both. This is the single place the wording is built, so it can
    be wrapped for translation.
    """
    data = _reference_data()
    force = data.forces.get(force_code)
    if force is None:
        return force_code
    councils = data.council_names_by_force.get(force_code, ())
    if not councils:
        return force.name
    if len(councils) == 1:
        return f"{force.name} ({councils[0]})"
    if len(councils) <= _MAX_COUNCILS_LISTED:
        return f"{force.name} ({', '.join(councils[:-1])} or {councils[-1]})"
    shown = ", ".join(councils[:_COUNCILS_BEFORE_COUNT])
    others = len(councils) - _COUNCILS_BEFORE_COUNT
    return f"{force.name} ({shown} and {others} other areas)"


def _split_postcode(text: str) -> tuple[str, str | None] | None:
    """Return (outward, inward or None) for a well-shaped postcode, else None.

    Spaces are optional, but if the person typed one we trust where it is:
    "B1 1" is not silently read as district "B11".
    """
    parts = text.upper().split()
    if len(parts) == 2:
        outward, inward = parts
        if _OUTWARD.fullmatch(outward) and _INWARD.fullmatch(inward):
            return outward, inward
        return None
    if len(parts) != 1:
        return None
    compact = parts[0]
    if len(compact) > _MAX_OUTWARD_LENGTH:
        match = _COMPACT_FULL.fullmatch(compact)
        return (match[1], match[2]) if match else None
    return (compact, None) if _OUTWARD.fullmatch(compact) else None


def normalise_postcode(text: str) -> str | None:
    """Return "SW1A 1AA" (or outward-only "SW1A"), or None if not postcode-shaped."""
    split = _split_postcode(text)
    if split is None:
        return None
    outward, inward = split
    return outward if inward is None else f"{outward} {inward}"


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
