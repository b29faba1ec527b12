from django.urls import reverse

from reporting.models import Force
from tests.factories import PASSWORD, current_code, staff_user, submitted_report


def signed_in_admin(client):
    user = staff_user(username="admin-reports")
    user.is_staff = user.is_superuser = True
    user.save()
    client.post(reverse("portal:staff_sign_in"), {"username": "admin-reports", "password": PASSWORD})
    client.post(reverse("portal:staff_verify"), {"code": current_code(user)})
    return client


def test_the_admin_lists_reports_and_outbox_messages_without_the_answers(client, forces):
    report = submitted_report()
    signed_in_admin(client)

    listing = client.get(reverse("admin:reporting_report_changelist"))
    detail = client.get(reverse("admin:reporting_report_change", args=[report.pk]))
    outbox = client.get(reverse("admin:reporting_outboxmessage_changelist"))

    assert listing.status_code == detail.status_code == outbox.status_code == 200
    assert report.reference in listing.content.decode()
    assert "He pushed me" not in detail.content.decode()
    assert "report.submitted" in outbox.content.decode()


def test_whether_a_force_takes_reports_is_shown_read_only_with_why(client, forces):
    force = Force.objects.get(code="E23000001")
    signed_in_admin(client)

    page = client.get(reverse("admin:reporting_force_change", args=[force.pk]))
    saved = client.post(
        reverse("admin:reporting_force_change", args=[force.pk]),
        {"code": force.code, "name": force.name, "display_name": force.display_name, "nation": force.nation},
    )

    assert page.status_code == 200
    assert saved.status_code == 302
    assert 'name="accepts_reports"' not in page.content.decode()
    assert "forces.csv" in page.content.decode()
    force.refresh_from_db()
    assert force.accepts_reports is True
