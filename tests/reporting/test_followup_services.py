"""Following a sent report (issue 13): the private code given with it, messages both ways,
and additions, as services and selectors."""

import contextlib
import logging
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from portal.encryption import EncryptionError
from portal.fields import SEALED_PREFIX
from portal.models import AuditEvent
from portal.refusals import Refused
from reporting import codes, selectors, services
from reporting.followup.progress import OUTCOME_WORDS, STAGE_OF_STATUS, STAGES, progress_of
from reporting.models import Report, ReportActivity, ReportCode, ReportMessage
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    RAPE_SEXUAL_ASSAULT_BRANCHES,
    member_of,
    queued_report,
    staff_user,
    submitted_journey_report,
    submitted_report,
)

OWNER = "198.51.100.7"
STRANGER = "203.0.113.66"


def wrong(code: str) -> str:
    return "2222-2222-2222" if codes.normalise(code) != "222222222222" else "3333-3333-3333"


@pytest.fixture
def sent(forces):
    report = submitted_report()
    return report, report.issued_code


def test_sending_a_report_gives_it_a_code_kept_only_as_a_slow_hash(sent):
    report, code = sent
    assert len(codes.normalise(code)) == codes.FOLLOW_UP_CODE_LENGTH == 12
    assert code.count("-") == 2
    stored = ReportCode.objects.get(report=report)
    assert stored.code_hash.startswith("$argon2id$")
    assert codes.normalise(code) not in stored.code_hash


def test_the_reference_and_code_open_the_report_however_they_are_typed(sent):
    report, code = sent
    typed = code.lower().replace("-", " ")
    opened = services.follow_up_open(reference=report.reference.lower(), code=typed, client=OWNER)
    assert opened is not None and opened.report_id == report.pk
    assert selectors.report_for_follow_up(code_id=str(opened.pk)) == report


@pytest.mark.parametrize("answers", [RAPE_SEXUAL_ASSAULT_BRANCHES[1], RAPE_SEXUAL_ASSAULT_BRANCHES[2]])
def test_reports_for_someone_else_and_anonymous_reports_get_a_code_too(forces, answers):
    report = submitted_journey_report("rape-sexual-assault", answers)
    assert services.follow_up_open(reference=report.reference, code=report.issued_code, client=OWNER)


def test_someone_reporting_for_another_person_gets_a_code(forces):
    report = submitted_report(dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else"))
    assert services.follow_up_open(reference=report.reference, code=report.issued_code, client=OWNER)


def test_a_new_code_replaces_the_old_one_and_ends_its_sessions(sent):
    report, old = sent
    signed_in = services.follow_up_open(reference=report.reference, code=old, client=OWNER)
    new = services.follow_up_code_issue(report=report)
    assert services.follow_up_open(reference=report.reference, code=old, client=OWNER) is None
    assert services.follow_up_open(reference=report.reference, code=new, client=OWNER) is not None
    assert selectors.report_for_follow_up(code_id=str(signed_in.pk)) is None


def test_wrong_expired_and_closed_codes_get_the_same_answer(sent, settings):
    report, code = sent
    assert services.follow_up_open(reference=report.reference, code=wrong(code), client=OWNER) is None
    assert services.follow_up_open(reference="2222-2222", code=code, client=OWNER) is None
    later = timezone.now() + timedelta(days=settings.WAYMARK_FOLLOW_UP_CODE_DAYS + 1)
    assert services.follow_up_open(reference=report.reference, code=code, client=OWNER, now=later) is None
    # Closed lately: still opens, to read the outcome; closed long ago: the same None.
    Report.objects.filter(pk=report.pk).update(status=Report.Status.CLOSED, closed_at=timezone.now())
    assert services.follow_up_open(reference=report.reference, code=code, client=OWNER) is not None
    long_after = timezone.now() + timedelta(days=settings.WAYMARK_FOLLOW_UP_DAYS_AFTER_CLOSE + 1)
    assert services.follow_up_open(reference=report.reference, code=code, client="192.0.2.1", now=long_after) is None


def test_each_use_pushes_the_expiry_back(sent, settings):
    report, code = sent
    days = settings.WAYMARK_FOLLOW_UP_CODE_DAYS
    for step in (days - 1, 2 * days - 2):
        with time_machine.travel(timezone.now() + timedelta(days=step)):
            assert services.follow_up_open(reference=report.reference, code=code, client=OWNER) is not None


def test_one_client_guessing_is_limited_but_the_owner_is_never_locked_out(sent, settings):
    report, code = sent
    answers = []
    for _ in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE * 4):
        try:
            answers.append(services.follow_up_open(reference=report.reference, code=wrong(code), client=STRANGER))
        except services.ReturnCodesLimited as limited:
            answers.append(("limited", limited.retry_after > timedelta(0)))
    per_code = settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE
    # Uniform: the same None for every wrong code, then the same refusal, whatever is sent.
    assert answers[:per_code] == [None] * per_code
    assert set(answers[per_code:]) == {("limited", True)}
    with pytest.raises(services.ReturnCodesLimited):
        services.follow_up_open(reference=report.reference, code=code, client=STRANGER)
    # Many strangers at the same reference do not stop the owner either.
    for n in range(per_code * 3):
        assert services.follow_up_open(reference=report.reference, code=wrong(code), client=f"192.0.2.{n}") is None
    assert services.follow_up_open(reference=report.reference, code=code, client=OWNER) is not None
    window = timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES)
    with time_machine.travel(timezone.now() + window + timedelta(seconds=1)):
        assert services.follow_up_open(reference=report.reference, code=code, client=STRANGER) is not None


