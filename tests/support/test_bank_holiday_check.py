"""`manage.py check` (and /readyz) warn 90 days before the bank holiday list runs out."""

from django.core import checks


def warnings_now():
    return [message for message in checks.run_checks() if message.id == "support.W001"]


def test_no_warning_while_the_list_covers_the_next_90_days(time_machine):
    time_machine.move_to("2027-10-02 12:00+00:00")  # 90 days before 31 December 2027

    assert warnings_now() == []


def test_a_warning_within_90_days_of_the_end(time_machine):
    time_machine.move_to("2027-10-03 12:00+00:00")

    [warning] = warnings_now()
    assert warning.level == checks.WARNING
    assert "2027-12-31" in warning.msg
    assert "gov.uk/bank-holidays.json" in warning.hint


def test_a_deployment_that_points_at_its_own_list_is_checked_too(settings, tmp_path, time_machine):
    own = tmp_path / "holidays.json"
    own.write_text('{"years": [2026], "events": [{"date": "2026-12-25", "title": "Christmas Day"}]}')
    settings.WAYMARK_BANK_HOLIDAYS_FILE = str(own)
    time_machine.move_to("2026-11-01 12:00+00:00")

    assert [warning.msg for warning in warnings_now()] == ["The bank holiday list ends on 2026-12-31."]
