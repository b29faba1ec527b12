from datetime import datetime, time

import pytest

from support.models import OpeningPeriod, SupportService
from support.opening_hours import LONDON, State, Status
from support.templatetags.support_directory import format_time, hours_lines, phone_link, status_text

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)  # a Monday


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (time(9), "9am"),
        (time(17, 30), "5:30pm"),
        (time(0), "midnight"),
        (time(12), "midday"),
        (time(12, 15), "12:15pm"),
    ],
)
def test_times_are_written_the_gov_uk_way(value, text):
    assert format_time(value) == text


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (Status(State.OPEN, always_open=True), "24 hours a day, every day."),
        (Status(State.OPEN, closes_at=datetime(2026, 6, 1, 20, 0, tzinfo=LONDON)), "Closes at 8pm."),
        (Status(State.OPEN, closes_at=datetime(2026, 6, 2, 0, 0, tzinfo=LONDON)), "Closes at midnight."),
        (Status(State.OPEN, closes_at=datetime(2026, 6, 2, 2, 0, tzinfo=LONDON)), "Closes at 2am tomorrow."),
        (Status(State.CLOSED, opens_at=datetime(2026, 6, 1, 13, 0, tzinfo=LONDON)), "Opens at 1pm today."),
        (Status(State.CLOSED, opens_at=datetime(2026, 6, 2, 9, 0, tzinfo=LONDON)), "Opens at 9am tomorrow."),
        (Status(State.CLOSED, opens_at=datetime(2026, 6, 5, 9, 30, tzinfo=LONDON)), "Opens at 9:30am on Friday."),
        (
            Status(State.CLOSED, opens_at=datetime(2026, 6, 9, 9, 0, tzinfo=LONDON)),
            "Opens at 9am on Tuesday 9 June.",
        ),
        (Status(State.UNKNOWN), "Check when it is open before you call, on its website."),
    ],
)
def test_the_status_sentence(status, text):
    assert status_text(status, NOW) == text


def test_a_phone_link_dials_in_e164_and_reads_digit_by_digit():
    assert phone_link("116 123", "tel:116123") == (
        '<a class="govuk-link waymark-phone" href="tel:116123"><span aria-hidden="true">116 123</span>'
        '<span class="govuk-visually-hidden">1 1 6 1 2 3</span></a>'
    )


@pytest.mark.django_db
def test_the_weeks_hours_are_grouped_with_bank_holidays_last():
    service = SupportService.objects.create(
        slug="s",
        name="S",
        description="d",
        categories=["stalking"],
        website="https://example.org/",
        bank_holidays="closed",
    )
    for day in range(5):
        OpeningPeriod.objects.create(service=service, day=day, opens=time(9, 30), closes=time(16))
    OpeningPeriod.objects.create(service=service, day=5, opens=time(22), closes=time(2))

    assert hours_lines(service) == [
        ("Monday to Friday", "9:30am to 4pm"),
        ("Saturday", "10pm to 2am"),
        ("Sunday", "Closed"),
        ("Bank holidays", "Closed"),
    ]


@pytest.mark.django_db
def test_a_24_7_service_and_a_service_without_hours():
    always = SupportService(always_open=True)
    unknown = SupportService.objects.create(
        slug="u", name="U", description="d", categories=["stalking"], website="https://example.org/"
    )

    assert hours_lines(always) == [("Every day", "24 hours")]
    assert hours_lines(unknown) == []
