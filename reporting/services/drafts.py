"""Writes for drafts: saving a journey's answers, return codes, and clearing out old drafts."""

import hashlib
import hmac
import ipaddress
import logging
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
from ..models import Draft, ReturnCodeAttempt, SentDraft
from ._common import REFERENCE_ATTEMPTS

logger = logging.getLogger(__name__)


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


class ReturnCodesLimited(Refused):
    """This client has tried too many wrong return codes; ``retry_after`` says for how long
    it is refused (reason "return_code_limited")."""

    def __init__(self, *, retry_after: timedelta):
        super().__init__(reason="return_code_limited")
        self.retry_after = retry_after


def _client_key(client: str) -> str:
    """What counts as one client: its address, or for IPv6 its /64, the block one household
    or one server is usually given (so a single machine cannot rotate through addresses)."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return client
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _retry_after(attempts, *, limit: int, now: datetime, window: timedelta) -> timedelta | None:
    """None if fewer than `limit` wrong codes are recorded in the window, else how long until
    enough of them have aged out of it."""
    times = list(attempts.order_by("attempted_at").values_list("attempted_at", flat=True))
    if len(times) < limit:
        return None
    return times[len(times) - limit] + window - now


def _warn_if_locator_is_targeted(recent, code_digest: str) -> None:
    """A line for the operator when one locator keeps getting wrong codes (someone may be
    guessing a person's code from many addresses). Only the keyed digest is logged."""
    attempts = recent.filter(code_digest=code_digest)
    count = attempts.count()
    threshold = settings.WAYMARK_RETURN_CODE_LOCATOR_WARNING
    if count and count % threshold == 0:
        clients = attempts.values("client_digest").distinct().count()
        logger.warning(
            "Many wrong return codes for one code: %d in %d minutes from %d clients (code digest %s)",
            count,
            settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES,
            clients,
            code_digest,
        )


# --- Wrong codes: one record and one set of limits for return and follow-up codes ------------


def code_digest(locator: str) -> str:
    """The keyed digest a code's locator is counted under (never the locator itself)."""
    return _digest(locator)


def code_hash(secret: str) -> str:
    """The slow hash kept for a code's secret (Argon2id)."""
    return _return_code_hasher().hash(secret)


def code_verify(*, hashed: str | None, secret: str) -> bool:
    """Whether the secret matches the hash; with no hash (nothing found), checked against an
    unused one, so a code that finds nothing takes as long to refuse as one that does."""
    try:
        return _return_code_hasher().verify(hashed or _unused_hash(), secret)
    except (VerificationError, InvalidHashError):
        return False


def _recent(now: datetime):
    return ReturnCodeAttempt.objects.filter(
        attempted_at__gt=now - timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    )


def code_attempt_limits_check(*, client: str, locator_digest: str, now: datetime) -> None:
    """Refuses this client (``ReturnCodesLimited``, with how long to wait) when its wrong codes
    in the window, in all or for this locator, have reached their limit; nobody else is."""
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    mine = _recent(now).filter(client_digest=_digest(_client_key(client)))
    waits = [
        _retry_after(mine, limit=settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS, now=now, window=window),
        _retry_after(
            mine.filter(code_digest=locator_digest),
            limit=settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE,
            now=now,
            window=window,
        ),
    ]
    if any(waits):
        raise ReturnCodesLimited(retry_after=max(wait for wait in waits if wait))


def code_attempt_record(*, client: str, locator_digest: str, now: datetime) -> None:
    """Records a wrong code from this client for this locator, and tells the operator when
    one locator keeps getting them."""
    ReturnCodeAttempt.objects.create(
        code_digest=locator_digest, client_digest=_digest(_client_key(client)), attempted_at=now
    )
    _warn_if_locator_is_targeted(_recent(now), locator_digest)


@transaction.atomic
def draft_resume(*, code: str, client: str, now: datetime | None = None) -> Draft | None:
    """The unexpired draft a return code opens, or None.

    A wrong code and a code for an expired or deleted draft get the same answer, in about
    the same time. Wrong codes are counted per client (its address, or IPv6 /64), in all and
    for each code's locator; past either limit that client is refused, right code or not
    (``ReturnCodesLimited``). Nobody else is: another client's right code always opens, so a
    stranger's guesses cannot lock the owner out (docs/decisions/0012-return-code-limits.md).
    """
    now = now or timezone.now()
    split = codes.split_return_code(code)
    locator, secret = split if split else (codes.normalise(code)[: codes.LOCATOR_LENGTH], "")
    locator_digest = code_digest(locator)
    code_attempt_limits_check(client=client, locator_digest=locator_digest, now=now)
    draft = Draft.objects.filter(return_code_locator=locator, expires_at__gt=now).first() if split else None
    if not code_verify(hashed=draft.return_code_hash if draft else None, secret=secret):
        code_attempt_record(client=client, locator_digest=locator_digest, now=now)
        return None
    return draft


@transaction.atomic
def drafts_purge(*, now: datetime | None = None) -> int:
    """Deletes expired drafts, the expired markers of sent drafts, and the record of old
    wrong return codes. Returns how many drafts went."""
    now = now or timezone.now()
    deleted, _by_model = Draft.objects.filter(expires_at__lte=now).delete()
    SentDraft.objects.filter(expires_at__lte=now).delete()
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    ReturnCodeAttempt.objects.filter(attempted_at__lte=now - window).delete()
    return deleted
