"""When a support service is open, worked out on the wall clock in Europe/London.

Deliberately pure (standard library only, no Django), like ``reporting.routing``, so the
rules can be tested exhaustively without a database.

Hours are written the way services publish them: "Monday 9am to 5pm", "every day 6pm to
2am". Everything is compared in London local time, so a service that opens at 9am opens at
9am in both GMT and BST, and the clock changes need no special case:

- a period whose closing time is not after its opening time runs past midnight into the
  next day ("18:00 to 02:00"; "22:00 to 00:00" closes at midnight);
- on a bank holiday a service follows its ``BankHolidayRule``: its usual hours for that
  weekday, closed, its own bank-holiday periods, or "not known" (we say so rather than
  guess);
- a service with no hours at all and not open 24/7 has hours "not known".
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

__all__ = [
    "LONDON",
    "BankHolidayRule",
    "BankHolidays",
    "Day",
    "Period",
    "Schedule",
    "State",
    "Status",
    "is_open",
    "load_bank_holidays",
    "status_at",
    "weekly_summary",
]

LONDON = ZoneInfo("Europe/London")

#: How far ahead we look for the next opening: a fortnight covers Christmas and Easter
#: closures of services that open only on some weekdays.
_LOOKAHEAD_DAYS = 15


class Day(IntEnum):
    """Weekdays as ``date.weekday()`` numbers them, plus bank holidays' own hours."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6
    BANK_HOLIDAY = 7

    @classmethod
    def from_key(cls, key: str) -> Day:
        return _DAY_KEYS[key.strip().lower()]


_DAY_KEYS = {
    "mon": Day.MONDAY,
    "tue": Day.TUESDAY,
    "wed": Day.WEDNESDAY,
    "thu": Day.THURSDAY,
    "fri": Day.FRIDAY,
    "sat": Day.SATURDAY,
    "sun": Day.SUNDAY,
    "bank_holiday": Day.BANK_HOLIDAY,
}


class BankHolidayRule(StrEnum):
    AS_USUAL = "as_usual"  # the usual hours for that weekday
    CLOSED = "closed"
    SPECIAL = "special"  # only the periods given for Day.BANK_HOLIDAY
    UNKNOWN = "unknown"  # the service does not say: we cannot tell whether it is open


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Period:
    """One opening on one kind of day. ``closes <= opens`` means it ends the next day."""

    day: Day
    opens: time
    closes: time

    @property
    def overnight(self) -> bool:
        return self.closes <= self.opens

    def on(self, day: date) -> tuple[datetime, datetime]:
        """The naive London wall-clock interval [start, end) of this period on ``day``."""
        start = datetime.combine(day, self.opens)
        end = datetime.combine(day + timedelta(days=1) if self.overnight else day, self.closes)
        return start, end


@dataclass(frozen=True, slots=True)
class Schedule:
    always_open: bool = False
    periods: tuple[Period, ...] = ()
    bank_holidays: BankHolidayRule = BankHolidayRule.AS_USUAL

    @property
    def known(self) -> bool:
        return self.always_open or bool(self.periods)


@dataclass(frozen=True, slots=True)
class Status:
    """Whether a service is open at a moment, and the next change we can be sure of.

    ``closes_at`` is set when open (None for 24/7); ``opens_at`` when closed and a next
    opening is known. Both are aware datetimes in Europe/London.
    """

    state: State
    closes_at: datetime | None = None
    opens_at: datetime | None = None
    always_open: bool = False

    @property
    def is_open(self) -> bool:
        return self.state is State.OPEN

    @property
    def sort_key(self) -> int:
        """Open first, then closed, then not known."""
        return {State.OPEN: 0, State.CLOSED: 1, State.UNKNOWN: 2}[self.state]


@dataclass(frozen=True, slots=True)
class BankHolidays:
    """A known list of bank holidays, covering ``first`` to ``last`` inclusive.

    Outside that range we do not know, and say so rather than treat the day as ordinary.
    """

    dates: frozenset[date] = field(default_factory=frozenset)
    first: date | None = None
    last: date | None = None

    @classmethod
    def of(cls, dates: Iterable[date], *, first: date | None = None, last: date | None = None) -> BankHolidays:
        dates = frozenset(dates)
        return cls(dates, first or (min(dates) if dates else None), last or (max(dates) if dates else None))

    def covers(self, day: date) -> bool:
        return self.first is not None and self.last is not None and self.first <= day <= self.last

    def __contains__(self, day: object) -> bool:
        return day in self.dates


