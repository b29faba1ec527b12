"""What leaves as a file. The queue as CSV: audited, and no cell a spreadsheet would run as a
formula. The PDF case file: what it holds, who exported it and when on every page, the export
in the audit trail, and answers holding markup printed as text with nothing fetched."""

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML

from portal.models import AuditEvent
from portal.pdf import DOCUMENT_BASE, StaticOnlyFetcher
from reporting import services
from reporting.models import Report, StaffMember
from reporting.staff.views.exports import case_file_html
from reporting.triage import THRIVE_FACTORS
from tests.factories import DOMESTIC_ABUSE_ANSWERS, MET, grade_schemes, member_of, queued_report, staff_user
from tests.factories import verified_client as sign_in
from tests.reporting.staff.helpers import as_user

Role = StaffMember.Role


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format, *args):
        pass


@pytest.fixture
def outside_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def page_texts(html: str) -> list[str]:
    """The text WeasyPrint lays out on each page, margin boxes (the running header) included:
    what the PDF draws."""
    document = HTML(string=html, base_url=DOCUMENT_BASE, url_fetcher=StaticOnlyFetcher()).render()
    texts = []
    for page in document.pages:
        words = []
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if getattr(box, "text", None):
                words.append(box.text)
            stack.extend(reversed(getattr(box, "children", [])))
        texts.append(" ".join(words))
    return texts


@pytest.fixture
def supervisor(forces):
    grade_schemes()
    user = staff_user(force_code=MET, role=Role.SUPERVISOR, username="sup.pdf")
    user.first_name, user.last_name = "Grace", "Okafor"
    user.save()
    return user


def html_for(user, report) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return case_file_html(request, member_of(user), report, reason="Supervising", now=timezone.now())


def test_the_export_is_audited_and_cannot_carry_a_formula(client, met):
    report = queued_report()
    Report.objects.filter(pk=report.pk).update(report_type="=HYPERLINK(1)")
    as_user(client, met[Role.SUPERVISOR])

    response = client.get(reverse("reporting:staff_queue_export"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "reference" and rows[1][0] == report.reference
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert AuditEvent.objects.get(action="queue.export").reason.endswith("1 rows")


def test_the_case_file_downloads_as_a_pdf_and_the_export_is_audited(client, supervisor):
    report = queued_report()
    services.report_claim(member=member_of(supervisor), report=report)
    sign_in(client, supervisor)

    response = client.get(reverse("reporting:staff_case_file", args=[report.reference]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'attachment; filename="case-file-{report.reference}.pdf"'
    event = AuditEvent.objects.get(action="report.pdf")
    assert (event.actor, event.object_id, event.reason) == (supervisor, report.reference, "Assigned to me")


def test_a_case_file_of_a_report_not_assigned_to_you_asks_why_first(client, supervisor):
    report = queued_report()
    sign_in(client, supervisor)

    response = client.get(reverse("reporting:staff_case_file", args=[report.reference]))

    assert response.status_code == 302 and "/reason/" in response["Location"]
    assert not AuditEvent.objects.filter(action="report.pdf").exists()


def test_every_page_says_who_exported_it_and_when(supervisor):
    long_story = "\n".join(f"Line {number} of what happened." for number in range(200))
    report = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, what_happened=long_story))
    supervisor_member = member_of(supervisor)
    services.report_claim(member=supervisor_member, report=report)
    services.report_note_add(member=supervisor_member, report=report, text="Spoke to her at 10am")
    services.thrive_assessment_save(
        member=supervisor_member,
        report=report,
        factors={name: {"level": "high", "note": f"{name} noted"} for name in THRIVE_FACTORS},
    )

    pages = page_texts(html_for(supervisor, report))

    assert len(pages) > 1
    stamp = f"Exported by Grace Okafor on {timezone.localtime():%-d %B %Y}"
    assert all(stamp in text and report.reference in text for text in pages)
    whole = " ".join(pages)
    for expected in (
        "Do NOT leave a voicemail.",
        "Line 199 of what happened.",
        "Routing decision",
        "vulnerability noted",
        "Spoke to her at 10am",
        "Audit summary",
        "report.claim",
    ):
        assert expected in whole, expected


def test_markup_in_answers_is_printed_as_text_and_nothing_is_fetched(supervisor, outside_server):
    base = f"http://127.0.0.1:{outside_server.server_address[1]}"
    payloads = [
        "<script>alert('xss')</script>",
        f'<img src="{base}/tracker.png">',
        f'<link rel="stylesheet" href="{base}/style.css">',
        f"<style>@import url('{base}/imported.css');</style>",
    ]
    report = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, what_happened="\n".join(payloads), your_name=payloads[1]))
    services.report_claim(member=member_of(supervisor), report=report)

    html = html_for(supervisor, report)
    whole = " ".join(page_texts(html))

    for payload in payloads:
        assert payload not in html
        assert payload in whole, payload
    assert outside_server.hits == []
