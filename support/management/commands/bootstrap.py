"""`manage.py bootstrap`: everything a database needs before it can take a report, safe to run
on every deploy.

It lives in `support` on purpose. Dependencies point one way, `support` -> `reporting` ->
`portal` (tests/test_architecture.py), and bootstrapping has to know every app's reference
data. `support` is the top of that chain, the one app allowed to know all the others; in
`portal` it would have to name reporting's and support's commands, a dependency pointing the
wrong way that the architecture test cannot see because it is only a string. Each step is
still called by its command name, so each app keeps its loading (and its messages) in its
own command, and bootstrap is exactly the commands the docs list, in order.

What it never does: create accounts, agencies or reports. Demo data is for the `make run`
commands only (`seed_demo_*`, refused under production settings by portal/demo.py); the first
force administrator is `manage.py staff_create`.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

#: In order: the schema, then the forces, then what hangs off them, then the support directory.
STEPS = [
    ("migrate", {"interactive": False}),
    ("load_forces", {}),
    ("load_grade_schemes", {}),
    ("load_support_services", {}),
]


class Command(BaseCommand):
    help = (
        "Migrates the database and loads the reference data (forces, grade schemes, national "
        "support services). Safe to run on every deploy; never creates demo data or accounts."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        for name, kwargs in STEPS:
            if verbosity:
                self.stdout.write(self.style.MIGRATE_HEADING(f"{name}:"))
            call_command(name, stdout=self.stdout, stderr=self.stderr, verbosity=verbosity, **kwargs)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    "Waymark is ready to take reports. If this is a new deployment, create the first "
                    "force administrator: manage.py staff_create --help"
                )
            )
