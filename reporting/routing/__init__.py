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

from .data import (
    BTP,
    MAJORITY_THRESHOLD,
    SCOTLAND,
    Candidate,
    CouncilArea,
    Force,
    council_areas,
    data_version,
    force_label,
    forces,
    routable_force_codes,
)
from .data import DATA_DIR as DATA_DIR
from .data import _reference_data as _reference_data
from .decisions import Basis, Outcome, RoutingDecision, Rule, Where
from .postcodes import normalise_postcode
from .rules import route_council_area, route_force, route_postcode, route_report

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
