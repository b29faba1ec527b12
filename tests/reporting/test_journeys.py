"""The journeys as declared: checks that would catch a careless edit to the wording or pages."""

import pytest

from reporting.engine import Checkboxes, JourneyState, Voice
from reporting.journeys import JOURNEYS, flow_for
from reporting.journeys.domestic_abuse import DOMESTIC_ABUSE, RISK_INDICATORS, risk_indicators

# Questions a person must answer: the few the journey cannot go on without. Everything else,
# and every sensitive question, can be skipped.
MUST_ANSWER = {
    "in_danger",
    "who_for",
    "where",
    "incident_postcode",
    "council_area",
    "police_force",
    "split_force",
    "phone",
    "email",
    "postal_address",
    "trusted_phone",
    "copy_method",
}


def questions(flow):
    return [question for page in flow.pages for question in page.questions]


def test_every_journey_on_the_home_page_has_its_form():
    assert flow_for("domestic-abuse") is DOMESTIC_ABUSE
    assert {slug: journey.flow.slug for slug, journey in JOURNEYS.items()} == {
        "domestic-abuse": "domestic-abuse",
        "rape-sexual-assault": "rape-sexual-assault",
        "clares-law": "clares-law",
        "sarahs-law": "sarahs-law",
    }
    assert flow_for("no-such-journey") is None


def test_every_question_not_needed_to_carry_on_can_be_skipped():
    required = {question.name for question in questions(DOMESTIC_ABUSE) if question.required is not None}

    assert required == MUST_ANSWER


@pytest.mark.parametrize("them", [False, True], ids=["victim", "someone else"])
def test_check_your_answers_labels_are_unique_so_each_change_link_says_what_it_changes(them):
    voice = Voice(answers={}, them=them)
    # The victim's name and the name of someone reporting for another are never asked together.
    one_branch = {"reporter_name"} if not them else {"your_name"}
    labels = [
        voice.say(question.summary or question.label)
        for question in questions(DOMESTIC_ABUSE)
        if question.name not in one_branch
    ]

    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)


def test_the_risk_question_offers_every_indicator_triage_reads():
    risk = next(question for question in questions(DOMESTIC_ABUSE) if question.name == "risk_indicators")

    assert isinstance(risk, Checkboxes)
    assert set(RISK_INDICATORS) <= {option.value for option in risk.options}


def test_risk_indicators_leave_out_none_and_rather_not_say():
    assert risk_indicators({"risk_indicators": ["weapons", "none"]}) == ["weapons"]
    assert risk_indicators({"risk_indicators": ["rather_not"]}) == []
    assert risk_indicators({}) == []


def test_being_in_danger_shows_what_to_do_before_anything_else():
    state = JourneyState(answers={"in_danger": "yes"}, completed=["in-danger"])

    page = DOMESTIC_ABUSE.next_page(DOMESTIC_ABUSE.page("in-danger"), state)

    assert page.slug == "get-help-now"
    text = " ".join(str(paragraph) for paragraph in page.body)
    assert "press 55" in text
    assert "999" in str(page.warning)


def test_someone_reporting_for_another_person_is_asked_about_them_and_about_themselves():
    state = JourneyState(answers={"in_danger": "no", "who_for": "someone_else"}, completed=["in-danger", "who-for"])
    shown = [page.slug for page in DOMESTIC_ABUSE.shown(state)]

    assert "about-them" in shown
    assert "about-you" in shown
    assert "your-name" not in shown
    # Consent to a referral is the victim's to give.
    assert "support" not in shown


def test_a_copy_is_only_offered_when_it_is_safe():
    unsafe = JourneyState(answers={"copy_safe": "no"})
    safe = JourneyState(answers={"copy_safe": "yes", "copy_method": "download"})

    assert "copy-how" not in {page.slug for page in DOMESTIC_ABUSE.shown(unsafe)}
    assert "copy-how" in {page.slug for page in DOMESTIC_ABUSE.shown(safe)}


def test_contact_details_are_asked_only_for_the_ways_chosen():
    state = JourneyState(answers={"contact_methods": ["email"]})
    shown = {page.slug for page in DOMESTIC_ABUSE.shown(state)}

    assert "contact-email" in shown
    assert not {"contact-phone", "contact-address"} & shown
    nobody = {page.slug for page in DOMESTIC_ABUSE.shown(JourneyState(answers={"contact_methods": ["none"]}))}
    assert "safe-times" not in nobody