def load_bank_holidays(path: Path) -> BankHolidays:
    """Read the data file: years listed in ``years`` are covered in full."""
    data = json.loads(path.read_text(encoding="utf-8"))
    years = sorted(int(year) for year in data["years"])
    dates = [date.fromisoformat(event["date"]) for event in data["events"]]
    return BankHolidays.of(dates, first=date(years[0], 1, 1), last=date(years[-1], 12, 31))


def _periods_on(schedule: Schedule, day: date, holidays: BankHolidays) -> list[Period] | None:
    """The periods that start on ``day``; None when we cannot know."""
    is_holiday = day in holidays
    if is_holiday and schedule.bank_holidays is not BankHolidayRule.AS_USUAL:
        if schedule.bank_holidays is BankHolidayRule.CLOSED:
            return []
        if schedule.bank_holidays is BankHolidayRule.SPECIAL:
            return [p for p in schedule.periods if p.day is Day.BANK_HOLIDAY]
        return None
    if not is_holiday and schedule.bank_holidays is not BankHolidayRule.AS_USUAL and not holidays.covers(day):
        # A service that closes on bank holidays, on a day our list does not cover.
        return None
    return [p for p in schedule.periods if p.day == day.weekday()]


def _local(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("Opening hours need an aware datetime, not a naive one.")
    return at.astimezone(LONDON).replace(tzinfo=None)


def _aware(wall: datetime) -> datetime:
    """London wall-clock time to an aware datetime (the earlier one if the clock repeats)."""
    return wall.replace(tzinfo=LONDON)


def status_at(schedule: Schedule, at: datetime, holidays: BankHolidays) -> Status:
    """Is the service open at ``at`` (any aware datetime), and when does that change?"""
    if schedule.always_open:
        return Status(State.OPEN, always_open=True)
    if not schedule.known:
        return Status(State.UNKNOWN)
    now = _local(at)
    today = now.date()
    unknown = False
    for day in (today - timedelta(days=1), today):
        periods = _periods_on(schedule, day, holidays)
        if periods is None:
            unknown = unknown or day == today or any(p.overnight for p in schedule.periods)
            continue
        for period in periods:
            start, end = period.on(day)
            if start <= now < end:
                return Status(State.OPEN, closes_at=_aware(_closing_time(schedule, end, holidays)))
    if unknown:
        return Status(State.UNKNOWN)
    return Status(State.CLOSED, opens_at=_next_opening(schedule, now, holidays))


def _closing_time(schedule: Schedule, end: datetime, holidays: BankHolidays) -> datetime:
    """Follow periods that run straight on (e.g. 18:00 to 00:00 then 00:00 to 08:00)."""
    for _ in range(_LOOKAHEAD_DAYS * 2):
        periods = _periods_on(schedule, end.date(), holidays) or []
        following = [p.on(end.date()) for p in periods if p.on(end.date())[0] == end]
        if not following:
            return end
        end = max(stop for _, stop in following)
    return end


def _next_opening(schedule: Schedule, now: datetime, holidays: BankHolidays) -> datetime | None:
    for offset in range(_LOOKAHEAD_DAYS):
        day = now.date() + timedelta(days=offset)
        periods = _periods_on(schedule, day, holidays)
        if periods is None:
            return None
        starts = sorted(start for start, _ in (p.on(day) for p in periods) if start > now)
        if starts:
            return _aware(starts[0])
    return None


def weekly_summary(schedule: Schedule) -> list[tuple[tuple[Day, ...], tuple[tuple[time, time], ...]]]:
    """Group days with the same hours, Monday first, for display.

    Returns ``[((MONDAY, TUESDAY), ((09:00, 17:00),)), ...]``; days with no periods are
    included with an empty tuple so a page can say "closed". Bank-holiday hours come last
    when the rule is SPECIAL.
    """
    days = list(Day)[:7]
    if schedule.bank_holidays is BankHolidayRule.SPECIAL:
        days.append(Day.BANK_HOLIDAY)
    hours = {day: tuple(sorted((p.opens, p.closes) for p in schedule.periods if p.day is day)) for day in days}
    groups: list[tuple[list[Day], tuple[tuple[time, time], ...]]] = []
    for day in days:
        previous = groups[-1] if groups else None
        if previous and previous[1] == hours[day] and day is not Day.BANK_HOLIDAY and previous[0][-1] + 1 == day:
            previous[0].append(day)
        else:
            groups.append(([day], hours[day]))
    return [(tuple(group_days), spans) for group_days, spans in groups]


def is_open(schedule: Schedule, at: datetime, holidays: Collection[date] | BankHolidays) -> bool:
    """Shorthand for tests and callers that only need yes or no (unknown is not open)."""
    if not isinstance(holidays, BankHolidays):
        holidays = BankHolidays.of(holidays)
    return status_at(schedule, at, holidays).is_open
