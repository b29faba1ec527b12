"""Transfers between forces: read-only with a banner while the receiving force decides, then
theirs; and the admin lists transfers without their reasons."""

from django.urls import reverse

from reporting import services
from reporting.models import Report, StaffMember
from tests.factories import (
    MET,
    SOUTH_WALES,
    member_of,
    queued_report,
    staff_user,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role


def test_a_report_waiting_on_a_transfer_is_read_only_with_a_banner(client, met, forces):
    report = queued_report()
    supervisor = member_of(met[Role.SUPERVISOR])
    wales = staff_user(force_code=SOUTH_WALES, role=Role.SUPERVISOR)
    services.report_transfer_request(
        member=supervisor, report=report, to_force=member_of(wales).force, reason="Happened in Cardiff"
    )
    as_user(client, met[Role.SUPERVISOR])

    html = html_of(open_with_reason(client, report))
    note = client.post(reverse("reporting:staff_report_note", args=[report.reference]), {"text": "x"}, follow=True)

    assert "Transfer pending" in html and "waiting for South Wales Police to accept it" in html
    assert 'href="/staff/reports/' + report.reference + '/grade/"' not in html
    assert "cannot be changed" in html_of(note)

    as_user(client, wales)
    incoming = html_of(client.get(reverse("reporting:staff_queue"), {"status": "incoming"}))
    assert report.reference in incoming
    client.post(reverse("reporting:staff_report_transfer_accept", args=[report.reference]), {"receiving_reference": ""})
    assert Report.objects.get(pk=report.pk).force.code == SOUTH_WALES
    as_user(client, met[Role.SUPERVISOR])
    assert client.get(reverse("reporting:staff_report", args=[report.reference])).status_code == 404


def test_the_admin_lists_grades_and_transfers_but_never_their_reasons(client, met, forces):
    report = queued_report()
    wales = staff_user(force_code=SOUTH_WALES, role=Role.SUPERVISOR)
    services.report_transfer_request(
        member=member_of(met[Role.SUPERVISOR]), report=report, to_force=member_of(wales).force, reason="Secret reason"
    )
    admin = staff_user(force_code=MET, role=Role.FORCE_ADMIN, username="site-admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    as_user(client, admin)

    grades = client.get(reverse("admin:reporting_forcegrade_changelist"))
    transfers = client.get(reverse("admin:reporting_reporttransfer_changelist"))
    transfer = client.get(reverse("admin:reporting_reporttransfer_change", args=[report.transfers.get().pk]))

    assert grades.status_code == transfers.status_code == transfer.status_code == 200
    assert "Resolved without deployment" in html_of(grades)
    assert report.reference in html_of(transfers)
    assert "Secret reason" not in html_of(transfer)
