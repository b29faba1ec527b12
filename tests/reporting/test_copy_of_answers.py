"""A copy of the answers, as promised on the domestic abuse journey's "Your copy" pages: a PDF
to download from the confirmation page, only for someone who said a copy is safe to keep and
asked for a file, made on request from the report and never stored, for the session that sent
it alone. Copies are not sent by email (docs/decisions/0009-no-copies-by-email.md)."""

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from reporting.journeys import JOURNEYS
from reporting.models import Report
from tests.factories import DOMESTIC_ABUSE_ANSWERS, submitted_journey_report, walk_journey

JOURNEY = "domestic-abuse"
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
COPY = reverse("reporting:journey_copy", args=[JOURNEY])
CANARY = "Canary-Account-5521 took my keys"
WANTS_A_FILE = dict(DOMESTIC_ABUSE_ANSWERS, what_happened=CANARY, copy_safe="yes", copy_method="download")


def sent_by(client, report: Report) -> Client:
    session = client.session
    session[f"reporting.sent.{report.report_type}"] = str(report.pk)
    session.save()
    return client


def test_the_confirmation_offers_the_download_to_someone_who_asked_for_a_file(client, forces):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)

    html = sent_by(client, report).get(SENT).content.decode()

    assert f'href="{COPY}"' in html
    assert "Download a copy of your report" in html


@pytest.mark.parametrize(
    "answers",
    [
        DOMESTIC_ABUSE_ANSWERS,  # not safe to keep a copy
        dict(DOMESTIC_ABUSE_ANSWERS, copy_method="download"),  # a file, but not said to be safe
    ],
)
def test_no_download_is_offered_or_served_unless_a_copy_is_safe_and_a_file_was_asked_for(client, forces, answers):
    report = submitted_journey_report(JOURNEY, answers)
    sent_by(client, report)

    assert COPY not in client.get(SENT).content.decode()
    assert client.get(COPY).status_code == 404


def test_the_download_is_a_pdf_of_the_answers_as_given_never_cached(client, forces):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)

    response = sent_by(client, report).get(COPY)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="report-{report.reference}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    # Built from the record of the questions as the person saw them, with their answers.
    rows = [(row["question"], row["answer"]) for section in response.context["sections"] for row in section["rows"]]
    assert rows == [(row["question"], row["answer"]) for row in report.answers["asked"]]
    assert any(answer == CANARY for _question, answer in rows)
    assert response.context["report"].reference == report.reference


def test_the_download_is_only_for_the_session_that_sent_the_report(client, forces):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)
    sent_by(client, report)

    assert Client().get(COPY).status_code == 404
    assert client.get(COPY).status_code == 200


def test_a_sent_marker_for_another_journey_opens_nothing(client, forces):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)
    session = client.session
    session["reporting.sent.rape-sexual-assault"] = str(report.pk)
    session.save()

    assert client.get(reverse("reporting:journey_copy", args=["rape-sexual-assault"])).status_code == 404
    assert client.get(reverse("reporting:journey_copy", args=["no-such-journey"])).status_code == 404


def test_the_download_answers_only_get(client, forces):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)

    assert sent_by(client, report).post(COPY).status_code == 405


def test_nothing_from_the_answers_is_logged_or_stored_when_the_copy_is_made(client, forces, caplog):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)
    sent_by(client, report)
    before = Report.objects.get(pk=report.pk).answers

    with caplog.at_level(logging.DEBUG):
        assert client.get(COPY).status_code == 200

    assert not any("Canary-Account-5521" in record.getMessage() for record in caplog.records)
    assert Report.objects.get(pk=report.pk).answers == before
    assert mail.outbox == []


def test_the_download_reads_a_bounded_number_of_queries(client, forces, django_assert_max_num_queries):
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)
    sent_by(client, report)

    with django_assert_max_num_queries(5):
        assert client.get(COPY).status_code == 200


# --- email: no longer offered, and said honestly -----------------------------------------------------


def test_copies_are_not_offered_by_email(client, db):
    walk_journey(client, JOURNEY, dict(DOMESTIC_ABUSE_ANSWERS, copy_safe="yes"), until="copy-how")

    html = client.get(reverse("reporting:journey_page", args=[JOURNEY, "copy-how"])).content.decode()

    assert "By email" not in html
    assert "We do not send copies by email" in html
    flow = JOURNEYS[JOURNEY].flow
    assert flow.page("copy-email") is None
    options = {
        option.value for page in flow.pages for q in page.questions if q.name == "copy_method" for option in q.options
    }
    assert "email" not in options


def test_a_report_that_asked_for_an_email_copy_before_is_told_honestly_and_sent_nothing(client, forces):
    # Sent before email was withdrawn: its answers still say email.
    report = submitted_journey_report(JOURNEY, WANTS_A_FILE)
    report.answers["values"].update(copy_method="email", copy_email="me@example.com")
    report.save(update_fields=["answers"])

    html = " ".join(sent_by(client, report).get(SENT).content.decode().split())

    assert "We do not send copies by email" in html
    assert COPY not in html
    assert mail.outbox == []
