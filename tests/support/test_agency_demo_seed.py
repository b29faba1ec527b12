"""The demo agencies: two agencies receiving referrals in the Metropolitan Police and South
Wales areas, each with a member of staff who can sign in; safe to run again."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from support.models import AgencyMember, Referral, ReferralRoute, SupportAgency
from tests.factories import DOMESTIC_ABUSE_ANSWERS, PASSWORD, current_code, referred_report, staff_user

METROPOLITAN = "E23000001"
SOUTH_WALES = "W15000003"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo_agencies", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_demo_agencies_receive_referrals_in_both_areas(forces):
    output = seed()
    seed()

    assert SupportAgency.objects.count() == 2
    da = SupportAgency.objects.get(name="Demo Domestic Abuse Service")
    isva = SupportAgency.objects.get(name="Demo ISVA and Victim Support Service")
    assert set(da.routes.values_list("force__code", "kind")) >= {
        (METROPOLITAN, "domestic_abuse"),
        (SOUTH_WALES, "domestic_abuse"),
    }
    assert set(isva.routes.values_list("force__code", "kind")) >= {(METROPOLITAN, "isva"), (SOUTH_WALES, "isva")}
    assert da.notification_email and isva.notification_email
    assert {member.user.username for member in AgencyMember.objects.select_related("user")} == {
        "agency.worker",
        "isva.worker",
    }
    assert "isva.worker" in output and "TOTP secret" in output
    assert ReferralRoute.objects.count() == 10


def test_a_demo_report_reaches_the_demo_agencies(forces):
    seed()

    report = referred_report(
        dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service", "victim_service"])
    )

    assert set(Referral.objects.filter(report=report).values_list("agency__name", flat=True)) == {
        "Demo Domestic Abuse Service",
        "Demo ISVA and Victim Support Service",
    }


def test_the_admin_lists_referrals_without_what_they_share(client, forces):
    seed()
    report = referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service"]))
    referral = Referral.objects.get(report=report)
    admin = staff_user(username="admin-referrals")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.post(reverse("portal:staff_sign_in"), {"username": "admin-referrals", "password": PASSWORD})
    client.post(reverse("portal:staff_verify"), {"code": current_code(admin)})

    listing = client.get(reverse("admin:support_referral_changelist"))
    detail = client.get(reverse("admin:support_referral_change", args=[referral.pk]))
    agency = client.get(reverse("admin:support_supportagency_change", args=[referral.agency_id]))

    assert listing.status_code == detail.status_code == agency.status_code == 200
    assert report.reference in listing.content.decode()
    assert "07700" not in detail.content.decode()
    assert "Referrals it receives" in agency.content.decode()
