"""The demo commands create accounts with a published password: never under production settings."""

import io

import pytest
from django.core.management import CommandError, call_command

from portal.models import User

DEMO_COMMANDS = ["seed_demo_staff", "seed_demo_agencies", "seed_demo_reports"]


@pytest.mark.parametrize("command", DEMO_COMMANDS)
def test_demo_commands_refuse_to_run_where_demo_data_is_not_allowed(db, settings, command):
    settings.WAYMARK_DEMO_DATA_ALLOWED = False
    accounts_before = User.objects.count()

    with pytest.raises(CommandError, match="demo"):
        call_command(command)

    assert User.objects.count() == accounts_before


def test_demo_staff_are_created_where_demo_data_is_allowed(forces, settings):
    settings.WAYMARK_DEMO_DATA_ALLOWED = True

    call_command("seed_demo_staff", stdout=io.StringIO())

    assert User.objects.filter(username="met.handler").exists()


def test_production_settings_do_not_allow_demo_data(tmp_path):
    from tests.portal.test_production_settings import run_in_production

    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.WAYMARK_DEMO_DATA_ALLOWED)"
    )
    result = run_in_production(["-c", script], tmp_path)

    assert result.stdout.strip() == "False", result.stderr
