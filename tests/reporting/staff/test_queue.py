"""The queue: newest work most urgent first without victim details, tabs and filters, paging
by position, claiming the next report, and search by reference."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from reporting import services
from reporting.models import Report, StaffMember
from reporting.selectors import QUEUE_PAGE_SIZE
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    SOUTH_WALES_ANSWERS,
    member_of,
    queued_report,
)
from tests.reporting.staff.helpers import as_user, html_of

Role = StaffMember.Role


def test_the_queue_lists_new_reports_most_urgent_first_without_victim_details(client, met):
    plain = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, risk_indicators=["none"], what_happened="Secret words"))
    urgent = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, in_danger="yes"))
    queued_report(SOUTH_WALES_ANSWERS)
    as_user(client, met[Role.CONTACT_HANDLER])

    html = html_of(client.get(reverse("reporting:staff_queue")))

    references = re.findall(r'href="/staff/reports/([A-Z0-9-]+)/"', html)
    assert references == [urgent.reference, plain.reference]
    assert "Someone is in danger now" in html
    assert "Secret words" not in html and "Alex" not in html and "07700" not in html
    assert "23 hours left" in html
    assert 'style="' not in html


def test_tabs_and_filters_narrow_the_queue(client, met):
    new = queued_report()
    mine = queued_report()
    services.report_claim(member=member_of(met[Role.CONTACT_HANDLER]), report=mine)
    as_user(client, met[Role.CONTACT_HANDLER])

    in_triage = html_of(client.get(reverse("reporting:staff_queue"), {"status": "in_triage", "mine": "1"}))
    other_type = html_of(client.get(reverse("reporting:staff_queue"), {"type": "clares-law"}))
    unknown = html_of(client.get(reverse("reporting:staff_queue"), {"status": "nonsense", "type": "<b>"}))

    assert mine.reference in in_triage and new.reference not in in_triage
    assert new.reference not in other_type
    assert new.reference in unknown
    assert 'aria-current="page">New <span class="waymark-tabs__count">(1)</span>' in unknown


def test_the_queue_pages_forwards_and_back_by_position_not_offset(client, met):
    reports = [queued_report() for _ in range(QUEUE_PAGE_SIZE + 3)]
    start = timezone.now() - timedelta(hours=len(reports))
    for index, report in enumerate(reports):
        Report.objects.filter(pk=report.pk).update(submitted_at=start + timedelta(hours=index))
    as_user(client, met[Role.CONTACT_HANDLER])

    first = html_of(client.get(reverse("reporting:staff_queue")))
    next_link = re.search(r'href="\?([^"]+)" rel="next"', first)[1].replace("&amp;", "&")
    second = html_of(client.get(reverse("reporting:staff_queue") + "?" + next_link))
    previous_link = re.search(r'href="\?([^"]+)" rel="prev"', second)[1].replace("&amp;", "&")
    back = html_of(client.get(reverse("reporting:staff_queue") + "?" + previous_link))

    listed = lambda html: re.findall(r'href="/staff/reports/([A-Z0-9-]+)/"', html)  # noqa: E731
    assert listed(first) == [report.reference for report in reports[:QUEUE_PAGE_SIZE]]
    assert listed(second) == [report.reference for report in reports[QUEUE_PAGE_SIZE:]]
    assert listed(back) == listed(first)
    assert 'rel="prev"' not in back
    assert 'rel="next"' not in second


def test_claiming_from_the_queue_opens_the_report_without_asking_why(client, met):
    report = queued_report()
    as_user(client, met[Role.CONTACT_HANDLER])

    response = client.post(reverse("reporting:staff_claim_next"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("reporting:staff_report", args=[report.reference])
    assert "Do NOT leave a voicemail" in html_of(response)
    event = AuditEvent.objects.filter(object_id=report.reference, action="report.view").get()
    assert event.reason == "Assigned to me"


def test_search_by_reference_finds_your_forces_report_however_it_is_typed(client, met):
    report = queued_report()
    welsh = queued_report(SOUTH_WALES_ANSWERS)
    as_user(client, met[Role.CONTACT_HANDLER])

    found = client.get(reverse("reporting:staff_search"), {"reference": report.reference.lower().replace("-", " ")})
    other = client.get(reverse("reporting:staff_search"), {"reference": welsh.reference})
    missing = client.get(reverse("reporting:staff_search"), {"reference": "ZZZZ-ZZZZ"})

    assert found["Location"] == reverse("reporting:staff_report", args=[report.reference])
    assert other.status_code == missing.status_code == 200
    without_token = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert without_token(html_of(other)) == without_token(html_of(missing))
    assert welsh.reference not in html_of(other)
    # Reasons are sealed at rest: read them through the model, not values_list().
    searches = [event.reason for event in AuditEvent.objects.filter(action="report.search").order_by("id")]
    assert searches == ["found", "not found", "not found"]
