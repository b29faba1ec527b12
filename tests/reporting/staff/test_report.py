"""Reading a report: a reason first, every read audited, safe contact first, the banners,
and answers holding markup shown as text."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from portal.models import AuditEvent
from reporting import services
from reporting.models import ForceGrade, StaffMember
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    member_of,
    queued_report,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

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
