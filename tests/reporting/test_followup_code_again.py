"""The follow-up code reaches the person who sent the report even when the session lost it
between "Send" and the confirmation: the session's save failed after the commit (the sent
draft's marker leads to the confirmation) or a double click's second POST, saved last,
overwrote the code. A fresh code is issued and shown once; the lost one stops working.
Otherwise the confirmation does not pretend a code was shown."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

from reporting import services
from reporting.models import Report, ReportCode
from tests.factories import DOMESTIC_ABUSE_ANSWERS, draft_with_answers
from tests.reporting.test_followup_views import CHECK, CODE, JOURNEY, SENT, send


@pytest.fixture
def session_saves_can_fail(settings):
    settings.SESSION_ENGINE = "tests.reporting.session_store_failing"
    settings.TEST_SESSION_SAVES_FAIL = False
    return settings


def _ready_to_send(client) -> str:
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)
    session = client.session
    session[f"reporting.draft.{JOURNEY}"] = str(draft.pk)
    session.save()
    return draft.submission_key


def _opens(report: Report, code: str) -> bool:
    return services.follow_up_open(reference=report.reference, code=code, client="192.0.2.1") is not None


def test_a_send_whose_session_save_failed_shows_a_fresh_code_once(client, forces, session_saves_can_fail):
    key = _ready_to_send(client)
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = True
    assert client.post(CHECK, {"submission_key": key}).status_code == 503
    session_saves_can_fail.TEST_SESSION_SAVES_FAIL = False
    report = Report.objects.get()

    match = CODE.search(client.get(SENT).content.decode())

    assert match, "the confirmation shows a code"
    assert ReportCode.objects.filter(report=report).count() == 1
    assert _opens(report, match.group(1).strip())
    again = client.get(SENT).content.decode()
    assert 'id="follow-up-code"' not in again and "shown only once" in again
    assert ReportCode.objects.filter(report=report).count() == 1


def test_a_double_clicks_second_post_saved_last_still_leads_to_a_code(client, forces):
    key = _ready_to_send(client)
    # The second POST read the session before the first saved it, and saves after it.
    before = dict(client.session.items())
    assert client.post(CHECK, {"submission_key": key})["Location"] == SENT
    session = SessionStore(session_key=client.session.session_key)
    session.clear()
    session.update(before)
    session.save()
    assert client.post(CHECK, {"submission_key": key})["Location"] == SENT

    match = CODE.search(client.get(SENT).content.decode())

    assert match, "the confirmation shows a code"
    assert _opens(Report.objects.get(), match.group(1).strip())


def test_back_and_send_again_after_the_code_was_shown_keeps_that_code(client, forces):
    report, code = send(client)

    assert client.post(CHECK, {"submission_key": report.submission_key})["Location"] == SENT
    again = client.get(SENT).content.decode()

    assert 'id="follow-up-code"' not in again and "shown only once" in again
    assert _opens(report, code)


def test_a_head_request_does_not_take_the_code(client, forces):
    key = _ready_to_send(client)
    client.post(CHECK, {"submission_key": key})

    assert client.head(SENT).status_code == 200
    match = CODE.search(client.get(SENT).content.decode())

    assert match, "the GET after a HEAD still shows the code"
    assert _opens(Report.objects.get(), match.group(1).strip())
