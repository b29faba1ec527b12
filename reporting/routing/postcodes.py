"""Parsing and normalising postcodes into their district (outward code) and inward code."""

from __future__ import annotations

import re

# Outward code shapes A9, A99, AA9, AA99, A9A, AA9A, plus the one historic
# non-geographic outward code (Girobank's "GIR 0AA") that people still type.
_OUTWARD = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?|GIR")
_INWARD = re.compile(r"[0-9][A-Z]{2}")
_COMPACT_FULL = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})")
_MAX_OUTWARD_LENGTH = 4


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
