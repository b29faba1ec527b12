"""Referrals to support agencies: the referrals a person agreed to, an officer's referral
made later, the agency inbox, the force's referral pages, and telling an agency a referral
is waiting.

Every read of a referral goes through ``selectors.referrals_visible_to``.
"""

from .selectors import agency_member_for, referral_for_agency, referrals_visible_to
from .services import (
    REFERRAL_NOT_ALLOWED,
    REFERRAL_STATE,
    agency_member_assign,
    referral_accept,
    referral_create_by_officer,
    referral_decline,
    referral_first_contact_record,
    referrals_create,
)

__all__ = [
    "REFERRAL_NOT_ALLOWED",
    "REFERRAL_STATE",
    "agency_member_assign",
    "agency_member_for",
    "referral_accept",
    "referral_create_by_officer",
    "referral_decline",
    "referral_first_contact_record",
    "referral_for_agency",
    "referrals_create",
    "referrals_visible_to",
]
