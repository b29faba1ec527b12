"""A journey carries its own facts: triage labels, priority, service levels, the
safe-contact panel, signposting and referral options all read its Journey, so adding a
journey is its module, its registry entry and its next-steps template."""

from datetime import datetime, timedelta

import pytest
from django.template.loader import get_template

from reporting import priority, service_levels, triage
from reporting.engine import Checkboxes, Is, Option, Page, Section
from reporting.engine.answers import AGE_BAND, CONTACT_METHODS, SUPPORT_REFERRALS
from reporting.engine.flow import Flow
from reporting.engine.journey import Journey, Milestone, PriorityFacts, SafeContactKeys, Signpost
from reporting.journeys import JOURNEYS

# Answers that mean "refer me nowhere": not a kind of service.
NO_REFERRAL = {"none", "rather_not"}


def questions(journey: Journey) -> dict:
    return {question.name: question for page in journey.flow.pages for question in page.questions}


@pytest.mark.parametrize("slug", list(JOURNEYS))
def test_every_journey_declares_every_fact(slug):
    journey = JOURNEYS[slug]
    asked = questions(journey)

    assert journey.slug == journey.flow.slug == slug
    assert str(journey.short_label) and str(journey.type_reason)
    assert journey.type_weight > 0
    codes = [milestone.code for milestone in journey.milestones]
    assert codes and len(codes) == len(set(codes))
    assert all(milestone.default > timedelta(0) for milestone in journey.milestones)
    # Every fact priority reads is a question the journey asks.
    facts = (journey.priority.in_danger, journey.priority.children, journey.priority.injured, journey.priority.age_band)
    assert {fact for fact in facts if fact} <= set(asked)
    assert journey.safe_contact.methods in asked
    assert all(signpost.need for signpost in journey.signposting)
    get_template(journey.next_steps)


@pytest.mark.parametrize("slug", list(JOURNEYS))
def test_every_referral_option_names_a_kind_of_service(slug):
    journey = JOURNEYS[slug]
    question = questions(journey).get(SUPPORT_REFERRALS)
    # Every option, whichever answers show it (a journey can offer some only after a recent assault).
    offered = {option.value for option in question.options_for({})} - NO_REFERRAL if question else set()

    assert set(journey.referral_options) == offered
    assert all(isinstance(kind, str) and kind for kind in journey.referral_options.values())


def test_the_journeys_declare_what_they_always_have():
    assert {slug: str(label) for slug, label in triage.TYPE_LABELS.items()} == {
        "domestic-abuse": "Domestic abuse",
        "rape-sexual-assault": "Rape or sexual assault",
        "clares-law": "Clare's Law request",
        "sarahs-law": "Sarah's Law request",
    }
    assert {slug: journey.safe_contact for slug, journey in JOURNEYS.items()} == dict.fromkeys(
        JOURNEYS, SafeContactKeys()
    )
    assert {slug: journey.priority for slug, journey in JOURNEYS.items()} == {
        "domestic-abuse": PriorityFacts(age_band=AGE_BAND),
        "rape-sexual-assault": PriorityFacts(children=None, injured=None, age_band=AGE_BAND),
        "clares-law": PriorityFacts(in_danger=None, children=None, injured=None),
        "sarahs-law": PriorityFacts(in_danger=None, children=None, injured=None),
    }
    assert {slug: journey.referral_options for slug, journey in JOURNEYS.items()} == {
        "domestic-abuse": {
            "domestic_abuse_service": "domestic_abuse",
            "victim_service": "victim_support",
            "housing": "housing",
        },
        "rape-sexual-assault": {
            "isva": "isva",
            "sarc": "sarc",
            "rape_crisis": "rape_crisis",
            "victim_support": "victim_support",
        },
        "clares-law": {},
        "sarahs-law": {},
    }


def test_the_signposting_follows_the_answers():
    def needs(slug, values):
        return set(JOURNEYS[slug].signposting_needs(values))

    # Every domestic abuse confirmation lists domestic abuse services (issue 11).
    assert needs("domestic-abuse", {}) == {"domestic_abuse"}
    assert needs("rape-sexual-assault", {"recent": "no"}) == {"sexual_violence"}
    assert needs("rape-sexual-assault", {"recent": "yes"}) == {"sexual_violence", "recent_sexual_assault"}
    assert needs("rape-sexual-assault", {}) == {"sexual_violence", "recent_sexual_assault"}
    assert needs("clares-law", {}) == {"domestic_abuse"}
    # Sarah's Law applicants are not signposted to rape crisis lines as if assaulted (issue 11).
    assert needs("sarahs-law", {}) == {"child_safety"}


# A journey that exists only in this test: everything about it comes from its declaration.
NEW_FLOW = Flow(
    slug="new-journey",
    sections=(Section("only", "Only"),),
    pages=(
        Page(
            slug="ways",
            section="only",
            questions=(
                Checkboxes(
                    name="ways_to_reach",
                    label="How can we reach you?",
                    options=(Option("call", "Ring me"), Option("silent", "Never leave a message")),
                ),
            ),
        ),
    ),
)
NEW_JOURNEY = Journey(
    slug="new-journey",
    title="A new journey",
    summary="Only in a test",
    before_you_start=(),
    flow=NEW_FLOW,
    short_label="New",
    type_weight=7,
    type_reason="A new kind of report",
    milestones=(Milestone("first_look", "First look", timedelta(hours=3)),),
    minutes=5,
    priority=PriorityFacts(in_danger="at_risk_now", children=None, injured=None),
    safe_contact=SafeContactKeys(methods="ways_to_reach", voicemail="call", no_contact="silent"),
    signposting=(Signpost("stalking", when=Is("stalked", "yes")),),
)


@pytest.fixture
def new_journey(monkeypatch):
    monkeypatch.setitem(JOURNEYS, NEW_JOURNEY.slug, NEW_JOURNEY)
    return NEW_JOURNEY


def test_a_new_journey_needs_only_its_declaration(new_journey):
    assessed = priority.assess(
        report_type="new-journey",
        answers={"at_risk_now": "yes", "in_danger": "yes", "children": "yes", "injured": "yes"},
        risk_indicators=[],
    )
    assert assessed == priority.Priority(score=priority.DANGER_NOW + 7, reasons=("danger_now", "type:new-journey"))
    assert priority.reason_label("type:new-journey") == "A new kind of report"

    assert service_levels.milestones("new-journey") == new_journey.milestones
    sent = datetime(2026, 1, 1, 9, 0)
    assert service_levels.deadlines(report_type="new-journey", submitted_at=sent, overrides={}) == {
        "first_look": sent + timedelta(hours=3)
    }
    assert triage.milestone_label("new-journey", "first_look") == "First look"

    panel = triage.safe_contact("new-journey", {"ways_to_reach": ["silent"], CONTACT_METHODS: ["call"]})
    assert (panel.methods, panel.no_voicemail, panel.do_not_contact) == (["Never leave a message"], True, True)

    assert new_journey.signposting_needs({"stalked": "yes"}) == ("stalking",)
    assert new_journey.signposting_needs({}) == ()
