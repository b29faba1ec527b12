"""Working a report: a claim someone else got first is refused politely, and the THRIVE,
note and status forms."""

from django.urls import reverse

from reporting import services
from reporting.models import Report, StaffMember
from reporting.triage import THRIVE_FACTORS
from tests.factories import (
    member_of,
    queued_report,
)
from tests.reporting.staff.helpers import as_user, html_of

Role = StaffMember.Role


def test_a_report_claimed_by_someone_else_meanwhile_is_refused_politely(client, met):
    report = queued_report()
    services.report_claim(member=member_of(met[Role.CASE_OFFICER]), report=report)
    as_user(client, met[Role.CONTACT_HANDLER])

    response = client.post(
        reverse("reporting:staff_report_claim", args=[report.reference]), {"from": "queue"}, follow=True
    )

    assert "Someone else has already claimed this report." in html_of(response)
    assert Report.objects.get(pk=report.pk).assigned_to == met[Role.CASE_OFFICER]


def test_working_a_report_through_its_forms(client, met):
    report = queued_report()
    as_user(client, met[Role.CONTACT_HANDLER])
    client.post(reverse("reporting:staff_report_claim", args=[report.reference]))
    thrive = {f"{name}_level": "high" for name in THRIVE_FACTORS} | {"threat_note": "Ex-partner nearby"}

    missing = client.post(reverse("reporting:staff_report_thrive", args=[report.reference]), {"threat_level": "low"})
    client.post(reverse("reporting:staff_report_thrive", args=[report.reference]), thrive)
    client.post(reverse("reporting:staff_report_note", args=[report.reference]), {"text": "Called, no answer"})
    closing = client.post(reverse("reporting:staff_report_status", args=[report.reference]), {"status": "closed"})
    client.post(reverse("reporting:staff_report_status", args=[report.reference]), {"status": "contact_made"})
    html = html_of(client.get(reverse("reporting:staff_report", args=[report.reference])))

    assert "Select a level for Harm" in html_of(missing)
    assert "Select the outcome" in html_of(closing)
    assert "Ex-partner nearby" in html and "Called, no answer" in html
    assert "From In triage to Contact made" in html
    report.refresh_from_db()
    assert report.status == Report.Status.CONTACT_MADE
