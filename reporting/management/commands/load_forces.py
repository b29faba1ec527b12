from django.core.management.base import BaseCommand

from reporting.services import forces_sync


class Command(BaseCommand):
    help = "Loads the police forces from reporting/data/forces.csv (safe to run again)."

    def handle(self, *args, **options):
        count = forces_sync()
        self.stdout.write(f"Forces loaded: {count}")
