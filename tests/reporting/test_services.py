import logging
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal.refusals import Refused
from reporting import routing, services
from reporting.models import Draft, Force, Report, ReturnCodeAttempt
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    assert_one_outbox_message_per_subscriber,
    draft_with_answers,
    journey_state,
    submitted_report,
)

# --- drafts ------------------------------------------------------------------------------------


def test_a_draft_without_a_code_expires_soon_because_nobody_can_reach_it_later(db, settings):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)

    lifetime = draft.expires_at - timezone.now()

    assert (
        timedelta(hours=settings.WAYMARK_UNCLAIMED_DRAFT_HOURS - 1)
        < lifetime
        <= timedelta(hours=settings.WAYMARK_UNCLAIMED_DRAFT_HOURS)
    )


def test_a_draft_with_a_code_is_kept_for_the_configured_days_after_it_was_last_saved(db, settings):
    settings.WAYMARK_DRAFT_EXPIRY_DAYS = 12
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    services.draft_return_code_issue(draft=draft)

    with time_machine.travel(timezone.now() + timedelta(days=5)):
        services.draft_save(
            draft=draft, journey=draft.journey, state=journey_state({"in_danger": "yes"}, finished=False)
        )
        assert draft.expires_at.date() == (timezone.now() + timedelta(days=12)).date()


def test_expired_drafts_are_deleted_and_others_kept(db):
    kept = draft_with_answers({"in_danger": "no"}, finished=False)
    gone = draft_with_answers({"in_danger": "no"}, finished=False)
    Draft.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert services.drafts_purge() == 1

    assert list(Draft.objects.values_list("pk", flat=True)) == [kept.pk]


def test_old_wrong_code_records_are_deleted(db, settings):
    ReturnCodeAttempt.objects.create(
        code_digest="a", client_digest="b", attempted_at=timezone.now() - timedelta(hours=1)
    )
    recent = ReturnCodeAttempt.objects.create(code_digest="a", client_digest="b")

    services.drafts_purge()

    assert list(ReturnCodeAttempt.objects.all()) == [recent]


# --- return codes ------------------------------------------------------------------------------


def test_a_return_code_opens_its_draft_and_only_a_slow_hash_is_kept(db):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)

    code = services.draft_return_code_issue(draft=draft)

    stored = Draft.objects.get(pk=draft.pk)
    assert stored.return_code_locator == code[:4]
    assert stored.return_code_hash.startswith("$argon2id$")
    assert code.replace("-", "")[4:] not in stored.return_code_hash
    assert services.draft_resume(code=code, client="198.51.100.7") == draft


def test_a_new_code_stops_the_old_one_working(db):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    old = services.draft_return_code_issue(draft=draft)

    new = services.draft_return_code_issue(draft=draft)

    assert services.draft_resume(code=old, client="x") is None
    assert services.draft_resume(code=new, client="x") == draft


@pytest.mark.parametrize("typed", ["", "ABCD", "2222-3333-4444", "OOOO-IIII-LLLL", "é" * 12])
def test_codes_that_open_nothing_are_refused_and_counted(db, typed):
    assert services.draft_resume(code=typed, client="x") is None
    assert ReturnCodeAttempt.objects.count() == 1


def test_an_expired_drafts_code_is_refused_like_a_wrong_one(db):
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    code = services.draft_return_code_issue(draft=draft)

    with time_machine.travel(draft.expires_at + timedelta(seconds=1)):
        assert services.draft_resume(code=code, client="x") is None


def test_wrong_codes_are_limited_per_code_for_the_client_that_tried_them(db, settings):
    # Only the guessing client: see tests/reporting/test_return_code_limits.py.
    draft = draft_with_answers({"in_danger": "no"}, finished=False)
    code = services.draft_return_code_issue(draft=draft)
    wrong = code[:5] + ("2222222" if code[5:] != "2222222" else "3333333")
    for _attempt in range(settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_CODE):
        assert services.draft_resume(code=wrong, client="203.0.113.9") is None

    with pytest.raises(Refused) as refusal:
        services.draft_resume(code=code, client="203.0.113.9")
    assert refusal.value.reason == "return_code_limited"
    assert services.draft_resume(code=code, client="someone new") == draft
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.WAYMARK_RETURN_CODE_WINDOW_MINUTES + 1)):
        assert services.draft_resume(code=code, client="203.0.113.9") == draft


