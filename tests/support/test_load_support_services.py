from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from support.models import SupportService
from support.opening_hours import LONDON


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_support_services", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_the_command_loads_and_can_run_again():
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=LONDON)):
        first, _ = run()
        second, warnings = run()

    count = SupportService.objects.count()
    assert f"{count} added" in first
    assert f"0 added, 0 updated, {count} unchanged, 0 hidden" in second
    assert warnings == ""


@pytest.mark.django_db
def test_it_warns_when_the_bank_holiday_list_is_about_to_run_out():
    with time_machine.travel(datetime(2027, 3, 1, tzinfo=LONDON)):
        _, warnings = run()

    assert "The bank holiday list ends on 2027-12-31" in warnings


@pytest.mark.django_db
def test_a_broken_file_stops_with_a_message(tmp_path):
    path = tmp_path / "services.json"
    path.write_text('{"services": [{"slug": "x", "name": "X", "description": "d", "categories": ["nope"]}]}')

    with pytest.raises(CommandError, match="x"):
        run("--file", str(path))
