"""Writes for staff accounts and their second factors."""

from base64 import b32encode
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

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


@transaction.atomic
def authenticator_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator a person is setting up; the same one until confirmed,
    so reloading the page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def authenticator_enrolment_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the authenticator if the code matches, and issues backup codes.

    Returns the backup codes (to be shown once), or None if the code was wrong.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
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
