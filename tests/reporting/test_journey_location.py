"""Where it happened: which pages the location answers lead to, and the decision they make."""

import pytest

from reporting.engine import Flow, JourneyState, Section
from reporting.engine.location import UNKNOWN_AREA, location_decision, location_pages
from reporting.routing import BTP, Outcome, Rule

FLOW = Flow(
    slug="where-test",
    sections=(Section("where", "Where"),),
    pages=location_pages(section="where"),
    routing=location_decision,
)
GWENT, GLOUCESTERSHIRE, SCOTLAND, WEST_YORKSHIRE = "W15000002", "E23000037", "S23000009", "E23000010"


def pages_for(answers: dict) -> list[str]:
    return [page.slug for page in FLOW.shown(JourneyState(answers=answers))]


def test_a_postcode_in_one_force_routes_there():
    decision = location_decision({"where": "known_place", "incident_postcode": "SW1A 1AA"})

    assert (decision.outcome, decision.force_code, decision.rule) == (Outcome.ROUTED, "E23000001", Rule.DISTRICT_WHOLE)
    assert pages_for({"where": "known_place", "incident_postcode": "SW1A 1AA"}) == ["where", "incident-postcode"]


def test_a_district_split_between_forces_asks_the_person_to_choose():
    answers = {"where": "known_place", "incident_postcode": "NP16 1AA"}

    assert location_decision(answers).outcome == Outcome.CHOOSE_FORCE
    assert "choose-force" in pages_for(answers)
    options = FLOW.page("choose-force").questions[0].options_for(answers)
    assert [option.value for option in options] == [GWENT, GLOUCESTERSHIRE]
    assert "Monmouthshire" in options[0].label


def test_the_choice_in_a_split_district_decides_and_keeps_the_postcode_on_record():
    decision = location_decision(
        {"where": "known_place", "incident_postcode": "NP16 1AA", "split_force": GLOUCESTERSHIRE}
    )

    assert (decision.outcome, decision.force_code, decision.rule) == (
        Outcome.ROUTED,
        GLOUCESTERSHIRE,
        Rule.FORCE_CHOICE,
    )
    record = decision.as_record()
    assert record["input"]["postcode"] == "NP16 1AA"
    assert [candidate["force"] for candidate in record["candidates"]] == [GWENT, GLOUCESTERSHIRE]
    assert record["data_version"]


def test_a_choice_that_was_not_offered_is_not_taken():
    decision = location_decision({"where": "known_place", "incident_postcode": "NP16 1AA", "split_force": "E23000001"})

    assert decision.outcome == Outcome.CHOOSE_FORCE


def test_choosing_police_scotland_on_the_border_leads_to_the_out_of_scope_page():
    answers = {"where": "known_place", "incident_postcode": "TD15 1AA", "split_force": SCOTLAND}

    assert location_decision(answers).outcome == Outcome.OUT_OF_SCOPE
    assert pages_for(answers)[-1] == "outside-england-and-wales"


@pytest.mark.parametrize(
    "postcode,service",
    [
        ("EH1 1YZ", "Police Scotland"),
        ("BT1 1AA", "Police Service of Northern Ireland"),
        ("GY1 1AA", "Channel Islands"),
        ("IM1 1AA", "Isle of Man"),
    ],
)
def test_places_outside_england_and_wales_stop_at_a_page_naming_who_can_help(postcode, service):
    answers = {"where": "known_place", "incident_postcode": postcode}

    assert pages_for(answers) == ["where", "incident-postcode", "outside-england-and-wales"]
    page = FLOW.page("outside-england-and-wales")
    assert page.terminal
    assert service in page.context(answers)["service"].name


def test_the_railway_goes_to_british_transport_police_without_a_postcode():
    answers = {"where": "railway"}

    decision = location_decision(answers)

    assert (decision.outcome, decision.force_code, decision.rule) == (Outcome.ROUTED, BTP, Rule.RAILWAY)
    assert pages_for(answers) == ["where", "railway"]
    service = FLOW.page("railway").context(answers)["service"]
    assert "61016" in service.non_emergency
    assert "0800 40 50 40" in service.non_emergency


@pytest.mark.parametrize("where", ["online", "unknown_place"])
def test_online_or_an_unknown_place_routes_by_where_the_person_lives(where):
    answers = {"where": where, "home_postcode": "LS1 4AP"}

    decision = location_decision(answers)

    assert pages_for(answers) == ["where", "home-postcode"]
    assert decision.force_code == WEST_YORKSHIRE
    assert decision.as_record()["input"]["basis"] == "home"


def test_without_a_home_postcode_the_person_chooses_their_council_area():
    answers = {"where": "online", "home_postcode": ""}

    assert pages_for(answers) == ["where", "home-postcode", "council-area"]
    decision = location_decision({**answers, "council_area": "E08000035"})
    assert (decision.force_code, decision.rule) == (WEST_YORKSHIRE, Rule.AREA_CHOICE)
    assert decision.as_record()["input"]["council_code"] == "E08000035"


def test_a_postcode_we_have_no_data_for_asks_for_the_council_area_where_it_happened():
    answers = {"where": "known_place", "incident_postcode": "ZZ9 9ZZ"}

    assert pages_for(answers)[-1] == "council-area"
    voice_label = FLOW.voice(JourneyState(answers=answers, completed=["where", "incident-postcode"])).say(
        FLOW.page("council-area").questions[0].label
    )
    assert voice_label == "Which council area did it happen in?"


def test_not_knowing_the_council_area_leads_to_a_list_of_forces():
    answers = {"where": "unknown_place", "home_postcode": "", "council_area": UNKNOWN_AREA}

    assert pages_for(answers)[-1] == "police-force"
    options = FLOW.page("police-force").questions[0].options_for(answers)
    assert len(options) == 44
    assert BTP in {option.value for option in options}
    decision = location_decision({**answers, "police_force": "W15000003"})
    assert (decision.outcome, decision.force_code, decision.rule) == (Outcome.ROUTED, "W15000003", Rule.FORCE_CHOICE)


def test_no_decision_before_the_place_is_answered():
    assert location_decision({}) is None
    assert location_decision({"where": "somewhere odd"}) is None
