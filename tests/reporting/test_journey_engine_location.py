"""Routing by an address (a disclosure application goes to the force for the person at risk),
with the same choices as the location pages, and the other forces recorded for checks."""

import pytest

from reporting.engine import Flow, JourneyState, Page, Postcode, Section
from reporting.engine.location import (
    CheckedDecision,
    address_decision,
    address_pages,
    cross_force_checks,
    forces_for_postcode,
    with_cross_force_checks,
)
from reporting.routing import Outcome, Rule

ROUTING = with_cross_force_checks(address_decision("home"), lambda answers: ["other", "older"])
FLOW = Flow(
    slug="address-test",
    sections=(Section("s", "Where"),),
    pages=(
        Page(slug="home", section="s", questions=(Postcode(name="home", label="Postcode"),)),
        *address_pages(section="s", postcode="home", council_label="Which council area?"),
    ),
    routing=ROUTING,
)
MET, WEST_YORKSHIRE, GREATER_MANCHESTER, GWENT, GLOUCESTERSHIRE = (
    "E23000001",
    "E23000010",
    "E23000005",
    "W15000002",
    "E23000037",
)


def shown(answers: dict) -> list[str]:
    return [page.slug for page in FLOW.shown(JourneyState(answers=answers))]


def test_a_postcode_in_one_force_routes_there_as_someones_home():
    decision = ROUTING({"home": "LS1 4AP"})

    assert (decision.outcome, decision.force_code, decision.basis) == (Outcome.ROUTED, WEST_YORKSHIRE, "home")
    assert shown({"home": "LS1 4AP"}) == ["home"]


def test_no_postcode_asks_for_the_council_area_then_the_force():
    assert shown({"home": ""}) == ["home", "council-area"]
    assert shown({"home": "", "council_area": "unknown"}) == ["home", "council-area", "police-force"]
    decision = ROUTING({"home": "", "council_area": "unknown", "police_force": GWENT})
    assert (decision.force_code, decision.rule) == (GWENT, Rule.FORCE_CHOICE)


def test_a_border_postcode_asks_which_force_and_keeps_the_postcode():
    assert shown({"home": "NP16 1AA"}) == ["home", "choose-force"]

    decision = ROUTING({"home": "NP16 1AA", "split_force": GLOUCESTERSHIRE})

    assert (decision.force_code, decision.postcode) == (GLOUCESTERSHIRE, "NP16 1AA")


def test_an_address_outside_england_and_wales_stops_with_who_to_contact():
    assert shown({"home": "EH1 1YZ"}) == ["home", "outside-england-and-wales"]
    page = FLOW.page("outside-england-and-wales")
    context = page.context({"home": "EH1 1YZ"})
    assert context["service"].name == "Police Scotland"
    assert context["about_address"] is True


def test_nothing_is_decided_before_the_postcode_is_asked():
    assert ROUTING({}) is None


def test_the_other_forces_to_check_are_recorded_with_the_answers_that_named_them():
    decision = ROUTING({"home": "LS1 4AP", "other": "M1 1AE", "older": "SW1A 1AA"})

    assert isinstance(decision, CheckedDecision)
    record = decision.as_record()
    assert record["force"] == WEST_YORKSHIRE
    assert record["cross_force_checks"] == [
        {"force": GREATER_MANCHESTER, "because": ["other"]},
        {"force": MET, "because": ["older"]},
    ]


def test_the_owning_force_is_not_asked_to_check_its_own_records_and_each_force_appears_once():
    checks = cross_force_checks({"a": "LS1 4AP", "b": "M1 1AE", "c": "M1 1AE"}, ["a", "b", "c"], owner=WEST_YORKSHIRE)

    assert [(check.force_code, check.because) for check in checks] == [(GREATER_MANCHESTER, ("b", "c"))]


@pytest.mark.parametrize(
    ("postcode", "forces"),
    [("NP16 1AA", (GWENT, GLOUCESTERSHIRE)), ("EH1 1YZ", ("S23000009",)), ("", ()), (None, ()), ("ZZ99 9ZZ", ())],
)
def test_a_border_postcode_needs_checks_by_every_force_it_may_be_in(postcode, forces):
    assert forces_for_postcode(postcode) == forces
