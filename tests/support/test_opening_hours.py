"""Open now, on the London wall clock: midnight, weekends, bank holidays, 24/7, and the
clock changes (BST starts 01:00 GMT on Sunday 29 March 2026 and ends 01:00 GMT on Sunday
25 October 2026)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from support.opening_hours import (
    LONDON,
    BankHolidayRule,
    BankHolidays,
    Day,
    Period,
    Schedule,
    State,
    Status,
    is_open,
    status_at,
    weekly_summary,
)

WEEKDAYS = (Day.MONDAY, Day.TUESDAY, Day.WEDNESDAY, Day.THURSDAY, Day.FRIDAY)
HOLIDAYS_2026 = BankHolidays.of(
    [date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4), date(2026, 12, 25), date(2026, 12, 28)],
    first=date(2026, 1, 1),
    last=date(2026, 12, 31),
)


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def office_hours(rule=BankHolidayRule.AS_USUAL) -> Schedule:
    return Schedule(periods=tuple(Period(day, time(9), time(17)) for day in WEEKDAYS), bank_holidays=rule)


def overnight() -> Schedule:
    """Every evening from 6pm to 2am the next morning."""
    return Schedule(periods=tuple(Period(day, time(18), time(2)) for day in list(Day)[:7]))


class TestTwentyFourSeven:
    @pytest.mark.parametrize(
        "moment",
        [
            london(2026, 12, 25, 3, 0),  # Christmas Day, small hours
            london(2026, 3, 29, 1, 30),  # the hour that never happens in spring, as UTC 01:30
            utc(2026, 10, 25, 1, 30),  # the repeated hour in autumn
            london(2026, 6, 6, 23, 59),  # a Saturday night
        ],
    )
    def test_a_24_7_service_is_always_open_and_never_closes(self, moment):
        status = status_at(Schedule(always_open=True), moment, HOLIDAYS_2026)

        assert status.state is State.OPEN
        assert status.always_open
        assert status.closes_at is None


class TestOfficeHours:
    def test_open_on_a_weekday_afternoon_until_five(self):
        status = status_at(office_hours(), london(2026, 6, 3, 14, 0), HOLIDAYS_2026)

        assert status.state is State.OPEN
        assert status.closes_at == london(2026, 6, 3, 17, 0)

    def test_opening_time_is_open_and_closing_time_is_closed(self):
        assert is_open(office_hours(), london(2026, 6, 3, 9, 0), HOLIDAYS_2026)
        assert not is_open(office_hours(), london(2026, 6, 3, 17, 0), HOLIDAYS_2026)

    def test_closed_at_the_weekend_and_opens_on_monday_morning(self):
        status = status_at(office_hours(), london(2026, 6, 6, 11, 0), HOLIDAYS_2026)  # Saturday

        assert status.state is State.CLOSED
        assert status.opens_at == london(2026, 6, 8, 9, 0)

    def test_closed_before_opening_opens_the_same_morning(self):
        status = status_at(office_hours(), london(2026, 6, 3, 7, 30), HOLIDAYS_2026)

        assert status.opens_at == london(2026, 6, 3, 9, 0)


class TestAcrossMidnight:
    def test_an_evening_service_is_open_after_midnight_until_two(self):
        status = status_at(overnight(), london(2026, 6, 4, 1, 30), HOLIDAYS_2026)

        assert status.state is State.OPEN
        assert status.closes_at == london(2026, 6, 4, 2, 0)

    def test_and_closed_between_two_and_six(self):
        status = status_at(overnight(), london(2026, 6, 4, 2, 0), HOLIDAYS_2026)

        assert status.state is State.CLOSED
        assert status.opens_at == london(2026, 6, 4, 18, 0)

    def test_a_friday_night_opening_runs_into_saturday_morning(self):
        schedule = Schedule(periods=(Period(Day.FRIDAY, time(20), time(4)),))

        assert is_open(schedule, london(2026, 6, 6, 3, 59), HOLIDAYS_2026)  # Saturday
        assert not is_open(schedule, london(2026, 6, 6, 4, 0), HOLIDAYS_2026)
        assert not is_open(schedule, london(2026, 6, 5, 3, 0), HOLIDAYS_2026)  # Friday small hours

    def test_closing_at_midnight_means_the_end_of_that_day(self):
        schedule = Schedule(periods=(Period(Day.WEDNESDAY, time(22), time(0)),))

        status = status_at(schedule, london(2026, 6, 3, 23, 59), HOLIDAYS_2026)
        assert status.closes_at == london(2026, 6, 4, 0, 0)
        assert not is_open(schedule, london(2026, 6, 4, 0, 0), HOLIDAYS_2026)

    def test_back_to_back_periods_close_at_the_end_of_the_last_one(self):
        schedule = Schedule(periods=(Period(Day.MONDAY, time(18), time(0)), Period(Day.TUESDAY, time(0), time(8))))

        status = status_at(schedule, london(2026, 6, 1, 20, 0), HOLIDAYS_2026)
        assert status.closes_at == london(2026, 6, 2, 8, 0)


class TestBankHolidays:
    def test_closed_on_a_bank_holiday_monday_when_it_closes_on_bank_holidays(self):
        status = status_at(office_hours(BankHolidayRule.CLOSED), london(2026, 5, 4, 11, 0), HOLIDAYS_2026)

        assert status.state is State.CLOSED
        assert status.opens_at == london(2026, 5, 5, 9, 0)

    def test_open_as_usual_on_a_bank_holiday_when_it_says_so(self):
        assert is_open(office_hours(BankHolidayRule.AS_USUAL), london(2026, 5, 4, 11, 0), HOLIDAYS_2026)

    def test_special_bank_holiday_hours_replace_the_weekday_hours(self):
        schedule = Schedule(
            periods=(*office_hours().periods, Period(Day.BANK_HOLIDAY, time(10), time(14))),
            bank_holidays=BankHolidayRule.SPECIAL,
        )

        assert not is_open(schedule, london(2026, 5, 4, 9, 30), HOLIDAYS_2026)
        assert is_open(schedule, london(2026, 5, 4, 13, 0), HOLIDAYS_2026)
        assert status_at(schedule, london(2026, 5, 4, 13, 0), HOLIDAYS_2026).closes_at == london(2026, 5, 4, 14, 0)
        assert is_open(schedule, london(2026, 5, 5, 9, 30), HOLIDAYS_2026)

    def test_special_hours_can_open_a_service_on_a_weekend_bank_holiday(self):
        schedule = Schedule(
            periods=(Period(Day.BANK_HOLIDAY, time(10), time(14)),), bank_holidays=BankHolidayRule.SPECIAL
        )
        holidays = BankHolidays.of([date(2027, 12, 27)], first=date(2027, 1, 1), last=date(2027, 12, 31))

        assert is_open(schedule, london(2027, 12, 27, 11, 0), holidays)

    def test_unknown_bank_holiday_opening_is_reported_as_not_known(self):
        status = status_at(office_hours(BankHolidayRule.UNKNOWN), london(2026, 12, 25, 11, 0), HOLIDAYS_2026)

        assert status.state is State.UNKNOWN

    def test_closed_over_christmas_opens_on_the_next_working_day(self):
        # Friday 25 and Monday 28 December 2026 are bank holidays.
        status = status_at(office_hours(BankHolidayRule.CLOSED), london(2026, 12, 25, 11, 0), HOLIDAYS_2026)

        assert status.opens_at == london(2026, 12, 29, 9, 0)

    def test_an_overnight_opening_from_the_day_before_a_bank_holiday_still_runs(self):
        schedule = Schedule(periods=(Period(Day.THURSDAY, time(20), time(4)),), bank_holidays=BankHolidayRule.CLOSED)

        assert is_open(schedule, london(2026, 12, 25, 2, 0), HOLIDAYS_2026)  # Good Friday's small hours

    def test_a_service_that_closes_on_bank_holidays_is_not_known_beyond_the_list(self):
        status = status_at(office_hours(BankHolidayRule.CLOSED), london(2028, 6, 7, 11, 0), HOLIDAYS_2026)

        assert status.state is State.UNKNOWN

    def test_a_service_open_as_usual_on_bank_holidays_does_not_need_the_list(self):
        assert is_open(office_hours(BankHolidayRule.AS_USUAL), london(2028, 6, 7, 11, 0), HOLIDAYS_2026)


class TestClockChanges:
    """Hours are wall-clock times: "9am to 5pm" is 9am to 5pm in GMT and in BST."""

    def test_spring_forward_sunday_opening_follows_bst(self):
        schedule = Schedule(periods=(Period(Day.SUNDAY, time(9), time(17)),))

        # 16:30 UTC on 29 March 2026 is 17:30 BST: closed, though 16:30 would be open in GMT.
        assert not is_open(schedule, utc(2026, 3, 29, 16, 30), HOLIDAYS_2026)
        # 08:30 UTC is 09:30 BST: open, though 08:30 would be closed in GMT.
        assert is_open(schedule, utc(2026, 3, 29, 8, 30), HOLIDAYS_2026)

    def test_autumn_back_sunday_opening_follows_gmt(self):
        schedule = Schedule(periods=(Period(Day.SUNDAY, time(9), time(17)),))

        # 08:30 UTC on 25 October 2026 is 08:30 GMT: closed, though it would be 09:30 in BST.
        assert not is_open(schedule, utc(2026, 10, 25, 8, 30), HOLIDAYS_2026)
        assert is_open(schedule, utc(2026, 10, 25, 16, 30), HOLIDAYS_2026)

    def test_overnight_service_on_the_short_night(self):
        """Saturday 10pm to Sunday 3am spans the missing hour: it closes at 3am BST (02:00 UTC)."""
        schedule = Schedule(periods=(Period(Day.SATURDAY, time(22), time(3)),))

        assert is_open(schedule, utc(2026, 3, 29, 1, 59), HOLIDAYS_2026)  # 02:59 BST
        assert not is_open(schedule, utc(2026, 3, 29, 2, 0), HOLIDAYS_2026)  # 03:00 BST
        status = status_at(schedule, utc(2026, 3, 29, 0, 30), HOLIDAYS_2026)
        assert status.closes_at == utc(2026, 3, 29, 2, 0)

    def test_overnight_service_on_the_long_night(self):
        """Saturday 10pm to Sunday 3am lasts an hour longer when the clocks go back."""
        schedule = Schedule(periods=(Period(Day.SATURDAY, time(22), time(3)),))

        assert is_open(schedule, utc(2026, 10, 25, 0, 30), HOLIDAYS_2026)  # 01:30 BST, the first time
        assert is_open(schedule, utc(2026, 10, 25, 1, 30), HOLIDAYS_2026)  # 01:30 GMT, the second time
        assert is_open(schedule, utc(2026, 10, 25, 2, 59), HOLIDAYS_2026)  # 02:59 GMT
        assert not is_open(schedule, utc(2026, 10, 25, 3, 0), HOLIDAYS_2026)  # 03:00 GMT
        opened = london(2026, 10, 24, 22, 0)
        closes = status_at(schedule, utc(2026, 10, 25, 1, 0), HOLIDAYS_2026).closes_at
        assert closes.astimezone(UTC) - opened.astimezone(UTC) == timedelta(hours=6)

    def test_next_opening_after_the_clocks_change_is_given_in_local_time(self):
        status = status_at(office_hours(), utc(2026, 3, 28, 12, 0), HOLIDAYS_2026)  # Saturday, GMT

        assert status.opens_at == london(2026, 3, 30, 9, 0)
        assert status.opens_at.utcoffset() == timedelta(hours=1)


class TestHoursNotKnown:
    def test_a_service_without_hours_is_not_known_rather_than_closed(self):
        assert status_at(Schedule(), london(2026, 6, 3, 12, 0), HOLIDAYS_2026).state is State.UNKNOWN

    def test_a_naive_datetime_is_refused(self):
        with pytest.raises(ValueError, match="aware"):
            status_at(office_hours(), datetime(2026, 6, 3, 12, 0), HOLIDAYS_2026)

    def test_open_first_then_closed_then_not_known(self):
        keys = [State.OPEN, State.CLOSED, State.UNKNOWN]

        assert [Status(state).sort_key for state in keys] == [0, 1, 2]


class TestWeeklySummary:
    def test_consecutive_days_with_the_same_hours_are_grouped(self):
        schedule = Schedule(
            periods=(
                Period(Day.MONDAY, time(9), time(20)),
                Period(Day.TUESDAY, time(9), time(17)),
                Period(Day.WEDNESDAY, time(9), time(17)),
                Period(Day.THURSDAY, time(9), time(17)),
            )
        )

        assert weekly_summary(schedule) == [
            ((Day.MONDAY,), ((time(9), time(20)),)),
            ((Day.TUESDAY, Day.WEDNESDAY, Day.THURSDAY), ((time(9), time(17)),)),
            ((Day.FRIDAY, Day.SATURDAY, Day.SUNDAY), ()),
        ]

    def test_special_bank_holiday_hours_come_last(self):
        schedule = Schedule(
            periods=(Period(Day.BANK_HOLIDAY, time(10), time(14)),), bank_holidays=BankHolidayRule.SPECIAL
        )

        assert weekly_summary(schedule)[-1] == ((Day.BANK_HOLIDAY,), ((time(10), time(14)),))
