from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo
from portal.demo import demo_account_ensure
from reporting.models import Force
from support.models import ReferralKind, ReferralRoute, SupportAgency
from support.referrals.services import agency_member_assign

METROPOLITAN = "E23000001"
SOUTH_WALES = "W15000003"

# name, notification address, kinds of referral received, force areas served, demo member
DEMO_AGENCIES = (
    (
        "Demo Domestic Abuse Service",
        "referrals@demo-domestic-abuse.example",
        (ReferralKind.DOMESTIC_ABUSE, ReferralKind.HOUSING),
        (METROPOLITAN, SOUTH_WALES),
        ("agency.worker", "Jo", "Morgan", "Referral worker"),
    ),
    (
        "Demo ISVA and Victim Support Service",
        "referrals@demo-isva.example",
        (ReferralKind.ISVA, ReferralKind.RAPE_CRISIS, ReferralKind.VICTIM_SUPPORT),
        (METROPOLITAN, SOUTH_WALES),
        ("isva.worker", "Sam", "Rees", "Independent sexual violence adviser"),
    ),
)


class Command(BaseCommand):
    help = (
        "Creates demo support agencies receiving referrals in the Metropolitan Police and South Wales "
        "areas, each with one member of staff, and prints how to sign in. Run load_forces first."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        demo.refuse_in_production()
        forces = {force.code: force for force in Force.objects.filter(code__in=[METROPOLITAN, SOUTH_WALES])}
        missing = {METROPOLITAN, SOUTH_WALES} - set(forces)
        if missing:
            self.stderr.write(f"Forces not loaded ({', '.join(sorted(missing))}): run load_forces first.")
        self.stdout.write("Demo support agency staff (sign in at /staff/sign-in/ to reach the referrals inbox):")
        for name, email, kinds, areas, (username, first_name, last_name, job) in DEMO_AGENCIES:
            agency, _ = SupportAgency.objects.update_or_create(name=name, defaults={"notification_email": email})
            for code in areas:
                if code not in forces:
                    continue
                for kind in kinds:
                    route, created = ReferralRoute.objects.get_or_create(
                        force=forces[code], kind=kind, defaults={"agency": agency}
                    )
                    if not created and route.agency_id != agency.pk:
                        self.stderr.write(f"{route} is already routed to another agency; left as it is.")
            user = demo_account_ensure(
                self.stdout, username=username, first_name=first_name, last_name=last_name, role=f"{job}, {name}"
            )
            agency_member_assign(user=user, agency=agency)
