"""The audit review: supervisors see who opened a report, and what a member of staff opened."""

from django.urls import reverse

from reporting.models import StaffMember
from tests.factories import (
    queued_report,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role


def test_supervisors_review_the_audit_per_report_and_per_member_of_staff(client, met):
    report = queued_report()
    as_user(client, met[Role.CASE_OFFICER])
    open_with_reason(client, report, reason="contact")
    as_user(client, met[Role.SUPERVISOR])

    per_report = html_of(client.get(reverse("reporting:staff_report_audit", args=[report.reference])))
    per_staff = html_of(client.get(reverse("reporting:staff_audit", args=[met[Role.CASE_OFFICER].pk])))

    assert met[Role.CASE_OFFICER].username in per_report and "The person who reported contacted us" in per_report
    assert report.reference in per_staff and "report.view" in per_staff