def test_wrong_codes_are_limited_per_address(db, settings):
    settings.WAYMARK_RETURN_CODE_ATTEMPTS_PER_ADDRESS = 3
    for locator in ["2222", "3333", "4444"]:
        services.draft_resume(code=f"{locator}-5555-6666", client="203.0.113.9")

    with pytest.raises(Refused) as refusal:
        services.draft_resume(code="7777-5555-6666", client="203.0.113.9")
    assert refusal.value.reason == "return_code_limited"
    assert services.draft_resume(code="7777-5555-6666", client="203.0.113.10") is None


def test_the_record_of_wrong_codes_holds_neither_the_code_nor_the_address(db):
    services.draft_resume(code="2222-3333-4444", client="203.0.113.9")

    attempt = ReturnCodeAttempt.objects.get()
    assert "2222" not in attempt.code_digest
    assert "203.0.113.9" not in attempt.client_digest


# --- reports -----------------------------------------------------------------------------------


def test_a_finished_draft_becomes_a_report_with_its_routing_and_an_outbox_message(forces):
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)

    report = services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert report.force.code == "E23000001"
    assert report.status == Report.Status.NEW
    assert report.routing["rule"] == "district_whole"
    assert report.routing["input"] == {
        "basis": "incident",
        "postcode": "SW1A 1AA",
        "district": "SW1A",
        "council_code": None,
    }
    assert report.routing["data_version"]
    assert report.risk_indicators == ["strangulation", "threats_to_kill"]
    assert report.submission_key == draft.submission_key
    assert_one_outbox_message_per_subscriber(report)
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_references_are_short_unambiguous_and_unique(forces):
    references = {submitted_report().reference for _ in range(5)}

    assert len(references) == 5
    for reference in references:
        assert len(reference) == 9
        assert not set(reference) & set("01ILO")


def test_the_same_submission_key_twice_returns_the_first_report(forces):
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)
    first = services.report_submit(draft=draft, submission_key=draft.submission_key)

    again = services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert again == first
    assert Report.objects.count() == 1
    assert_one_outbox_message_per_subscriber(first)


def test_a_submission_key_from_another_draft_is_refused(forces):
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)

    with pytest.raises(Refused) as refusal:
        services.report_submit(draft=draft, submission_key="not-this-drafts-key")
    assert refusal.value.reason == "submission_key"


def test_an_unfinished_draft_cannot_be_sent(forces):
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS, finished=False)

    with pytest.raises(Refused) as refusal:
        services.report_submit(draft=draft, submission_key=draft.submission_key)
    assert refusal.value.reason == "not_ready"


def test_a_report_for_somewhere_outside_england_and_wales_cannot_be_sent(forces):
    draft = draft_with_answers(dict(DOMESTIC_ABUSE_ANSWERS, incident_postcode="EH1 1YZ"))

    with pytest.raises(Refused) as refusal:
        services.report_submit(draft=draft, submission_key=draft.submission_key)
    assert refusal.value.reason == "not_ready"
    assert not Report.objects.exists()


# --- which forces take reports: the routing data decides, the Force flag mirrors it -------------


def test_the_force_flag_mirrors_the_routing_data_and_is_put_back_by_a_sync(forces):
    Force.objects.filter(code="E23000001").update(accepts_reports=False)

    services.forces_sync()

    accepting = set(Force.objects.filter(accepts_reports=True).values_list("code", flat=True))
    assert accepting == set(routing.routable_force_codes())


def test_a_report_goes_where_routing_sends_it_even_if_the_force_flag_disagrees(forces):
    Force.objects.filter(code="E23000001").update(accepts_reports=False)
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)

    report = services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert report.force.code == "E23000001"


def test_a_report_for_a_force_missing_from_the_database_is_refused_and_the_operator_told(forces, caplog):
    Force.objects.filter(code="E23000001").delete()
    draft = draft_with_answers(DOMESTIC_ABUSE_ANSWERS)

    with caplog.at_level(logging.ERROR, logger="reporting.services.submission"), pytest.raises(Refused) as refusal:
        services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert refusal.value.reason == "force_missing"
    assert refusal.value.message
    assert not Report.objects.exists()
    assert Draft.objects.filter(pk=draft.pk).exists()
    [line] = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert "E23000001" in line.getMessage()
    assert "load_forces" in line.getMessage()


def test_answers_on_a_closed_branch_are_not_sent(forces):
    answers = dict(DOMESTIC_ABUSE_ANSWERS, injured="no", injury_details="left over from before")

    report = submitted_report(answers)

    assert "injury_details" not in report.answers["values"]


def test_putting_a_report_in_the_queue_happens_once(forces):
    report = submitted_report()

    assert services.report_queue(report_id=report.pk) is True
    first = Report.objects.get(pk=report.pk).queued_at
    assert services.report_queue(report_id=report.pk) is False
    assert Report.objects.get(pk=report.pk).queued_at == first