def test_guesses_at_report_codes_and_draft_codes_share_one_limit_per_client(sent, settings):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 4
    report, code = sent
    for _ in range(2):
        services.draft_resume(code="2222-3333-4444", client=STRANGER)
        services.follow_up_open(reference=report.reference, code=wrong(code), client=STRANGER)
    with pytest.raises(services.ReturnCodesLimited):
        services.follow_up_open(reference=report.reference, code=code, client=STRANGER)
    with pytest.raises(services.ReturnCodesLimited):
        services.draft_resume(code="2222-3333-4444", client=STRANGER)


def test_the_code_is_never_in_the_database_or_the_logs_in_clear(forces, caplog, settings):
    settings.WAYMARK_RETURN_CODE_LOCATOR_WARNING = 2
    caplog.set_level(logging.DEBUG)
    report = submitted_report()
    code = report.issued_code
    for _ in range(3):
        with contextlib.suppress(Refused):
            services.follow_up_open(reference=report.reference, code=wrong(code), client=STRANGER)
    services.follow_up_open(reference=report.reference, code=code, client=OWNER)
    assert "digest" in caplog.text  # the targeted-reference warning was written
    for form in {code, codes.normalise(code), code.lower()}:
        assert form not in caplog.text
        assert not _rows_holding(form)
    assert report.reference not in caplog.text
    # The search does find what is stored in the clear.
    assert "reporting_report.reference" in _rows_holding(report.reference)


