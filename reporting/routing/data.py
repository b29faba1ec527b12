"""The reference data: the forces table, postcode districts and councils, loaded once per process."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .decisions import Outcome, Rule

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
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
