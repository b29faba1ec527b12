"""Sexual assault referral centres (SARCs): which centre serves where someone is.

SARCs are commissioned for police force areas, so a postcode is matched to its force area
with the routing data (reporting.routing: postcode districts, no coordinates) and the
centres serving that area are named, from support/data/sarcs.json. A postcode on a border
names the centres of every area it may lie in. Anywhere the file does not cover, and any
postcode that cannot be placed, gets the NHS finder instead. Nothing is stored.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date

from reporting import routing

from .selectors import DATA_DIR

SARCS_FILE = DATA_DIR / "sarcs.json"


@dataclass(frozen=True)
class Sarc:
    slug: str
    name: str
    town: str
    forces: tuple[str, ...]
    phone: str
    phone_note: str
    always_open: bool | None
    website: str
    source_urls: tuple[str, ...]
    checked: date

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:+44{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"


@dataclass(frozen=True)
class SarcData:
    sarcs: tuple[Sarc, ...]
    finder_url: str
    checked: date


@dataclass(frozen=True)
class NearestSarcs:
    """The centres serving a place (possibly none), and the NHS finder for everything else."""

    sarcs: tuple[Sarc, ...]
    finder_url: str


def _sarc(entry: dict) -> Sarc:
    return Sarc(
        slug=entry["slug"],
        name=entry["name"],
        town=entry.get("town", ""),
        forces=tuple(entry["forces"]),
        phone=entry.get("phone", ""),
        phone_note=entry.get("phone_note", ""),
        always_open=entry.get("always_open"),
        website=entry.get("website", ""),
        source_urls=tuple(source["url"] for source in entry["sources"]),
        checked=date.fromisoformat(entry["checked"]),
    )


@functools.cache
def sarc_data() -> SarcData:
    """The SARC file, read once per process."""
    raw = json.loads(SARCS_FILE.read_text(encoding="utf-8"))
    return SarcData(
        sarcs=tuple(_sarc(entry) for entry in raw["sarcs"]),
        finder_url=raw["finder_url"],
        checked=date.fromisoformat(raw["checked"]),
    )


def _force_codes(postcode: str | None, force_code: str | None) -> tuple[str, ...]:
    if postcode:
        decision = routing.route_postcode(postcode, routing.Basis.HOME)
        if decision.force_code:
            return (decision.force_code,)
        if decision.candidates:
            return tuple(candidate.force_code for candidate in decision.candidates)
    return (force_code,) if force_code else ()


def nearest_sarcs(*, postcode: str | None = None, force_code: str | None = None) -> NearestSarcs:
    """The SARCs serving the force area a postcode lies in (or, with no postcode that can
    be placed, the force area given). No database query."""
    data = sarc_data()
    codes = _force_codes(postcode, force_code)
    found = tuple(sarc for sarc in data.sarcs if set(sarc.forces) & set(codes))
    return NearestSarcs(sarcs=found, finder_url=data.finder_url)
