from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from support.directory.selectors import bank_holidays
from support.directory.services import NATIONAL_SERVICES_FILE, ServiceDataError, national_services_sync

#: Warn this long before the bank-holiday list runs out.
BANK_HOLIDAY_WARNING = timedelta(days=365)


class Command(BaseCommand):
    help = (
        "Loads the national support services from support/data/national_services.json. "
        "Safe to run again: it changes only what the file changed, and never local services."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(NATIONAL_SERVICES_FILE), help="Another services file to load.")

    def handle(self, *args, **options):
        try:
            result = national_services_sync(path=Path(options["file"]))
        except ServiceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"National support services: {result.created} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.deactivated} hidden (no longer in the file)."
        )
        holidays = bank_holidays()
        today = timezone.localdate()
        if holidays.last is None or holidays.last - today < BANK_HOLIDAY_WARNING:
            self.stderr.write(
                self.style.WARNING(
                    f"The bank holiday list ends on {holidays.last}: add the next year from "
                    "https://www.gov.uk/bank-holidays.json to support/data/bank_holidays_england_wales.json, "
                    "or services that close on bank holidays will show their hours as not known."
                )
            )
