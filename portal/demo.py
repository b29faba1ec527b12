"""Demo accounts for the run command: each is printed with what a person needs to sign in."""

from django.conf import settings
from django.core.management import CommandError

from .services import staff_account_ensure

DEMO_PASSWORD = "waymark-demo-only"  # noqa: S105 - printed on purpose; demo data only


def refuse_in_production() -> None:
    """Stops a demo command where demo data is not allowed (WAYMARK_DEMO_DATA_ALLOWED: false in
    production), because every demo account signs in with the published password above."""
    if not settings.WAYMARK_DEMO_DATA_ALLOWED:
        raise CommandError(
            "These settings do not allow demo data (WAYMARK_DEMO_DATA_ALLOWED): demo accounts use a published password."
        )


def demo_account_ensure(stdout, *, username: str, first_name: str, last_name: str, role: str, **kwargs):
    user, secret = staff_account_ensure(
        username=username, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name, **kwargs
    )
    stdout.write(
        f"  {role}\n"
        f"    sign-in name: {username}\n"
        f"    password:     {DEMO_PASSWORD}\n"
        f"    TOTP secret:  {secret.grouped}\n"
        f"    otpauth URI:  {secret.otpauth_uri}\n"
    )
    return user
