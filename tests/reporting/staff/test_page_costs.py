"""What the busiest staff pages cost: the queue, a report and the dashboard run the same
number of queries however much work the force has."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services
from reporting.models import StaffMember
from reporting.triage import THRIVE_FACTORS
from tests.factories import (
    member_of,
    queued_report,
)
from tests.reporting.staff.helpers import as_user

Role = StaffMember.Role


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def test_the_queue_report_and_dashboard_cost_a_fixed_number_of_queries(client, met, django_assert_max_num_queries):
    supervisor = member_of(met[Role.SUPERVISOR])
    first = queued_report()
    queued_report()
    services.report_claim(member=supervisor, report=first)
    services.report_note_add(member=supervisor, report=first, text="One")
    services.thrive_assessment_save(
        member=supervisor, report=first, factors={n: {"level": "low", "note": ""} for n in THRIVE_FACTORS}
    )
    as_user(client, met[Role.SUPERVISOR])
    urls = [
        reverse("reporting:staff_queue"),
        reverse("reporting:staff_queue") + "?status=in_triage",
        reverse("reporting:staff_report", args=[first.reference]),
        reverse("reporting:staff_dashboard"),
    ]
    client.get(urls[0])  # the first request after sign-in also starts the idle timer
    few = [queries_for(client, url) for url in urls]

    for _ in range(30):
        report = queued_report()
        services.report_note_add(member=supervisor, report=first, text="More")
        services.report_claim(member=supervisor, report=report) if _ % 2 else None
    many = [queries_for(client, url) for url in urls]

    assert few == many
    with django_assert_max_num_queries(12):
        client.get(urls[0])
    # The report view includes the audit write: its savepoints and (on PostgreSQL) the
    # advisory lock that keeps the audit chain in order.
    with django_assert_max_num_queries(25):
        client.get(urls[2])
    with django_assert_max_num_queries(14):
        client.get(urls[3])
