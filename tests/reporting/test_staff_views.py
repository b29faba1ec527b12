"""The staff pages: the queue, a report (a reason first, every read audited), search, export,
the dashboard and the audit review; what they show, what they escape and what they cost."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from reporting import services
from reporting.models import ForceGrade, Report, ReportClock, StaffMember
from reporting.selectors import QUEUE_PAGE_SIZE
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    SOUTH_WALES,
    SOUTH_WALES_ANSWERS,
    grade_schemes,
    member_of,
    queued_report,
    staff_user,
    verified_client,
)

Role = StaffMember.Role

XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "</textarea><svg onload=alert(2)>",
    '"><a href="javascript:alert(3)">click</a>',
]
XSS_ANSWERS = dict(
    DOMESTIC_ABUSE_ANSWERS,
    your_name=XSS[0],
    what_happened="\n".join(XSS),
    contact_methods=["call"],
    phone="07700 900982",
    trusted_contact="yes",
    trusted_name=XSS[1],
    trusted_phone="07700 900123",
    safe_times_detail=XSS[2],
)


@pytest.fixture
def met(forces):
    grade_schemes()
    return {role: staff_user(force_code=MET, role=role) for role in Role}


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


# --- the queue ---------------------------------------------------------------------------------


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


def test_a_report_claimed_by_someone_else_meanwhile_is_refused_politely(client, met):
    report = queued_report()
    services.report_claim(member=member_of(met[Role.CASE_OFFICER]), report=report)
    as_user(client, met[Role.CONTACT_HANDLER])

    response = client.post(
        reverse("reporting:staff_report_claim", args=[report.reference]), {"from": "queue"}, follow=True
    )

    assert "Someone else has already claimed this report." in html_of(response)
    assert Report.objects.get(pk=report.pk).assigned_to == met[Role.CASE_OFFICER]


# --- reading a report ------------------------------------------------------------------------------


def test_opening_a_report_not_assigned_to_you_asks_why_first_and_records_it(client, met):
    report = queued_report()
    as_user(client, met[Role.CASE_OFFICER])

    first = client.get(reverse("reporting:staff_report", args=[report.reference]))
    assert first.status_code == 302 and "/reason/" in first["Location"]
    assert not AuditEvent.objects.filter(object_id=report.reference).exists()

    refused = client.post(reverse("reporting:staff_report_reason", args=[report.reference]), {"reason": "other"})
    assert "Enter the reason" in html_of(refused)

    opened = open_with_reason(client, report, reason="other", detail="Call from the victim's sister")
    assert "He pushed me and took my phone." in html_of(opened)
    again = client.get(reverse("reporting:staff_report", args=[report.reference]))
    assert again.status_code == 200

    events = list(AuditEvent.objects.filter(object_id=report.reference).order_by("id"))
    assert [(event.action, event.reason) for event in events] == [
        ("report.view", "Another reason: Call from the victim's sister"),
        ("report.view", "Another reason: Call from the victim's sister"),
    ]
    assert events[0].actor == met[Role.CASE_OFFICER] and events[0].organisation == MET


def test_a_reason_lasts_half_an_hour(client, met):
    report = queued_report()
    as_user(client, met[Role.SUPERVISOR])
    open_with_reason(client, report)
    url = reverse("reporting:staff_report", args=[report.reference])
    start = timezone.now()

    # Busy all the while (so the session stays open), then back to the report.
    for minutes in (10, 20, 29):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get(url).status_code == 200
    with time_machine.travel(start + timedelta(minutes=31)):
        response = client.get(url)

    assert response.status_code == 302 and "/reason/" in response["Location"]


def test_the_reason_page_only_sends_you_on_to_that_report(client, met):
    report = queued_report()
    as_user(client, met[Role.SUPERVISOR])

    response = client.post(
        reverse("reporting:staff_report_reason", args=[report.reference]),
        {"reason": "triage", "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("reporting:staff_report", args=[report.reference])


def test_safe_contact_comes_first_then_the_answers_in_the_order_given(client, met):
    report = queued_report(
        dict(
            DOMESTIC_ABUSE_ANSWERS,
            contact_methods=["call", "text"],
            safe_days=["weekdays"],
            safe_times=["morning"],
            trusted_contact="yes",
            trusted_name="Sam",
            trusted_relationship="Sister",
            trusted_phone="07700 900123",
        )
    )
    as_user(client, met[Role.SUPERVISOR])

    html = html_of(open_with_reason(client, report))

    main = html[html.index('id="main-content"') :]
    assert main.index("Do NOT leave a voicemail") < main.index("What they told us")
    safe = main[: main.index("Status and actions")]
    for expected in (
        "Phone call",
        "Text message",
        "Morning (8am to 12pm)",
        "Weekdays",
        "Sam",
        "Sister",
        "07700 900123",
    ):
        assert expected in safe, expected
    answers = main[main.index("What they told us") :]
    questions = re.findall(r'<dt class="govuk-summary-list__key">([^<]+)</dt>', answers)
    asked = [entry["question"] for entry in report.answers["asked"]]
    assert questions[: len(asked)] == asked


def test_a_voicemail_the_person_allowed_removes_the_warning_and_no_contact_adds_one(client, met):
    voicemail = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["call", "voicemail"]))
    no_contact = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["none"], phone=""))
    as_user(client, met[Role.SUPERVISOR])

    assert "Do NOT leave a voicemail" not in html_of(open_with_reason(client, voicemail))
    assert "Do NOT contact this person" in html_of(open_with_reason(client, no_contact))


def test_an_emergency_grade_shows_the_control_room_banner(client, met):
    report = queued_report()
    handler = member_of(met[Role.CONTACT_HANDLER])
    services.report_claim(member=handler, report=report)
    as_user(client, met[Role.CONTACT_HANDLER])
    emergency = ForceGrade.objects.get(force=handler.force, code="emergency")

    client.post(
        reverse("reporting:staff_report_grade", args=[report.reference]),
        {"grade": str(emergency.pk), "rationale": "Threat tonight"},
    )
    html = html_of(client.get(reverse("reporting:staff_report", args=[report.reference])))

    assert "Pass this report to the control room now" in html
    assert html.index("Pass this report to the control room now") < html.index("Before you contact anyone")


def test_working_a_report_through_its_forms(client, met):
    report = queued_report()
    as_user(client, met[Role.CONTACT_HANDLER])
    client.post(reverse("reporting:staff_report_claim", args=[report.reference]))
    thrive = {f"{name}_level": "high" for name in services.THRIVE_FACTORS} | {"threat_note": "Ex-partner nearby"}

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


# --- search and export -------------------------------------------------------------------------


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
    searches = AuditEvent.objects.filter(action="report.search").values_list("reason", flat=True)
    assert list(searches) == ["found", "not found", "not found"]


def test_the_export_is_audited_and_cannot_carry_a_formula(client, met):
    report = queued_report()
    Report.objects.filter(pk=report.pk).update(report_type="=HYPERLINK(1)")
    as_user(client, met[Role.SUPERVISOR])

    response = client.get(reverse("reporting:staff_queue_export"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "reference" and rows[1][0] == report.reference
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert AuditEvent.objects.get(action="queue.export").reason.endswith("1 rows")


# --- the dashboard and the audit review -------------------------------------------------------------


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


def test_supervisors_review_the_audit_per_report_and_per_member_of_staff(client, met):
    report = queued_report()
    as_user(client, met[Role.CASE_OFFICER])
    open_with_reason(client, report, reason="contact")
    as_user(client, met[Role.SUPERVISOR])

    per_report = html_of(client.get(reverse("reporting:staff_report_audit", args=[report.reference])))
    per_staff = html_of(client.get(reverse("reporting:staff_audit", args=[met[Role.CASE_OFFICER].pk])))

    assert met[Role.CASE_OFFICER].username in per_report and "The person who reported contacted us" in per_report
    assert report.reference in per_staff and "report.view" in per_staff


# --- escaping -----------------------------------------------------------------------------------------


def test_script_and_html_in_answers_show_as_text_in_the_queue_and_the_report(client, met):
    report = queued_report(XSS_ANSWERS)
    supervisor = member_of(met[Role.SUPERVISOR])
    services.report_note_add(member=supervisor, report=report, text=XSS[3])
    as_user(client, met[Role.SUPERVISOR])

    queue = html_of(client.get(reverse("reporting:staff_queue")))
    page = html_of(open_with_reason(client, report))

    for payload in XSS:
        assert payload not in queue and payload not in page
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "&lt;/textarea&gt;&lt;svg onload=alert(2)&gt;" in page
    assert "&quot;&gt;&lt;a href=&quot;javascript:alert(3)&quot;&gt;click&lt;/a&gt;" in page
    assert "<script>" not in page.replace('<script type="module"', "")


# --- what the pages cost --------------------------------------------------------------------------------


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
        member=supervisor, report=first, factors={n: {"level": "low", "note": ""} for n in services.THRIVE_FACTORS}
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
