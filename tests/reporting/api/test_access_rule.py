"""The one access rule with a force system as the actor: its own force's reports, never the
reports another force asks its force to take. Staff behaviour is unchanged."""

from reporting.models import Report, StaffMember
from reporting.selectors import reports_visible_to
from reporting.services import report_transfer_request
from tests.factories import MET, SOUTH_WALES, member_of, staff_user


def test_a_client_sees_its_own_forces_reports_only(register, met_report, south_wales_report):
    met_client, _ = register("met")

    assert list(reports_visible_to(met_client)) == [met_report]


def test_a_client_never_sees_incoming_transfers_though_a_supervisor_does(register, south_wales_report):
    sw_supervisor = member_of(staff_user(force_code=SOUTH_WALES, role=StaffMember.Role.SUPERVISOR))
    met_supervisor = member_of(staff_user(force_code=MET, role=StaffMember.Role.SUPERVISOR))
    met_handler = member_of(staff_user(force_code=MET, role=StaffMember.Role.CONTACT_HANDLER))
    report_transfer_request(
        member=sw_supervisor, report=south_wales_report, to_force=met_supervisor.force, reason="It happened in London"
    )
    met_client, _ = register("met")

    assert south_wales_report in reports_visible_to(met_supervisor)
    assert south_wales_report not in reports_visible_to(met_handler)
    assert not reports_visible_to(met_client).filter(pk=south_wales_report.pk).exists()
    assert Report.objects.filter(transfer_to=met_supervisor.force).count() == 1
