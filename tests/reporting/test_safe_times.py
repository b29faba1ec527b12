"""When it is safe to contact someone: "any time" is a choice the person makes, never what
a skipped answer is taken to mean. Staff, and the services the person was referred to, read
a skipped answer as "not given: ask before calling"."""

import pytest
from django.test import RequestFactory
from django.utils import timezone

from reporting import triage
from reporting.journeys import flow_for
from reporting.models import StaffMember
from reporting.staff.views.exports import case_file_html
from support.referrals import data as referral_data
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    grade_schemes,
    journey_state,
    member_of,
    queued_report,
    staff_user,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role


@pytest.fixture
def met(forces):
    grade_schemes()
    return {role: staff_user(force_code=MET, role=role) for role in Role}


JOURNEY = "domestic-abuse"
NOT_GIVEN = "Not given: ask before calling"
CONTACTABLE = dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["call"], phone="07700 900982")


def safe_times_page():
    return flow_for(JOURNEY).page("safe-times")


def panel(answers, *, journey=JOURNEY):
    flow = flow_for(journey)
    state = journey_state(answers, journey=journey)
    return triage.safe_contact(journey, flow.answers(state), asked=flow.record_of_questions(state))


def test_the_page_never_says_that_leaving_it_empty_means_any_time():
    page = safe_times_page()
    words = " ".join(str(paragraph) for paragraph in page.body)

    assert "Leave these empty if any time is safe" not in words
    assert "we will not take that to mean any time is safe" in words.lower() or "not assume" in words.lower()


def test_any_time_is_an_option_the_person_chooses_for_days_and_for_times():
    days, times = safe_times_page().questions[:2]

    assert days.name == "safe_days" and times.name == "safe_times"
    for question, value in ((days, "any"), (times, "any")):
        option = next(option for option in question.options if option.value == value)
        # Exclusive: "any" cannot be chosen with a particular day or time.
        assert option.set_apart


def test_staff_read_a_skipped_answer_as_not_given():
    shown = panel(CONTACTABLE)

    assert triage.Row("Safe days", NOT_GIVEN) in shown.times
    assert triage.Row("Safe times", NOT_GIVEN) in shown.times


def test_staff_read_any_time_only_when_the_person_chose_it():
    shown = panel(dict(CONTACTABLE, safe_days=["any"], safe_times=["any"]))

    assert triage.Row("Safe days", "Any day") in shown.times
    assert triage.Row("Safe times", "Any time of day") in shown.times


def test_a_chosen_time_reads_as_chosen():
    shown = panel(dict(CONTACTABLE, safe_days=["weekdays"], safe_times=[]))

    assert triage.Row("Safe days", "Weekdays (Monday to Friday)") in shown.times
    assert triage.Row("Safe times", NOT_GIVEN) in shown.times


def test_an_old_report_with_empty_times_reads_as_not_given():
    # Sent when the page said "Leave these empty if any time is safe": the record holds the
    # empty answers as "Not answered". They still read as not given, never as any time.
    values = dict(CONTACTABLE)
    asked = [
        {"section": "Contacting you safely", "name": "safe_days", "question": "Safe days", "answer": "Not answered"},
        {"section": "Contacting you safely", "name": "safe_times", "question": "Safe times", "answer": "Not answered"},
    ]

    shown = triage.safe_contact(JOURNEY, values, asked=asked)

    assert triage.Row("Safe days", NOT_GIVEN) in shown.times
    assert triage.Row("Safe times", NOT_GIVEN) in shown.times


def test_nothing_is_asked_of_staff_when_nobody_may_be_contacted():
    shown = panel(dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["none"], phone=""))

    assert shown.times == []


def test_the_report_page_and_the_case_file_show_not_given(client, forces, met):
    report = queued_report(CONTACTABLE)
    officer = met[Role.CASE_OFFICER]
    as_user(client, officer)

    assert NOT_GIVEN in html_of(open_with_reason(client, report))
    request = RequestFactory().get("/")
    request.user = officer
    assert NOT_GIVEN in case_file_html(request, member_of(officer), report, reason="Triage", now=timezone.now())


def source(answers):
    return referral_data.Source(reference="R", report_type=JOURNEY, force="Met", answers=answers)


def test_a_referral_says_not_given_when_the_times_were_skipped():
    shared = referral_data.data_set("domestic_abuse", source(CONTACTABLE))

    assert shared["safe_days"] == "not_given" and shared["safe_times"] == "not_given"
    rows = {row.key: row.value for row in referral_data.rows(shared)}
    assert rows["safe_days"] == rows["safe_times"] == "Not given: ask before contacting them"


def test_a_referral_says_any_time_only_when_chosen():
    shared = referral_data.data_set("domestic_abuse", source(dict(CONTACTABLE, safe_days=["any"], safe_times=["any"])))

    rows = {row.key: row.value for row in referral_data.rows(shared)}
    assert rows["safe_days"] == "Any day"
    assert rows["safe_times"] == "Any time of day"


def test_a_referral_with_no_way_to_contact_says_nothing_about_times():
    shared = referral_data.data_set("domestic_abuse", source(dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["none"])))

    assert "safe_days" not in shared and "safe_times" not in shared
