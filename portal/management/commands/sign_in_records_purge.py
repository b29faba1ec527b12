from django.conf import settings
from django.core.management.base import BaseCommand

from portal.services import sign_in_records_purge


class Command(BaseCommand):
    help = (
        "Deletes records of sign-ins and failed sign-in attempts older than "
        "WAYMARK_SIGN_IN_RECORD_DAYS. Run daily, with clearsessions, when Celery beat does not."
    )

    def handle(self, *args, **options):
        deleted = sign_in_records_purge()
        self.stdout.write(
            f"Sign-in records deleted: {deleted} (older than {settings.WAYMARK_SIGN_IN_RECORD_DAYS} days)"
        )
