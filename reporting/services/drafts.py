"""Writes for drafts: saving a journey's answers, return codes, and clearing out old drafts."""

import hashlib
import hmac
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.refusals import Refused

from .. import codes
from ..engine import JourneyState
from ..models import Draft, ReturnCodeAttempt
from ._common import REFERENCE_ATTEMPTS


def _draft_lifetime(draft: Draft) -> timedelta:
    if draft.return_code_hash:
        return timedelta(days=settings.WAYMARK_DRAFT_EXPIRY_DAYS)
    return timedelta(hours=settings.WAYMARK_UNCLAIMED_DRAFT_HOURS)


@transaction.atomic
def draft_save(*, draft: Draft | None, journey: str, state: JourneyState) -> Draft:
    """Saves a journey's answers (creating the draft on the first page), and pushes its
    expiry back: a draft expires a while after it was last touched, not after it began."""
    if draft is None:
        draft = Draft(journey=journey)
    draft.state = state.as_dict()
    draft.expires_at = timezone.now() + _draft_lifetime(draft)
    draft.save()
    return draft


@cache
def _return_code_hasher() -> PasswordHasher:
    # Argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile) and a 16-byte salt.
    return PasswordHasher()


@cache
def _unused_hash() -> str:
    """A hash to check wrong codes against, so a code that finds no draft takes as long to
    refuse as one that does: the timing says nothing about which codes exist."""
    return _return_code_hasher().hash(codes.new_return_code()[1])


@transaction.atomic
def draft_return_code_issue(*, draft: Draft) -> str:
    """Gives the draft a new return code and returns it, to be shown once. Any earlier code
    for this draft stops working. Only a slow hash of the secret part is kept."""
    hasher = _return_code_hasher()
    for _attempt in range(REFERENCE_ATTEMPTS):
        locator, secret = codes.new_return_code()
        if Draft.objects.filter(return_code_locator=locator).exclude(pk=draft.pk).exists():
            continue
        draft.return_code_locator = locator
        draft.return_code_hash = hasher.hash(secret)
        draft.expires_at = timezone.now() + _draft_lifetime(draft)
        draft.save(update_fields=["return_code_locator", "return_code_hash", "expires_at", "updated_at"])
        return codes.grouped(locator + secret)
    raise RuntimeError("Could not find an unused return code.")


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def draft_resume(*, code: str, client: str, now: datetime | None = None) -> Draft | None:
    """The unexpired draft a return code opens, or None.

    A wrong code and a code for an expired or deleted draft get the same answer, in about
    the same time. Wrong codes are counted per code and per network address; past either
    limit, it is refused (reason "return_code_limited") whether or not the code is right.
    """
    now = now or timezone.now()
    split = codes.split_return_code(code)
    locator, secret = split if split else (codes.normalise(code)[: codes.LOCATOR_LENGTH], "")
    code_digest, client_digest = _digest(locator), _digest(client)
    since = now - timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    recent = ReturnCodeAttempt.objects.filter(attempted_at__gt=since)
    if (
        recent.filter(code_digest=code_digest).count() >= settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE
        or recent.filter(client_digest=client_digest).count() >= settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS
    ):
        raise Refused(reason="return_code_limited")
    draft = Draft.objects.filter(return_code_locator=locator, expires_at__gt=now).first() if split else None
    try:
        _return_code_hasher().verify(draft.return_code_hash if draft else _unused_hash(), secret)
    except (VerificationError, InvalidHashError):
        ReturnCodeAttempt.objects.create(code_digest=code_digest, client_digest=client_digest, attempted_at=now)
        return None
    return draft


@transaction.atomic
def drafts_purge(*, now: datetime | None = None) -> int:
    """Deletes expired drafts and the record of old wrong return codes. Returns how many
    drafts went."""
    now = now or timezone.now()
    deleted, _by_model = Draft.objects.filter(expires_at__lte=now).delete()
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    ReturnCodeAttempt.objects.filter(attempted_at__lte=now - window).delete()
    return deleted
