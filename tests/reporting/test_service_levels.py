from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from reporting import service_levels
from reporting.journeys import JOURNEYS
from reporting.models import Force, ForceServiceLevel
from reporting.services import report_clocks_start
from tests.factories import submitted_report


def clocks_of(report):
    return {clock.milestone: clock.due_at - report.submitted_at for clock in report.clocks.all()}


def test_a_domestic_abuse_report_arrives_with_its_default_first_contact_clock(forces):
    report = submitted_report()

    assert clocks_of(report) == {"first_contact": timedelta(hours=24)}


def test_a_forces_own_target_replaces_the_default(forces):
    met = Force.objects.get(code="E23000001")
    ForceServiceLevel.objects.create(force=met, report_type="domestic-abuse", milestone="first_contact", hours=6)

    report = submitted_report()

    assert report.force == met
    assert clocks_of(report) == {"first_contact": timedelta(hours=6)}


def test_changing_a_target_later_does_not_move_a_deadline_already_given(forces):
    report = submitted_report()
    ForceServiceLevel.objects.create(
        force=report.force, report_type="domestic-abuse", milestone="first_contact", hours=2
    )

    assert clocks_of(report) == {"first_contact": timedelta(hours=24)}


@pytest.mark.parametrize(
    ("report_type", "expected"),
    [
        ("clares-law", {"initial_checks": timedelta(hours=24), "decision": timedelta(days=28)}),
        (
            "sarahs-law",
            {"initial_checks": timedelta(hours=24), "interview": timedelta(days=10), "complete": timedelta(days=45)},
        ),
        ("rape-sexual-assault", {"first_contact": timedelta(hours=12)}),
    ],
)
def test_each_kind_of_report_has_its_published_defaults(forces, report_type, expected):
    report = submitted_report()
    report.clocks.all().delete()
    report.report_type = report_type

    report_clocks_start(report=report)

    assert clocks_of(report) == expected


def test_every_journey_with_a_form_has_clocks():
    for slug, journey in JOURNEYS.items():
        if journey.flow:
            assert service_levels.milestones(slug), slug
    assert service_levels.milestones("no-such-journey") == ()


def test_a_target_for_an_unknown_milestone_is_refused(forces):
    level = ForceServiceLevel(
        force=Force.objects.get(code="E23000001"), report_type="clares-law", milestone="first_contact", hours=1
    )

    with pytest.raises(ValidationError, match="decision, initial_checks"):
        level.full_clean()
