"""The Victims' Code clock: working days in England and Wales.

Police must pass a victim's details to a support service "within 2 working days" of the
report (Code of Practice for Victims of Crime, right 4; see docs research §2.4 and §3.3). We
count it the way a working day is usually counted: the day of the report does not count;
the clock runs out at the end of the second working day after it, on London's wall clock.
Saturdays, Sundays and England and Wales bank holidays are not working days.

Pure (standard library only), like ``opening_hours``, so it can be tested without a
database. For a day outside the years the bank holiday data covers we cannot know whether
it is a holiday, and count it as a working day: the deadline then comes sooner, never later.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .opening_hours import LONDON, BankHolidays

VICTIMS_CODE_WORKING_DAYS = 2


def is_working_day(day: date, holidays: BankHolidays) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(day: date, count: int, holidays: BankHolidays) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts)."""
    counted = 0
    while counted < count:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def due_at(start: datetime, holidays: BankHolidays, *, working_days: int = VICTIMS_CODE_WORKING_DAYS) -> datetime:
    """The last moment of the ``working_days``-th working day after ``start``, in London."""
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    last_day = add_working_days(start.astimezone(LONDON).date(), working_days, holidays)
    return datetime.combine(last_day, time.max, tzinfo=LONDON)
