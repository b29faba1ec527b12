"""Creates a member of force staff from the command line, e.g. a deployment's first force
administrator (after `manage.py bootstrap`):

    manage.py staff_create --username priya.shah --first-name Priya --last-name Shah \\
        --email priya.shah@force.police.uk --force E23000001 --role force_admin --site-admin

It prints an initial password and a one-time enrolment link, each once (neither is stored in
clear): the person opens the link, signs in with the password and sets up their authenticator
app. Give them the two by different channels. `--site-admin` also opens the Django admin
(/staff/admin/) to them, where they add the force's other staff and issue their links; anyone
else is created with `--by`, the administrator recorded in the audit trail. Never demo data:
no published password, no authenticator secret printed.
"""

import getpass
import socket

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.models import User
from portal.refusals import Refused
from reporting.models import StaffMember
from reporting.services import staff_account_create


class Command(BaseCommand):
    help = (
        "Creates a member of force staff with an initial password and an enrolment link, each printed "
        "once (for the first force administrator, with --site-admin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--force", required=True, help="the force's code, e.g. E23000001 (reporting/data/forces.csv)"
        )
        parser.add_argument("--role", required=True, choices=[role.value for role in StaffMember.Role])
        parser.add_argument(
            "--site-admin",
            action="store_true",
            help="also give access to the Django admin (staff and superuser status): for the first administrator",
        )
        parser.add_argument(
            "--by",
            help="the administrator creating the account, recorded in the audit trail (needed without --site-admin)",
        )

    def handle(self, *args, **options):
        by = None
        if options["by"]:
            by = User.objects.filter(username=options["by"], is_active=True, is_staff=True).first()
            if by is None:
                raise CommandError(
                    f"--by must name an active administrator (staff status): {options['by']!r} does not."
                )
        elif not options["site_admin"]:
            raise CommandError("Name the administrator creating the account with --by (or use --site-admin).")
        try:
            with transaction.atomic():
                user, password = staff_account_create(
                    username=options["username"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    email=options["email"],
                    force_code=options["force"],
                    role=StaffMember.Role(options["role"]),
                    site_admin=options["site_admin"],
                    by=by,
                    operator=f"{getpass.getuser()}@{socket.gethostname()}",
                )
                self.stdout.write(
                    f"Created {user.username} ({StaffMember.Role(options['role']).label}, {options['force']}).\n"
                    f"Initial password: {password}\n"
                    "(shown once: it is stored only as a hash)\n"
                )
                self._enrolment(user=user, by=by or user)
        except Refused as refusal:
            raise CommandError(refusal.message) from None

    def _enrolment(self, *, user: User, by: User) -> None:
        if "staff_enrolment_issue" not in get_commands():
            self.stdout.write(
                f"Next: run manage.py staff_enrolment_issue {user.username} to give them an enrolment link."
            )
            return
        call_command("staff_enrolment_issue", user.username, by=by.username, stdout=self.stdout)
        self.stdout.write(
            "Give them the link and the password by different channels: they open the link, sign in with "
            "the password, and set up their authenticator app."
        )
