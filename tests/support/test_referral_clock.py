"""The Victims' Code clock: 2 working days from the report, England and Wales bank
holidays excluded, on London's wall clock; and referrals still waiting after it are overdue."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from support.directory.selectors import bank_holidays
from support.models import Referral
from support.referrals.services import referral_accept, referral_create_by_officer
from support.working_days import add_working_days, due_at, is_working_day
from tests.factories import DOMESTIC_ABUSE_ANSWERS, agency_user, referred_report, staff_user, support_agency

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("reported", "last_day"),
    [
        (london(2026, 3, 2, 10, 0), date(2026, 3, 4)),  # Monday → Wednesday
        (london(2026, 3, 5, 9, 0), date(2026, 3, 9)),  # Thursday → over the weekend to Monday
        (london(2026, 3, 6, 23, 30), date(2026, 3, 10)),  # late Friday → Tuesday
        (london(2026, 3, 7, 12, 0), date(2026, 3, 10)),  # Saturday → Tuesday
        (london(2026, 3, 8, 23, 59), date(2026, 3, 10)),  # Sunday → Tuesday
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (london(2026, 4, 2, 14, 0), date(2026, 4, 8)),
        # Christmas 2026: 25 December, and Monday 28 December for Boxing Day on a Saturday.
        (london(2026, 12, 24, 8, 0), date(2026, 12, 30)),
        # Early May bank holiday 2026 (Monday 4 May).
        (london(2026, 5, 1, 17, 0), date(2026, 5, 6)),
        # 2027: Christmas and Boxing Day on a weekend, substitutes on 27 and 28 December.
        (london(2027, 12, 24, 12, 0), date(2027, 12, 30)),
    ],
)
def test_the_clock_runs_out_at_the_end_of_the_second_working_day_after_the_report(reported, last_day):
    due = due_at(reported, bank_holidays())

    assert due == datetime.combine(last_day, time.max, tzinfo=LONDON)
    assert due.astimezone(LONDON).date() == last_day


def test_the_day_is_the_day_in_london_not_in_utc():
    # 23:30 UTC on Monday 1 June 2026 is 00:30 on Tuesday in London (BST).
    reported = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)

    assert due_at(reported, bank_holidays()).date() == date(2026, 6, 4)


def test_across_the_clocks_changing_the_end_of_day_is_still_london_midnight():
    # The clocks go forward on Sunday 29 March 2026.
    due = due_at(london(2026, 3, 27, 10, 0), bank_holidays())

    assert due.date() == date(2026, 3, 31)
    assert due.astimezone(UTC) == datetime(2026, 3, 31, 22, 59, 59, 999999, tzinfo=UTC)


def test_weekends_and_bank_holidays_are_not_working_days():
    holidays = bank_holidays()

    assert not is_working_day(date(2026, 3, 7), holidays)  # Saturday
    assert not is_working_day(date(2026, 8, 31), holidays)  # Summer bank holiday
    assert is_working_day(date(2026, 9, 1), holidays)
    assert add_working_days(date(2026, 8, 28), 1, holidays) == date(2026, 9, 1)


def test_outside_the_years_the_data_covers_only_weekends_are_skipped():
    """We cannot know that year's bank holidays: the deadline comes sooner, never later."""
    holidays = bank_holidays()
    assert not holidays.covers(date(2031, 12, 24))

    assert due_at(london(2031, 12, 24, 10, 0), holidays).date() == date(2031, 12, 26)


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError):
        due_at(datetime(2026, 3, 2, 10, 0), bank_holidays())


# --- On a referral ------------------------------------------------------------------------


@pytest.fixture
def agency(forces):
    return support_agency()


def referral_reported_at(when: datetime, time_machine) -> Referral:
    time_machine.move_to(when, tick=False)
    report = referred_report(DOMESTIC_ABUSE_ANSWERS)
    return Referral.objects.get(report=report)


def test_a_referral_is_due_2_working_days_after_its_report(agency, time_machine):
    referral = referral_reported_at(london(2026, 3, 6, 16, 0), time_machine)  # a Friday

    assert referral.due_at == datetime.combine(date(2026, 3, 10), time.max, tzinfo=LONDON)


def test_a_referral_still_waiting_after_the_clock_is_overdue(agency, time_machine):
    referral = referral_reported_at(london(2026, 3, 6, 16, 0), time_machine)

    time_machine.move_to(london(2026, 3, 10, 23, 59))
    assert not referral.overdue
    time_machine.move_to(london(2026, 3, 11, 0, 0, 1))
    assert referral.overdue
    assert referral.is_overdue(london(2026, 3, 10, 12, 0)) is False


def test_a_referral_the_agency_has_picked_up_is_not_overdue(agency, time_machine):
    referral = referral_reported_at(london(2026, 3, 6, 16, 0), time_machine)
    referral = referral_accept(referral=referral, user=agency_user(agency))

    time_machine.move_to(london(2026, 3, 20, 12, 0))
    assert referral.status == Referral.Status.ACCEPTED
    assert not referral.overdue


def test_the_clock_runs_from_the_report_not_from_a_later_referral(agency, time_machine):
    report = referral_reported_at(london(2026, 3, 2, 10, 0), time_machine).report
    support_agency("Housing Test Service", routes=(("E23000001", "housing"),))
    time_machine.move_to(london(2026, 3, 9, 11, 0), tick=False)

    referral = referral_create_by_officer(
        report=report, kind="housing", consent_method="officer_phone", officer=staff_user(force_code="E23000001")
    )

    assert referral.due_at.date() == date(2026, 3, 4)
    assert referral.made_late
