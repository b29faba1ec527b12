"""The person's pages after sending (issue 13): the code shown once on the confirmation, the
"Your report" page behind the reference and code, messages both ways and additions; and the
conversation panel and message form on the staff report page."""

import logging
import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from portal.models import AuditEvent
from reporting import codes, services
from reporting.models import Report, ReportMessage
from tests.factories import DOMESTIC_ABUSE_ANSWERS, MET, draft_with_answers, member_of, staff_user
from tests.reporting.staff.helpers import as_user, open_with_reason
from tests.reporting.test_followup_services import _rows_holding

JOURNEY = "domestic-abuse"
CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
YOURS = reverse("reporting:your_report")
REPLY = reverse("reporting:your_report_reply")
ADD = reverse("reporting:your_report_add")
CODE = re.compile(r'id="follow-up-code">([^<]+)<')


def send(client) -> tuple[Report, str]:
    """Sends a finished report from this client's session; returns it and the code shown."""
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)
    session = client.session
    session[f"reporting.draft.{JOURNEY}"] = str(draft.pk)
    session.save()
    assert client.post(CHECK, {"submission_key": draft.submission_key})["Location"] == SENT
    html = client.get(SENT).content.decode()
    match = CODE.search(html)
    assert match, "the confirmation shows the code"
    return Report.objects.get(), match.group(1).strip()


def sign_in(client, report, code, **extra):
    return client.post(YOURS, {"reference": report.reference, "code": code}, **extra)


def test_the_confirmation_shows_the_code_once_and_only_to_the_session_that_sent_it(client, forces):
    report, code = send(client)
    assert len(codes.normalise(code)) == 12
    again = client.get(SENT).content.decode()
    assert code not in again and 'id="follow-up-code"' not in again
    assert "shown only once" in again
    assert services.follow_up_open(reference=report.reference, code=code, client="192.0.2.1") is not None


def test_the_code_waits_for_the_confirmation_sealed_never_in_clear(client, forces):
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)
    session = client.session
    session[f"reporting.draft.{JOURNEY}"] = str(draft.pk)
    session.save()
    client.post(CHECK, {"submission_key": draft.submission_key})
    waiting = _every_session()
    code = CODE.search(client.get(SENT).content.decode()).group(1).strip()
    assert "wm1:" in waiting
    assert codes.normalise(code) not in codes.normalise(waiting)
    # Once shown, it is gone from the session altogether.
    assert "follow_up_code" not in _every_session()


def test_the_code_is_in_no_table_session_or_log_after_it_is_used(client, forces, caplog):
    caplog.set_level(logging.DEBUG)
    report, code = send(client)
    sign_in(client, report, "2222-3333-4444")
    sign_in(client, report, code)
    client.get(YOURS)
    for form in {code, codes.normalise(code)}:
        assert form not in caplog.text
        assert form not in _every_session()
        assert not _rows_holding(form)


def _every_session() -> str:
    """What every stored session holds, decoded."""
    return " ".join(str(SessionStore().decode(row.session_data)) for row in Session.objects.all())


def test_signing_in_gives_a_fresh_session_key_and_shows_the_report(client, forces):
    report, code = send(client)
    before = client.session.session_key
    response = sign_in(client, report, code)
    assert response.status_code == 302 and response["Location"] == YOURS
    assert client.session.session_key != before
    html = client.get(YOURS).content.decode()
    assert report.reference in html and report.force.display_name in html
    assert "Received" in html and "What happens next" in html
    assert "<title>Your report" in html


def test_wrong_codes_get_one_answer_then_this_client_is_told_to_wait(client, forces, settings):
    report, _code = send(client)
    wrong = "2222-3333-4444"
    answers = []
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE):
        response = sign_in(client, report, wrong)
        assert response.status_code == 200
        answers.append(response.context["form"].errors["code"])
    assert all(answer == answers[0] for answer in answers)
    assert "We cannot find a report with that reference and code" in answers[0][0]
    # An unknown reference: the same answer.
    other = client.post(YOURS, {"reference": "2222-2222", "code": wrong}, REMOTE_ADDR="192.0.2.9")
    assert other.context["form"].errors["code"] == answers[0]
    limited = sign_in(client, report, wrong).context["form"].errors["code"][0]
    assert "Try again in" in limited


def test_the_owner_is_not_locked_out_by_a_strangers_guesses(client, forces, settings):
    report, code = send(client)
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE * 2):
        sign_in(client, report, "2222-3333-4444", REMOTE_ADDR="203.0.113.66")
    assert sign_in(client, report, code, REMOTE_ADDR="198.51.100.7")["Location"] == YOURS


