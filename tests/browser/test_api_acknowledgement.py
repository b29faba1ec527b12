"""The force system's reference on the staff report page, in a real browser: shown in the
report's summary once the force system has acknowledged it, with no axe-core violations."""

import pytest

from reporting.api.services import api_client_register, report_acknowledge
from reporting.models import Force, StaffMember
from tests.browser.accessibility import assert_accessible
from tests.browser.test_triage import sign_in
from tests.factories import MET, grade_schemes, queued_report, staff_user


@pytest.fixture
def supervisor(audit_trail_emptied_afterwards, forces):
    grade_schemes()
    return staff_user(force_code=MET, role=StaffMember.Role.SUPERVISOR, username="met-supervisor-api")


def test_the_report_page_shows_the_force_systems_reference(page, supervisor):
    report = queued_report()
    client, _credential = api_client_register(
        force=Force.objects.get(code=MET), name="Met RMS", purpose="Creating records", scopes=["reports:ack"]
    )
    report_acknowledge(client=client, report=report, reference="CRIME/2026/004211")
    sign_in(page, supervisor)

    page.goto(f"/staff/reports/{report.reference}/")
    page.wait_for_url("**/reason/**")
    page.get_by_label("Supervising or reviewing the case").check()
    page.get_by_role("button", name="Open the report").click()
    page.wait_for_url(f"**/staff/reports/{report.reference}/")

    row = page.locator(".govuk-summary-list__row", has_text="Force system reference")
    assert "CRIME/2026/004211" in row.inner_text() and "Met RMS" in row.inner_text()
    assert_accessible(page, "report view with a force system reference")
