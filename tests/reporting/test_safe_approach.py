"""Approaching the person at risk safely: asked whenever someone reports or applies for
another person, every question skippable, and shown to staff first, beside safe contact, on
the report page and in the case file."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from reporting import triage
from reporting.engine import JourneyState
from reporting.engine.answers import (
    APPROACH_DIRECT,
    APPROACH_GO_BETWEEN_CONTACT,
    APPROACH_GO_BETWEEN_NAME,
    APPROACH_NOTES,
    APPROACH_SAFE_TIMES,
    PERSON_LIVES_WITH,
    THEY_KNOW,
)
from reporting.engine.journey import SafeApproachKeys
from reporting.journeys import JOURNEYS, flow_for
from reporting.models import Report, StaffMember
from reporting.staff.views.exports import case_file_html
from tests.factories import (
    CLARES_LAW_ANSWERS,
    DOMESTIC_ABUSE_ANSWERS,
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    SARAHS_LAW_ANSWERS,
    member_of,
    queued_report,
    walk_journey,
)
from tests.reporting.staff.helpers import as_user, html_of, open_with_reason

Role = StaffMember.Role

APPROACH_PAGES = ["approach-direct", "approach-safe-times", "approach-go-between", "approach-anything-else"]
APPROACH = {
    APPROACH_DIRECT: "no",
    APPROACH_SAFE_TIMES: "Tuesday mornings at the library",
    APPROACH_GO_BETWEEN_NAME: "Dee",
    APPROACH_GO_BETWEEN_CONTACT: "07700 900456",
    APPROACH_NOTES: "He reads her texts.",
}
# For someone else, in each journey that asks, with the pages it adds to the four above.
FOR_SOMEONE_ELSE = {
    "domestic-abuse": (dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else", support_referrals=None), []),
    "rape-sexual-assault": (
        dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="someone_else"),
        ["approach-lives-with"],
    ),
    "clares-law": (
        dict(CLARES_LAW_ANSWERS, applicant_role="third_party", at_risk_name="Priya Shah"),
        ["approach-they-know", "approach-lives-with"],
    ),
}
FOR_THEMSELVES = {
    "domestic-abuse": DOMESTIC_ABUSE_ANSWERS,
    "rape-sexual-assault": RAPE_SEXUAL_ASSAULT_ANSWERS,
    "clares-law": CLARES_LAW_ANSWERS,
    "sarahs-law": SARAHS_LAW_ANSWERS,
}


def shown(journey: str, answers: dict) -> list[str]:
    return [page.slug for page in flow_for(journey).shown(JourneyState(answers=dict(answers)))]


@pytest.mark.parametrize("journey", FOR_SOMEONE_ELSE)
def test_someone_telling_us_about_another_person_is_asked_how_to_approach_them(journey):
    answers, extra = FOR_SOMEONE_ELSE[journey]

    approach = [slug for slug in shown(journey, answers) if slug.startswith("approach-")]

    assert sorted(approach) == sorted(extra + APPROACH_PAGES)
    # Before the pages about contacting the person telling us.
    slugs = shown(journey, answers)
    assert slugs.index("approach-anything-else") < slugs.index("contact-methods")


@pytest.mark.parametrize("journey", FOR_THEMSELVES)
def test_nobody_telling_us_about_themselves_is_asked(journey):
    assert not [slug for slug in shown(journey, FOR_THEMSELVES[journey]) if slug.startswith("approach-")]


def test_an_anonymous_report_is_not_asked():
    assert "approach-direct" not in shown(
        "rape-sexual-assault", dict(RAPE_SEXUAL_ASSAULT_ANSWERS, report_mode="anonymous")
    )


@pytest.mark.parametrize("journey", FOR_SOMEONE_ELSE)
def test_every_question_about_approaching_them_can_be_skipped(journey):
    flow = flow_for(journey)
    pages = [page for page in flow.pages if page.slug.startswith("approach-")]

    assert pages and all(question.required is None for page in pages for question in page.questions)
    # One question a page, or one person's name and how to reach them.
    assert all(len(page.questions) == 1 for page in pages if page.slug != "approach-go-between")


@pytest.mark.parametrize("journey", FOR_SOMEONE_ELSE)
def test_the_promise_on_about_you_is_asked_as_a_question(journey):
    direct = flow_for(journey).page("approach-direct").questions[0]

    assert str(direct.label) == "Is it safe for the police to contact them directly?"
    assert "we will contact you, not them" in str(direct.hint)
    assert [option.value for option in direct.options] == ["yes", "no", "not_sure"]


@pytest.mark.parametrize("journey", FOR_SOMEONE_ELSE)
def test_the_answers_are_sent_with_the_report(client, forces, journey):
    answers, _extra = FOR_SOMEONE_ELSE[journey]
    answers = dict(answers, **APPROACH, they_know="no", person_lives_with="yes")
    walk_journey(client, journey, answers)
    check = reverse("reporting:journey_check_answers", args=[journey])

    client.post(check, {"submission_key": client.get(check).context["submission_key"]})

    values = Report.objects.get().answers["values"]
    assert {name: values[name] for name in APPROACH} == APPROACH
    assert (values[THEY_KNOW], values[PERSON_LIVES_WITH]) == ("no", "yes")


def test_the_journeys_that_ask_declare_where_the_answers_are():
    assert {slug: journey.safe_approach for slug, journey in JOURNEYS.items()} == {
        "domestic-abuse": SafeApproachKeys(),
        "rape-sexual-assault": SafeApproachKeys(),
        "clares-law": SafeApproachKeys(),
        "sarahs-law": None,
    }


# --- What staff see --------------------------------------------------------------------------

THIRD_PARTY = dict(DOMESTIC_ABUSE_ANSWERS, who_for="someone_else", they_know="no", support_referrals=None)


def test_the_panel_is_only_for_a_report_about_someone_else():
    assert triage.safe_approach("domestic-abuse", DOMESTIC_ABUSE_ANSWERS) is None
    assert triage.safe_approach("sarahs-law", SARAHS_LAW_ANSWERS) is None
    assert triage.safe_approach("domestic-abuse", THIRD_PARTY) is not None


def test_what_was_skipped_reads_not_given_and_nothing_means_contact_the_reporter():
    panel = triage.safe_approach("domestic-abuse", THIRD_PARTY)

    assert not panel.do_not_approach and not panel.cleared
    assert panel.direct == triage.Row("Safe to contact them directly", "Not given")
    assert [row.value for row in panel.rows] == ["No", "No", "Not given", "Not given", "Not given", "Not given"]


def test_do_not_contact_them_directly_is_a_warning():
    panel = triage.safe_approach("domestic-abuse", dict(THIRD_PARTY, **APPROACH))

    assert panel.do_not_approach and not panel.cleared
    assert panel.direct == triage.Row("Safe to contact them directly", "No, do not contact them directly")
    assert triage.safe_approach("domestic-abuse", dict(THIRD_PARTY, approach_direct="yes")).cleared
    assert triage.Row("Name of someone they trust", "Dee") in panel.rows
    assert triage.Row("Before approaching them", "He reads her texts.") in panel.rows


def test_an_old_report_shows_the_questions_as_the_person_saw_them():
    values = dict(THIRD_PARTY, **APPROACH)
    asked = [{"name": APPROACH_SAFE_TIMES, "question": "When is she on her own?", "answer": "Mornings"}]

    panel = triage.safe_approach("domestic-abuse", values, asked=asked)

    assert triage.Row("When is she on her own?", "Mornings") in panel.rows


@pytest.fixture
def met_staff(forces):
    from tests.factories import MET, grade_schemes, staff_user

    grade_schemes()
    return staff_user(force_code=MET, role=Role.SUPERVISOR)


def test_staff_see_the_panel_after_safe_contact_before_anything_else(client, met_staff):
    report = queued_report(dict(THIRD_PARTY, **APPROACH))
    as_user(client, met_staff)

    html = html_of(open_with_reason(client, report))

    main = html[html.index('id="main-content"') :]
    panel = main[main.index("Before approaching the person at risk") : main.index("Status and actions")]
    assert main.index("Before you contact anyone") < main.index("Before approaching the person at risk")
    assert "Do not contact the person directly" in panel
    for expected in ("Tuesday mornings at the library", "Dee", "07700 900456", "He reads her texts."):
        assert expected in panel, expected


def test_staff_see_not_given_and_no_warning_when_it_was_skipped(client, met_staff):
    report = queued_report(THIRD_PARTY)
    as_user(client, met_staff)

    html = html_of(open_with_reason(client, report))

    panel = html[html.index("Before approaching the person at risk") : html.index("Status and actions")]
    assert "Do not contact the person directly" not in panel
    assert "Not given" in panel


def test_a_victims_own_report_has_no_panel(client, met_staff):
    report = queued_report()
    as_user(client, met_staff)

    assert "Before approaching the person at risk" not in html_of(open_with_reason(client, report))


def test_the_case_file_has_the_panel_after_safe_contact(met_staff):
    report = queued_report(dict(THIRD_PARTY, **APPROACH))
    request = RequestFactory().get("/")
    request.user = met_staff

    html = case_file_html(request, member_of(met_staff), report, reason="Supervising", now=timezone.now())

    assert html.index("Before you contact anyone") < html.index("Before approaching the person at risk")
    panel = html[html.index("Before approaching the person at risk") : html.index("What they told us")]
    assert "Do not contact the person directly" in panel
    assert "Tuesday mornings at the library" in panel