def test_every_rate_limit_reads_the_real_client_behind_a_trusted_proxy(client, forces, settings):
    settings.WAYMARK_TRUSTED_PROXIES = ["10.0.0.5"]
    report, code = send(client)
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE):
        sign_in(client, report, "2222-3333-4444", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.66")
    # Another visitor behind the same proxy is not refused.
    assert (
        sign_in(client, report, code, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.7")["Location"] == YOURS
    )


def test_pages_need_signing_in_and_signing_out_ends_it(client, forces):
    report, code = send(client)
    assert client.get(REPLY)["Location"] == YOURS
    assert client.get(ADD)["Location"] == YOURS
    assert 'name="code"' in client.get(YOURS).content.decode()
    sign_in(client, report, code)
    client.post(reverse("reporting:your_report_sign_out"))
    assert 'name="code"' in client.get(YOURS).content.decode()


@pytest.fixture
def officer(forces):
    return member_of(staff_user(force_code=MET, role="case_officer", username="officer"))


def test_the_person_reads_the_officers_message_replies_and_adds(client, forces, officer):
    report, code = send(client)
    services.report_claim(member=officer, report=report)
    services.staff_message_send(member=officer, report=report, text="Is it safe to call you on Tuesday?")
    sign_in(client, report, code)

    html = client.get(YOURS).content.decode()
    assert "Is it safe to call you on Tuesday?" in html and ">New<" in html
    assert "An officer has been given it" in html
    assert ">New<" not in client.get(YOURS).content.decode()
    assert ReportMessage.objects.get().read_at is not None

    assert "Is it safe to call you on Tuesday?" in client.get(REPLY).content.decode()
    assert client.post(REPLY, {"text": "Yes, after 6pm."})["Location"] == YOURS
    assert "Your message has been sent." in client.get(YOURS).content.decode()
    assert client.post(ADD, {"text": "It was Thursday, not Wednesday."})["Location"] == YOURS
    html = client.get(YOURS).content.decode()
    assert "Yes, after 6pm." in html and "It was Thursday, not Wednesday." in html
    assert list(ReportMessage.objects.values_list("direction", "kind")) == [
        ("to_person", "message"),
        ("from_person", "message"),
        ("from_person", "addition"),
    ]


def test_an_empty_reply_is_an_error_on_the_page(client, forces):
    report, code = send(client)
    sign_in(client, report, code)
    response = client.post(REPLY, {"text": "  "})
    assert response.status_code == 200 and "Enter your message" in response.content.decode()
    assert not ReportMessage.objects.exists()


def test_the_persons_page_reads_a_bounded_number_of_queries(client, forces, officer, django_assert_max_num_queries):
    report, code = send(client)
    services.report_claim(member=officer, report=report)
    for n in range(5):
        services.staff_message_send(member=officer, report=report, text=f"Message {n}")
        services.person_message_send(report=report, text=f"Reply {n}")
    sign_in(client, report, code)
    # The first view also marks the five messages read: one update and one insert for all.
    with django_assert_max_num_queries(12):
        assert client.get(YOURS).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(YOURS).status_code == 200


def test_a_closed_report_says_so_with_its_outcome(client, forces, officer):
    report, code = send(client)
    services.report_claim(member=officer, report=report)
    Report.objects.filter(pk=report.pk).update(status="closed", outcome="referred")
    sign_in(client, report, code)
    html = client.get(YOURS).content.decode()
    assert "Closed" in html and "The police passed it to a service that can help." in html


# --- staff ------------------------------------------------------------------------------


def test_staff_see_the_conversation_with_new_items_marked_until_read_and_can_send(client, forces, officer):
    report, _code = send(client)
    services.report_claim(member=officer, report=report)
    services.person_message_send(report=report, text="Please call after 6pm.")
    services.person_addition_add(report=report, text="It was Thursday.")
    as_user(client, officer.user)
    html = open_with_reason(client, report).content.decode()
    assert "Messages with the person" in html
    assert html.count('govuk-tag--red">New<') == 2
    assert "Please call after 6pm." in html and "It was Thursday." in html
    assert "Information added by the person" in html
    html = client.get(reverse("reporting:staff_report", args=[report.reference])).content.decode()
    assert 'govuk-tag--red">New<' not in html
    assert AuditEvent.objects.filter(action="report.message_read").count() == 2

    url = reverse("reporting:staff_report_message", args=[report.reference])
    response = client.post(url, {"text": "Thank you, we will call on Thursday."})
    assert response["Location"].endswith("#conversation")
    html = client.get(reverse("reporting:staff_report", args=[report.reference])).content.decode()
    assert "Thank you, we will call on Thursday." in html
    assert "Message sent to the person" in html  # in the case history too
    assert "The person who sent the report" in html
    assert AuditEvent.objects.filter(action="report.message_send", actor=officer.user).count() == 1


def test_only_staff_who_can_work_the_report_mark_the_persons_messages_read(client, forces, officer):
    report, _code = send(client)
    services.report_claim(member=officer, report=report)
    services.person_message_send(report=report, text="Please call after 6pm.")
    for role in ("force_admin", "contact_handler"):  # may open it, may not work it (not theirs)
        as_user(client, staff_user(force_code=MET, role=role))
        assert 'govuk-tag--red">New<' in open_with_reason(client, report).content.decode()
    assert not AuditEvent.objects.filter(action="report.message_read").exists()

    as_user(client, officer.user)
    html = open_with_reason(client, report).content.decode()

    assert html.count('govuk-tag--red">New<') == 1
    assert AuditEvent.objects.filter(action="report.message_read", actor=officer.user).count() == 1


def test_the_staff_message_form_without_text_shows_an_error(client, forces, officer):
    report, _code = send(client)
    services.report_claim(member=officer, report=report)
    as_user(client, officer.user)
    response = client.post(reverse("reporting:staff_report_message", args=[report.reference]), {"text": ""})
    assert response.status_code == 200 and "Enter a message" in response.content.decode()


def test_the_conversation_panel_reads_a_bounded_number_of_queries(
    client, forces, officer, django_assert_max_num_queries
):
    report, _code = send(client)
    services.report_claim(member=officer, report=report)
    as_user(client, officer.user)
    url = reverse("reporting:staff_report", args=[report.reference])
    client.get(url)
    baseline = _queries(client, url)
    for n in range(10):
        services.staff_message_send(member=officer, report=report, text=f"Message {n}")
        services.person_message_send(report=report, text=f"Reply {n}")
    client.get(url)  # marks the replies read
    # Ten messages each way add no query per message.
    with django_assert_max_num_queries(baseline):
        assert client.get(url).status_code == 200


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_the_home_page_leads_to_your_report(client, db):
    assert f'href="{YOURS}"' in client.get(reverse("portal:home")).content.decode()
