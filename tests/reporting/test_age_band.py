"""How old the person it happened to is: asked (and skippable) in the domestic abuse and the
rape and sexual assault reports, so that a child is recognised at once: staff see the age at
the top of the report, a child's report gets its priority reason, and the confirmation page
lists services for children and young people."""

import pytest
import time_machine
from django.urls import reverse

from reporting import priority
from reporting.engine import JourneyState, Voice
from reporting.engine.answers import AGE_BAND
from reporting.journeys import JOURNEYS, flow_for
from reporting.models import StaffMember
from support.directory.services import national_services_sync
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    grade_schemes,
    queued_report,
    staff_user,
    walk_journey,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role
ANSWERS = {"domestic-abuse": DOMESTIC_ABUSE_ANSWERS, "rape-sexual-assault": RAPE_SEXUAL_ASSAULT_ANSWERS}
BANDS = ["under_13", "13_to_15", "16_or_17", "18_or_over", "not_sure"]


def age_question(journey: str):
    page = flow_for(journey).page("age")
    assert page is not None, f"{journey} does not ask the age"
    return page.questions[0]


@pytest.mark.parametrize("journey", ANSWERS)
def test_the_age_is_asked_in_bands_and_can_be_skipped(journey):
    question = age_question(journey)

    assert question.name == AGE_BAND
    assert [option.value for option in question.options] == BANDS
    assert [str(option.label) for option in question.options] == [
        "Under 13",
        "13 to 15",
        "16 or 17",
        "18 or over",
        "I'm not sure",
    ]
    assert question.required is None


@pytest.mark.parametrize("journey", ANSWERS)
def test_it_is_asked_of_the_person_and_of_someone_telling_us_for_them(journey):
    question = age_question(journey)

    assert Voice(answers={}).say(question.label) == "How old are you?"
    assert Voice(answers={}, them=True).say(question.label) == "How old are they?"
    for who in ({"who_for": "someone_else"}, {"report_mode": "someone_else"}, {"report_mode": "anonymous"}, {}):
        shown = [page.slug for page in flow_for(journey).shown(JourneyState(answers={**ANSWERS[journey], **who}))]
        assert "age" in shown


def test_the_applications_do_not_ask_it():
    assert flow_for("clares-law").page("age") is None
    assert flow_for("sarahs-law").page("age") is None


@pytest.mark.parametrize("journey", ANSWERS)
def test_a_childs_age_band_adds_a_priority_reason(journey):
    adult = priority.assess(report_type=journey, answers={AGE_BAND: "18_or_over"}, risk_indicators=[])

    for band in ("under_13", "13_to_15", "16_or_17"):
        child = priority.assess(report_type=journey, answers={AGE_BAND: band}, risk_indicators=[])
        assert child.score == adult.score + priority.CHILD
        assert "child" in child.reasons
    for band in ("18_or_over", "not_sure", None):
        assert "child" not in priority.assess(report_type=journey, answers={AGE_BAND: band}, risk_indicators=[]).reasons
    assert priority.reason_label("child") == "A child (under 18)"


def test_a_journey_that_does_not_name_the_age_answer_is_not_read():
    assert JOURNEYS["clares-law"].priority.age_band is None
    assessed = priority.assess(report_type="clares-law", answers={AGE_BAND: "under_13"}, risk_indicators=[])
    assert "child" not in assessed.reasons


def test_a_sent_childs_report_carries_the_reason(forces):
    report = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, age_band="13_to_15"))

    assert "child" in report.priority_reasons


@pytest.fixture
def supervisor(forces):
    grade_schemes()
    return staff_user(force_code=MET, role=Role.SUPERVISOR)


def test_staff_see_the_age_band_at_the_top_of_the_report(client, supervisor):
    child = queued_report(dict(DOMESTIC_ABUSE_ANSWERS, age_band="13_to_15"))
    skipped = queued_report()
    as_user(client, supervisor)

    html = html_of(open_with_reason(client, child))
    top = html[html.index('id="main-content"') : html.index("Before you contact anyone")]
    assert "13 to 15" in top
    assert "A child (under 18)" in top

    top = html_of(open_with_reason(client, skipped))
    top = top[top.index('id="main-content"') : top.index("Before you contact anyone")]
    assert "Age" in top and "Not given" in top
    assert "A child (under 18)" not in top


def send(client, journey):
    check = reverse("reporting:journey_check_answers", args=[journey])
    client.post(check, {"submission_key": client.get(check).context["submission_key"]})
    return client.get(reverse("reporting:journey_sent", args=[journey])).content.decode()


@pytest.mark.parametrize("journey", ANSWERS)
@pytest.mark.parametrize("band", ["13_to_15", "18_or_over"])
def test_a_child_is_shown_services_for_children_and_young_people(client, forces, journey, band):
    national_services_sync()
    walk_journey(client, journey, dict(ANSWERS[journey], age_band=band))

    with time_machine.travel("2026-06-01 11:00 +01:00", tick=False):
        page = send(client, journey)

    assert ("Childline" in page) == (band == "13_to_15")


def test_the_signposting_follows_the_age_band():
    def needs(slug, values):
        return set(JOURNEYS[slug].signposting_needs(values))

    assert "children_young_people" not in needs("domestic-abuse", {AGE_BAND: "18_or_over"})
    assert needs("domestic-abuse", {AGE_BAND: "under_13"}) >= {"domestic_abuse", "children_young_people"}
    assert needs("rape-sexual-assault", {"recent": "no", AGE_BAND: "16_or_17"}) == {
        "sexual_violence",
        "children_young_people",
    }
