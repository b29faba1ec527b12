from django.core.management.base import BaseCommand

from portal import demo
from portal.demo import demo_account_ensure
from reporting.models import Force, StaffMember
from reporting.services import staff_member_assign

DEMO_STAFF = [
    # (username, first name, last name, force code, role)
    ("met.handler", "Asha", "Khan", "E23000001", StaffMember.Role.CONTACT_HANDLER),
    ("met.officer", "Tom", "Reid", "E23000001", StaffMember.Role.CASE_OFFICER),
    ("met.supervisor", "Grace", "Okafor", "E23000001", StaffMember.Role.SUPERVISOR),
    ("met.admin", "Priya", "Shah", "E23000001", StaffMember.Role.FORCE_ADMIN),
    ("southwales.handler", "Rhys", "Evans", "W15000003", StaffMember.Role.CONTACT_HANDLER),
]


class Command(BaseCommand):
    help = "Creates demo force staff with authenticators, and prints how to sign in (safe to run again)."

    def handle(self, *args, **options):
        demo.refuse_in_production()
        self.stdout.write("Demo force staff (sign in at /staff/sign-in/):")
        for username, first_name, last_name, force_code, role in DEMO_STAFF:
            force = Force.objects.get(code=force_code)
            user = demo_account_ensure(
                self.stdout,
                username=username,
                first_name=first_name,
                last_name=last_name,
                role=f"{role.label}, {force.display_name}",
            )
            staff_member_assign(user=user, force=force, role=role)
        demo_account_ensure(
            self.stdout,
            username="site.admin",
            first_name="Sam",
            last_name="Admin",
            role="Site administrator (Django admin at /staff/admin/)",
            is_superuser=True,
        )
