from django.urls import reverse

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
