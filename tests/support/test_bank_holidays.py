"""The England and Wales bank holiday file, checked against the rules that make the list."""

import json
from datetime import date, timedelta

from support.directory.selectors import BANK_HOLIDAYS_FILE, bank_holidays
from support.opening_hours import load_bank_holidays


def easter_sunday(year: int) -> date:
    """The Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def last_monday(year: int, month: int) -> date:
    day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return day - timedelta(days=day.weekday())


def england_and_wales(year: int) -> set[date]:
    """The usual eight, with weekend Christmas, Boxing Day and New Year moved to weekdays."""
    easter = easter_sunday(year)
    new_year = date(year, 1, 1)
    while new_year.weekday() >= 5:
        new_year += timedelta(days=1)
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    taken = set()
    for day in (christmas, boxing):
        while day.weekday() >= 5 or day in taken:
            day += timedelta(days=1)
        taken.add(day)
    return {
        new_year,
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        first_monday(year, 5),
        last_monday(year, 5),
        last_monday(year, 8),
        *taken,
    }


def test_the_file_matches_the_rules_for_every_year_it_covers():
    data = json.loads(BANK_HOLIDAYS_FILE.read_text(encoding="utf-8"))
    listed = {date.fromisoformat(event["date"]) for event in data["events"]}

    for year in data["years"]:
        assert {day for day in listed if day.year == year} == england_and_wales(year), year


def test_the_file_covers_2025_to_2027_and_names_its_source():
    data = json.loads(BANK_HOLIDAYS_FILE.read_text(encoding="utf-8"))

    assert data["years"] == [2025, 2026, 2027]
    assert data["division"] == "england-and-wales"
    assert data["source"] == "https://www.gov.uk/bank-holidays"
    assert date.fromisoformat(data["checked"])


def test_substitute_days_are_in_the_list():
    holidays = bank_holidays()

    assert date(2026, 12, 28) in holidays  # Boxing Day 2026 is a Saturday
    assert date(2027, 12, 27) in holidays and date(2027, 12, 28) in holidays
    assert date(2026, 12, 26) not in holidays


def test_the_list_says_which_days_it_covers():
    holidays = load_bank_holidays(BANK_HOLIDAYS_FILE)

    assert holidays.covers(date(2025, 1, 1)) and holidays.covers(date(2027, 12, 31))
    assert not holidays.covers(date(2028, 1, 1))
    assert not holidays.covers(date(2024, 12, 31))
