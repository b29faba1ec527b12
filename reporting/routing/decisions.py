"""What a routing decides: the outcome, the rule that decided, and the immutable record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .data import Candidate


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
