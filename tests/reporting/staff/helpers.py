"""Steps the staff page tests share: signing in as someone else, giving a reason to open a
report, and reading a response's HTML."""

from django.urls import reverse

from tests.factories import verified_client


def as_user(client, user):
    client.logout()
    return verified_client(client, user)


def open_with_reason(client, report, reason="triage", detail=""):
    return client.post(
        reverse("reporting:staff_report_reason", args=[report.reference]),
        {"reason": reason, "detail": detail, "next": reverse("reporting:staff_report", args=[report.reference])},
        follow=True,
    )


def html_of(response) -> str:
    return response.content.decode()
