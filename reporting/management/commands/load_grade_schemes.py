from django.core.management.base import BaseCommand

from reporting.services import grade_schemes_load


class Command(BaseCommand):
    help = (
        "Gives every force that takes reports the default grade scheme, adding only the grades "
        "it lacks (safe to run again; a force's own changes are kept). Run after load_forces."
    )

    def handle(self, *args, **options):
        added = grade_schemes_load()
        self.stdout.write(f"Grades added: {added}")
