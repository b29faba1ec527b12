"""Sending a report never fails silently and never lies: a report that could not be sent says
so, calmly, with the answers kept; a report that was sent is confirmed, even when the session
could not be saved after the commit."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import Draft, Force, Report, SentDraft
from reporting.services import drafts_purge, forces_sync
from tests.reporting.test_views import (  # noqa: F401 - database_refuses_reports is a fixture
    CHECK,
    JOURNEY,
    SENT,
    VICTIM,
    database_refuses_reports,
    session_draft,
    walk,
)

GWENT = "W15000002"  # where VICTIM's report goes


def choice_no_longer_a_force_for_the_place(client):
    """The person chose Gwent for a postcode split between forces; the routing data has
    since changed so that their choice is not one of that postcode's forces."""
    draft = session_draft(client)
    draft.state = {**draft.state, "answers": {**draft.state["answers"], "split_force": "E23000001"}}
    draft.save()


def force_row_deleted(client):
    Force.objects.filter(code=GWENT).delete()


@pytest.mark.parametrize(
    "cause", [force_row_deleted, choice_no_longer_a_force_for_the_place], ids=lambda cause: cause.__name__
)
def test_a_report_its_force_cannot_take_is_shown_as_not_sent_with_the_answers_kept(client, forces, caplog, cause):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]
    cause(client)

    with caplog.at_level(logging.ERROR, logger="reporting"):
        response = client.post(CHECK, {"submission_key": key})

    html = response.content.decode()
    assert response.status_code == 503
    # Refused before the transaction: nothing was committed, so "not sent" is certain.
    assert "Your report has not been sent yet" in html
    assert "may not have been sent" not in html
    assert "you do not need to type them again" in html
    assert "Try sending it again in a few minutes" in html
    assert "999" in html
    assert "call 101" in html
    assert "He pushed me." in html
    assert "Try sending again" in html
    assert f'value="{key}"' in html
    assert not Report.objects.exists()
    assert session_draft(client).state["answers"]["what_happened"] == "He pushed me.\nThen he took my phone."
    # The operator is told in the log (which holds no answers).
    [line] = [
        record.getMessage()
        for record in caplog.records
        if record.levelname == "ERROR" and record.name.startswith("reporting")
    ]
    assert "could not be sent" in line
    assert "NP16" not in line

    # Once the data is right again, trying again sends it, once.
    forces_sync()
    draft = session_draft(client)
    draft.state = {**draft.state, "answers": {**draft.state["answers"], "split_force": GWENT}}
    draft.save()
    assert client.post(CHECK, {"submission_key": key})["Location"] == SENT
    assert client.post(CHECK, {"submission_key": key})["Location"] == SENT
    assert Report.objects.get().force.code == GWENT


@pytest.mark.usefixtures("database_refuses_reports")
def test_a_database_error_while_sending_never_says_it_was_not_sent(client, forces):
    """The error may come as the report's transaction commits, so the report may be sent: the
    page says so, and that sending again is safe (the submission key returns the same report)."""
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    response = client.post(CHECK, {"submission_key": key})

    html = response.content.decode()
    assert response.status_code == 503
    assert "<title>May not have been sent:" in html
    assert "Your report may not have been sent." in html
    assert "Your answers are kept. Press Send again: it will not be sent twice." in html
    assert "has not been sent yet" not in html and "Not sent yet" not in html


@pytest.fixture
def session_saves_can_fail(settings):
    """Sessions kept in the database as usual, whose saving fails while the test says so."""
    settings.SESSION_ENGINE = "tests.reporting.session_store_failing"
    settings.TEST_SESSION_SAVES_FAIL = False
    return settings


def test_a_report_sent_when_the_session_could_not_be_saved_is_confirmed_on_a_plain_get(
    client, forces, session_saves_can_fail
):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = True
    failed = client.post(CHECK, {"submission_key": key})
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = False

    # The report was committed before the session's save failed: the person saw the calm
    # 503 page (not Django's 400), which does not claim the report was not sent.
    assert failed.status_code == 503
    assert "Sorry, the service is unavailable" in failed.content.decode()
    assert "not been sent" not in failed.content.decode()
    reference = Report.objects.get().reference
    # The confirmation page, Back (check your answers) and reloading all show the report.
    sent = client.get(SENT)
    assert sent.status_code == 200
    assert reference in sent.content.decode()
    back = client.get(CHECK)
    assert back["Location"] == SENT
    assert reference in client.get(back["Location"]).content.decode()
    reload = client.post(CHECK, {"submission_key": key}, follow=True)
    assert reference in reload.content.decode()
    assert Report.objects.count() == 1


def test_after_sending_the_confirmation_stays_until_the_marker_expires(client, forces, session_saves_can_fail):
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = True
    client.post(CHECK, {"submission_key": key})
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = False

    assert drafts_purge() == 0
    assert client.get(SENT).status_code == 200
    drafts_purge(now=timezone.now() + timedelta(hours=session_saves_can_fail.WAYMARK_UNCLAIMED_DRAFT_HOURS, minutes=1))
    assert client.get(SENT)["Location"] == reverse("reporting:journey_start", args=[JOURNEY])


def test_the_confirmation_after_a_failed_session_save_is_of_the_newest_report(client, forces, session_saves_can_fail):
    walk(client, VICTIM)
    client.post(CHECK, {"submission_key": client.get(CHECK).context["submission_key"]})
    first = Report.objects.get()
    walk(client, VICTIM)
    key = client.get(CHECK).context["submission_key"]

    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = True
    assert client.post(CHECK, {"submission_key": key}).status_code == 503
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = False

    second = Report.objects.exclude(pk=first.pk).get()
    html = client.get(SENT).content.decode()
    assert second.reference in html
    assert first.reference not in html


def test_the_marker_a_sent_draft_leaves_holds_no_answers(client, forces):
    walk(client, VICTIM)
    draft_id = session_draft(client).pk
    client.post(CHECK, {"submission_key": client.get(CHECK).context["submission_key"]})

    assert not Draft.objects.exists()
    marker = SentDraft.objects.get()
    assert (marker.draft_id, marker.report) == (draft_id, Report.objects.get())
    assert {field.name for field in SentDraft._meta.get_fields()} == {"draft_id", "journey", "report", "expires_at"}
