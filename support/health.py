"""Support's readiness checks (registered with portal.health by SupportConfig.ready) and the
system check that the bank holiday list does not run out unnoticed."""

from datetime import date, timedelta

from django.core import checks
from django.utils import timezone

from .directory.selectors import bank_holidays
from .models import SupportService

# The list comes from GOV.UK, which publishes about two years ahead: add the next year well
# before the last one ends (docs/decisions/0010-bank-holidays-from-gov-uk.md).
BANK_HOLIDAYS_WARNING = timedelta(days=90)


def support_services_loaded() -> bool:
    """load_support_services has run: the national services are there to signpost."""
    return SupportService.objects.filter(force__isnull=True, is_active=True).exists()


def bank_holidays_current(today: date | None = None) -> bool:
    """The bank holiday list covers at least the next 90 days."""
    last = bank_holidays().last
    return last is not None and last - (today or timezone.localdate()) >= BANK_HOLIDAYS_WARNING


def bank_holidays_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if bank_holidays_current():
        return []
    return [
        checks.Warning(
            f"The bank holiday list ends on {bank_holidays().last}.",
            hint=(
                "Add the next year from https://www.gov.uk/bank-holidays.json to "
                "support/data/bank_holidays_england_wales.json (or WAYMARK_BANK_HOLIDAYS_FILE): after "
                "it ends, services that close on bank holidays show their hours as not known and "
                "referral clocks count bank holidays as working days."
            ),
            id="support.W001",
        )
    ]
