"""Referral pages: the agency inbox (``agency``) and the force's side (``force``).

Both prefixes need a password and a verified second factor (portal.middleware).
"""

from .agency import (
    agency_inbox,
    agency_referral,
    agency_referral_accept,
    agency_referral_decline,
    agency_referral_first_contact,
)
from .force import force_referrals, officer_referral_new

__all__ = [
    "agency_inbox",
    "agency_referral",
    "agency_referral_accept",
    "agency_referral_decline",
    "agency_referral_first_contact",
    "force_referrals",
    "officer_referral_new",
]
