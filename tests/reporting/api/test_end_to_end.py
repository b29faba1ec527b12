"""A report sent through the journey's services reaches the force's queue by the outbox; the
force system pulls it, reads it, acknowledges it with its own reference; the staff report
page shows that reference."""

from django.urls import reverse

from reporting.models import StaffMember
from tests.factories import DOMESTIC_ABUSE_ANSWERS, draft_with_answers, staff_user
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason


def test_sent_pulled_acknowledged_and_shown_to_staff(
    client, api, register, two_forces, django_capture_on_commit_callbacks
):
    from reporting.services import report_submit

    draft = draft_with_answers(dict(DOMESTIC_ABUSE_ANSWERS, what_happened="Canary e2e-5d1c"))
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(draft=draft, submission_key=draft.submission_key)
    _client, credential = register("met", ["reports:read", "reports:ack"])
    rms = api(credential)

    new = rms.get(reverse("api:reports"), acknowledged="false").json()["results"]
    full = rms.get(reverse("api:report", args=[new[0]["reference"]])).json()
    acknowledged = rms.post(reverse("api:acknowledge", args=[full["reference"]]), {"reference": "CRIME/2026/004211"})
    after = rms.get(reverse("api:reports"), acknowledged="false").json()["results"]

    assert [row["reference"] for row in new] == [report.reference]
    assert any("Canary e2e-5d1c" in row["answer"] for section in full["answers"] for row in section["answers"])
    assert acknowledged.status_code == 201 and after == []

    supervisor = staff_user(role=StaffMember.Role.SUPERVISOR)
    as_user(client, supervisor)
    open_with_reason(client, report)
    page = html_of(client.get(reverse("reporting:staff_report", args=[report.reference])))

    assert "CRIME/2026/004211" in page
    assert "Force system reference" in page and "met RMS" in page
