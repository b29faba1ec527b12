"""The supervisors' dashboard: open work, missed service levels and arrivals."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import Report, ReportClock, StaffMember
from tests.factories import (
    SOUTH_WALES_ANSWERS,
    member_of,
    queued_report,
)
from tests.reporting.staff.helpers import as_user, html_of

Role = StaffMember.Role


def test_the_dashboard_counts_open_work_breaches_and_arrivals(client, met):
    reports = [queued_report() for _ in range(3)]
    queued_report(SOUTH_WALES_ANSWERS)
    supervisor = member_of(met[Role.SUPERVISOR])
    services.report_claim(member=supervisor, report=reports[0])
    ReportClock.objects.filter(report=reports[1]).update(due_at=timezone.now() - timedelta(hours=2))
    services.report_status_change(
        member=supervisor, report=reports[2], status=Report.Status.CLOSED, outcome=Report.Outcome.DUPLICATE
    )
    as_user(client, met[Role.SUPERVISOR])

    html = html_of(client.get(reverse("reporting:staff_dashboard")))

    figure = lambda label: re.search(label + r'</p><p class="govuk-heading-xl waymark-figure__number">(\d+)', html)[1]  # noqa: E731
    assert figure("Open reports") == "2"
    assert figure("Waiting to be claimed") == "1"
    assert figure("Service levels missed") == "1"
    assert figure("Closed in the last 30 days") == "1"
    assert reports[1].reference in html[html.index("Service levels missed</h2>") :]
    assert 'role="img"' in html and html.count("<svg") >= 2
    today = timezone.localdate().strftime("%a %-d %b")
    assert re.search(today + r'</th><td class="govuk-table__cell govuk-table__cell--numeric">3<', html)
