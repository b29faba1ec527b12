from django.core.management.base import BaseCommand

from reporting.services import drafts_purge


class Command(BaseCommand):
    help = "Deletes saved reports that have expired, and old records of wrong return codes."

    def handle(self, *args, **options):
        count = drafts_purge()
        self.stdout.write(f"Expired drafts deleted: {count}")
