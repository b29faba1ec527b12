"""Someone in danger now: the answer starts its own short clock when the report arrives,
and staff see the report flagged at once, in the queue and on the report page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting import service_levels, services
from reporting.models import ForceServiceLevel, StaffMember
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    grade_schemes,
    member_of,
    queued_report,
    staff_user,
    submitted_journey_report,
    submitted_report,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role


@pytest.fixture
def met(forces):
    grade_schemes()
    return {role: staff_user(force_code=MET, role=role) for role in Role}


IN_DANGER = dict(DOMESTIC_ABUSE_ANSWERS, in_danger="yes")
FLAG = "Someone is in danger now: pass to the control room"


def clocks_of(report):
    return {clock.milestone: clock.due_at - report.submitted_at for clock in report.clocks.all()}


def test_someone_in_danger_now_starts_the_urgent_clock_instead_of_the_usual_one(forces):
    report = submitted_report(IN_DANGER)

    assert clocks_of(report) == {"urgent_contact": timedelta(hours=1)}


def test_not_sure_or_no_keeps_the_usual_clock(forces):
    assert clocks_of(submitted_report(dict(DOMESTIC_ABUSE_ANSWERS, in_danger="not_sure"))) == {
        "first_contact": timedelta(hours=24)
    }
    assert clocks_of(submitted_report()) == {"first_contact": timedelta(hours=24)}


def test_a_rape_or_sexual_assault_report_in_danger_now_has_the_urgent_clock_too(forces):
    report = submitted_journey_report("rape-sexual-assault", dict(RAPE_SEXUAL_ASSAULT_ANSWERS, in_danger="yes"))

    assert clocks_of(report) == {"urgent_contact": timedelta(hours=1)}


def test_a_force_sets_its_own_urgent_time_and_the_usual_one_does_not_touch_it(forces):
    report = submitted_report()
    ForceServiceLevel.objects.create(
        force=report.force, report_type="domestic-abuse", milestone="urgent_contact", hours=2
    )
    ForceServiceLevel.objects.create(
        force=report.force, report_type="domestic-abuse", milestone="first_contact", hours=48
    )

    assert clocks_of(submitted_report(IN_DANGER)) == {"urgent_contact": timedelta(hours=2)}
    assert clocks_of(submitted_report()) == {"first_contact": timedelta(hours=48)}


def test_the_urgent_milestone_is_one_a_force_may_set():
    level = ForceServiceLevel(report_type="domestic-abuse", milestone="urgent_contact", hours=1)

    level.clean()  # no ValidationError: the milestone is the journey's


def test_deadlines_apply_a_milestone_only_when_the_answers_say_so():
    sent = timezone.now()
    urgent = service_levels.deadlines(
        report_type="domestic-abuse", submitted_at=sent, overrides={}, answers={"in_danger": "yes"}
    )
    usual = service_levels.deadlines(report_type="domestic-abuse", submitted_at=sent, overrides={}, answers={})

    assert urgent == {"urgent_contact": sent + timedelta(hours=1)}
    assert usual == {"first_contact": sent + timedelta(hours=24)}


def test_making_contact_meets_the_urgent_clock(forces, met):
    report = queued_report(IN_DANGER)
    officer = member_of(met[Role.CASE_OFFICER])
    services.report_claim(member=officer, report=report)
    services.report_status_change(member=officer, report=report, status="contact_made")

    assert report.clocks.get().met_at is not None


def test_the_queue_flags_a_report_with_someone_in_danger_now(client, met):
    urgent = queued_report(IN_DANGER)
    usual = queued_report()
    as_user(client, met[Role.CONTACT_HANDLER])

    html = html_of(client.get(reverse("reporting:staff_queue")))

    row_of = {ref: html.split(ref, 1)[1].split("</tr>", 1)[0] for ref in (urgent.reference, usual.reference)}
    assert FLAG in row_of[urgent.reference]
    assert FLAG not in row_of[usual.reference]
    assert "59 minutes left" in row_of[urgent.reference] or "1 hour left" in row_of[urgent.reference]


def test_the_report_page_flags_someone_in_danger_now(client, met):
    urgent = queued_report(IN_DANGER)
    usual = queued_report()
    as_user(client, met[Role.CASE_OFFICER])

    assert FLAG in html_of(open_with_reason(client, urgent))
    assert FLAG not in html_of(open_with_reason(client, usual))


def test_the_met_fixture_is_the_met(met):
    assert StaffMember.objects.get(user=met[Role.CASE_OFFICER]).force.code == MET