def _rows_holding(text: str) -> list[str]:
    """Every table and column of the database whose value contains the text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                name = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} WHERE CAST({name} AS TEXT) LIKE %s",  # noqa: S608
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


# --- messages ---------------------------------------------------------------------------


@pytest.fixture
def officer(forces):
    return member_of(staff_user(force_code=MET, role="case_officer", username="officer"))


@pytest.fixture
def worked(officer):
    report = queued_report()
    services.report_claim(member=officer, report=report)
    report.refresh_from_db()
    return report


def test_messages_both_ways_are_sealed_at_rest_and_bound_to_their_row(worked, officer):
    to_person = services.staff_message_send(member=officer, report=worked, text="Is it safe to call on Tuesday?")
    reply = services.person_message_send(report=worked, text="Yes, after 6pm.")
    raw = {message.pk: _raw_text(message) for message in (to_person, reply)}
    assert all(value.startswith(SEALED_PREFIX) for value in raw.values())
    assert "Tuesday" not in raw[to_person.pk] and "6pm" not in raw[reply.pk]
    assert ReportMessage.objects.get(pk=to_person.pk).text == "Is it safe to call on Tuesday?"
    # A sealed text copied into another row does not open there.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reporting_reportmessage SET text = %s WHERE id = %s", [raw[to_person.pk], reply.pk.hex])
    with pytest.raises(EncryptionError):
        _ = ReportMessage.objects.get(pk=reply.pk).text


def _raw_text(message: ReportMessage) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM reporting_reportmessage WHERE id = %s", [message.pk.hex])
        return cursor.fetchone()[0]


def test_a_message_to_the_person_is_audited_and_in_the_case_history(worked, officer):
    message = services.staff_message_send(member=officer, report=worked, text="Please call us.")
    assert message.sent_by == officer.user and message.direction == ReportMessage.Direction.TO_PERSON
    event = AuditEvent.objects.get(action="report.message_send")
    assert event.object_id == worked.reference and event.actor == officer.user
    assert ReportActivity.objects.filter(report=worked, kind=ReportActivity.Kind.MESSAGE_SENT).count() == 1


def test_only_staff_who_may_work_the_report_send_messages(worked, forces):
    handler = member_of(staff_user(force_code=MET, role="contact_handler", username="handler"))
    with pytest.raises(Refused):
        services.staff_message_send(member=handler, report=worked, text="Hello")
    assert not ReportMessage.objects.exists()


def test_no_message_to_a_person_who_cannot_read_it(worked, officer):
    ReportCode.objects.filter(report=worked).delete()
    with pytest.raises(Refused):
        services.staff_message_send(member=officer, report=worked, text="Hello")


def test_the_person_reading_marks_messages_read_in_the_case_history(worked, officer):
    services.staff_message_send(member=officer, report=worked, text="One")
    services.staff_message_send(member=officer, report=worked, text="Two")
    assert services.person_messages_read(report=worked) == 2
    assert services.person_messages_read(report=worked) == 0
    assert not ReportMessage.objects.filter(read_at__isnull=True).exists()
    read = ReportActivity.objects.filter(kind=ReportActivity.Kind.MESSAGE_READ_BY_PERSON)
    assert read.count() == 2 and all(activity.actor is None for activity in read)


def test_an_addition_is_kept_beside_the_report_never_rewriting_it(worked):
    before = worked.answers
    services.person_addition_add(report=worked, text="It was Thursday, not Wednesday.")
    worked.refresh_from_db()
    assert worked.answers == before
    addition = ReportMessage.objects.get()
    assert addition.kind == ReportMessage.Kind.ADDITION and addition.direction == ReportMessage.Direction.FROM_PERSON
    assert ReportActivity.objects.filter(kind=ReportActivity.Kind.ADDITION_RECEIVED, actor=None).count() == 1


def test_empty_and_overlong_messages_are_refused(worked):
    with pytest.raises(Refused):
        services.person_message_send(report=worked, text="   ")
    with pytest.raises(Refused):
        services.person_addition_add(report=worked, text="x" * (services.followup.MESSAGE_MAX_LENGTH + 1))


def test_staff_reading_what_the_person_sent_is_audited_per_message(worked, officer):
    services.person_message_send(report=worked, text="Reply")
    services.person_addition_add(report=worked, text="Addition")
    assert services.staff_messages_read(member=officer, report=worked) == 2
    assert services.staff_messages_read(member=officer, report=worked) == 0
    assert AuditEvent.objects.filter(action="report.message_read", object_id=worked.reference).count() == 2
    assert set(ReportMessage.objects.values_list("read_by", flat=True)) == {officer.user_id}
    assert ReportActivity.objects.get(kind=ReportActivity.Kind.MESSAGES_READ).data["count"] == 2


def test_staff_of_another_force_do_not_mark_anything_read(worked, forces):
    services.person_message_send(report=worked, text="Reply")
    other = member_of(staff_user(force_code="W15000003", role="supervisor", username="wales"))
    assert services.staff_messages_read(member=other, report=worked) == 0
    assert ReportMessage.objects.get().read_at is None


# --- plain words ------------------------------------------------------------------------


def test_every_status_and_outcome_has_plain_words():
    assert set(STAGE_OF_STATUS) == set(Report.Status.values)
    assert set(OUTCOME_WORDS) == set(Report.Outcome.values)
    for status in Report.Status.values:
        progress = progress_of(Report(status=status, outcome=""))
        assert progress.label == STAGES[progress.stage]
        assert sum(current for _label, _done, current in progress.steps) == 1


def test_a_closed_report_says_its_outcome_in_plain_words():
    progress = progress_of(Report(status=Report.Status.CLOSED, outcome=Report.Outcome.CRIME_RECORDED))
    assert str(progress.label) == "Closed"
    assert str(progress.outcome) == "The police recorded it as a crime."
    assert progress_of(Report(status=Report.Status.ALLOCATED, outcome="")).outcome == ""
