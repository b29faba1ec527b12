"""Writes for staff accounts and their second factors (enrolment links, authenticators,
backup codes), and the housekeeping of sessions and sign-in records."""

import hashlib
import secrets
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_record
from .models import EnrolmentLink, User
from .refusals import Refused

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


@dataclass(frozen=True)
class AuthenticatorSecret:
    """What a person types or scans into an authenticator app."""

    base32: str
    otpauth_uri: str

    @property
    def grouped(self) -> str:
        return " ".join(self.base32[i : i + 4] for i in range(0, len(self.base32), 4))


def authenticator_secret(device: TOTPDevice) -> AuthenticatorSecret:
    return AuthenticatorSecret(
        base32=b32encode(device.bin_key).decode("ascii").rstrip("="),
        otpauth_uri=device.config_url,
    )


def enrolment_token_digest(token: str) -> str:
    """What is stored of an enrolment token: 32 random bytes need no slow hash."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def enrolment_link_issue(*, user: User, by: User, now: datetime | None = None) -> str:
    """Issues the account's enrolment link token (to be shown once), replacing any earlier
    one, and records who issued it. The link expires after WAYMARK_STAFF_ENROLMENT_HOURS."""
    if not user.is_active:
        raise Refused(_("%(name)s cannot sign in: the account is not active.") % {"name": user.get_username()})
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Refused(
            _("%(name)s already has an authenticator app. Remove it first (TOTP devices) to let them set up a new one.")
            % {"name": user.get_username()}
        )
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    EnrolmentLink.objects.update_or_create(
        user=user,
        defaults={
            "token_digest": enrolment_token_digest(token),
            "issued_by": by,
            "issued_at": now,
            "expires_at": now + timedelta(hours=settings.WAYMARK_STAFF_ENROLMENT_HOURS),
            "used_at": None,
        },
    )
    audit_record(actor=by, action="enrolment_link_issued", object_type="user", object_id=str(user.pk))
    return token


@transaction.atomic
def authenticator_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator a person is setting up; the same one until confirmed,
    so reloading the page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_enrolment_confirm(
    *, user: User, device: TOTPDevice, token: str, enrolment_digest: str
) -> list[str] | None:
    """Confirms the authenticator if the code matches, using up the account's enrolment link
    in the same transaction, and issues backup codes.

    Returns the backup codes (to be shown once), or None if the code was wrong. Refuses
    (reason "enrolment_link_invalid") if the link is no longer valid: expired, used, replaced.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    used = EnrolmentLink.objects.filter(
        user=user, token_digest=enrolment_digest, used_at__isnull=True, expires_at__gt=timezone.now()
    ).update(used_at=timezone.now())
    if used != 1:
        raise Refused(reason="enrolment_link_invalid")
    audit_record(actor=user, action="authenticator_enrolled", object_type="user", object_id=str(user.pk))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return backup_codes_issue(user=user)


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """Replaces any backup codes with a fresh set; each code works once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def staff_account_ensure(
    *, username: str, password: str, first_name: str, last_name: str, is_superuser: bool = False
) -> tuple[User, AuthenticatorSecret]:
    """Creates (or finds) an account with a confirmed authenticator, for demo and test data.

    Safe to run repeatedly: an existing account keeps its authenticator, so a secret already
    added to an app keeps working, and gets the given password back.
    """
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": is_superuser,
            "is_superuser": is_superuser,
        },
    )
    # The printed demo password must always be the one that works.
    user.set_password(password)
    user.save(update_fields=["password"])
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)
    return user, authenticator_secret(device)


# --- Housekeeping (run by Celery beat, or by a scheduler through the management commands) ---


def sessions_clear() -> None:
    """Deletes expired sessions (what `manage.py clearsessions` does)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def sign_in_records_purge(*, now: datetime | None = None) -> int:
    """Deletes django-axes' records of sign-ins and failed attempts (user name, address,
    browser) older than WAYMARK_SIGN_IN_RECORD_DAYS. Returns how many were deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.WAYMARK_SIGN_IN_RECORD_DAYS)
    deleted = 0
    with transaction.atomic():
        for model in (AccessLog, AccessFailureLog, AccessAttempt):
            deleted += model.objects.filter(attempt_time__lt=cutoff).delete()[1].get(model._meta.label, 0)
    return deleted
