"""Tests for reporting.routing: which police force owns a report.

Pure tests: no database, no Django. Expected forces are written out by hand
(not derived from the module) so a data refresh that moves a district shows
up here as a failing, reviewable case.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reporting import routing
from reporting.routing import Basis, Outcome, Rule, Where

DATA_DIR = Path(routing.__file__).resolve().parent.parent / "data"

MET = "E23000001"
CUMBRIA = "E23000002"
NORTHUMBRIA = "E23000007"
WEST_MERCIA = "E23000016"
LINCOLNSHIRE = "E23000020"
LEICESTERSHIRE = "E23000021"
NORTHAMPTONSHIRE = "E23000022"
CAMBRIDGESHIRE = "E23000023"
BEDFORDSHIRE = "E23000026"
HERTFORDSHIRE = "E23000027"
ESSEX = "E23000028"
CITY_OF_LONDON = "E23000034"
AVON_AND_SOMERSET = "E23000036"
GLOUCESTERSHIRE = "E23000037"
GWENT = "W15000002"
DYFED_POWYS = "W15000004"
SCOTLAND = "S23000009"
NORTHERN_IRELAND = "N23000001"
CHANNEL_ISLANDS = "L99999999"
ISLE_OF_MAN = "M99999999"

# (postcode, expected force, what is there). Every district here holds >= 95%
# of its postcodes in one force, so each must route without asking.
REAL_POSTCODES: list[tuple[str, str, str]] = [
    ("SW1A 2AA", MET, "10 Downing Street"),
    ("SW1A 2JL", MET, "New Scotland Yard"),
    ("SE1 7PB", MET, "London Eye"),
    ("WC2N 5DN", MET, "National Gallery"),
    ("N1 9AL", MET, "King's Cross station"),
    ("E20 2ST", MET, "London Stadium"),
    ("RM1 3BD", MET, "Havering Town Hall"),
    ("CA10 2AU", CUMBRIA, "Cumbria Constabulary HQ, Penrith"),
    ("CA3 8QG", CUMBRIA, "Carlisle Civic Centre"),
    ("PR4 5SB", "E23000003", "Lancashire Constabulary HQ, Hutton"),
    ("FY1 4BJ", "E23000003", "Blackpool Tower"),
    ("BB1 7DY", "E23000003", "Blackburn Town Hall"),
    ("L1 8JX", "E23000004", "Merseyside Police HQ, Canning Place"),
    ("L3 1HU", "E23000004", "Royal Liver Building"),
    ("M40 5BP", "E23000005", "Greater Manchester Police HQ"),
    ("M60 2LA", "E23000005", "Manchester Town Hall"),
    ("BL1 1RU", "E23000005", "Bolton Town Hall"),
    ("CW7 2UA", "E23000006", "Cheshire Constabulary HQ, Winsford"),
    ("WA1 1UH", "E23000006", "Warrington Town Hall"),
    ("NE28 9NT", NORTHUMBRIA, "Northumbria Police HQ, Wallsend"),
    ("NE1 4ST", NORTHUMBRIA, "St James' Park"),
    ("SR1 3AA", NORTHUMBRIA, "Sunderland City Hall"),
    ("DH1 5TT", "E23000008", "Durham Constabulary HQ, Aykley Heads"),
    ("DH1 3EH", "E23000008", "Durham Cathedral"),
    ("DL1 5QT", "E23000008", "Darlington Town Hall"),
    ("DL6 1BF", "E23000009", "North Yorkshire Police HQ, Northallerton"),
    ("YO1 7HH", "E23000009", "York Minster"),
    ("WF1 3QP", "E23000010", "West Yorkshire Police HQ, Wakefield"),
    ("LS1 3AD", "E23000010", "Leeds Town Hall"),
    ("BD1 1HY", "E23000010", "Bradford City Hall"),
    ("S9 2EH", "E23000011", "South Yorkshire Police HQ, Carbrook"),
    ("S1 2HH", "E23000011", "Sheffield Town Hall"),
    ("HU5 5SF", "E23000012", "Humberside Police HQ, Hull"),
    ("DN31 1HU", "E23000012", "Grimsby Town Hall"),
    ("TS8 9EH", "E23000013", "Cleveland Police HQ, Ladgate Lane"),
    ("TS1 2QQ", "E23000013", "Middlesbrough Town Hall"),
    ("B4 6NQ", "E23000014", "West Midlands Police HQ, Lloyd House"),
    ("B1 1BB", "E23000014", "Birmingham Council House"),
    ("CV1 5RR", "E23000014", "Coventry Council House"),
    ("ST18 0YY", "E23000015", "Staffordshire Police HQ, Stafford"),
    ("ST4 1HH", "E23000015", "Stoke-on-Trent Civic Centre"),
    ("WR3 8SP", WEST_MERCIA, "West Mercia Police HQ, Hindlip Hall"),
    ("HR1 2NG", WEST_MERCIA, "Hereford Cathedral"),
    ("CV35 7QB", "E23000017", "Warwickshire Police HQ, Leek Wootton"),
    ("CV34 4QU", "E23000017", "Warwick Castle"),
    ("DE5 3RS", "E23000018", "Derbyshire Constabulary HQ, Ripley"),
    ("DE1 2FS", "E23000018", "Derby Council House"),
    ("NG5 8PP", "E23000019", "Nottinghamshire Police HQ, Sherwood Lodge"),
    ("NG1 2DT", "E23000019", "Nottingham Council House"),
    ("LN2 2LT", LINCOLNSHIRE, "Lincolnshire Police HQ, Nettleham"),
    ("LN2 1PX", LINCOLNSHIRE, "Lincoln Cathedral"),
    ("LE19 2BX", LEICESTERSHIRE, "Leicestershire Police HQ, Enderby"),
    ("LE2 7FL", LEICESTERSHIRE, "King Power Stadium"),
    ("NN4 0JQ", NORTHAMPTONSHIRE, "Northamptonshire Police HQ, Wootton Hall"),
    ("NN1 1DE", NORTHAMPTONSHIRE, "Northampton Guildhall"),
    ("PE29 6NP", CAMBRIDGESHIRE, "Cambridgeshire Constabulary HQ, Huntingdon"),
    ("CB2 3QJ", CAMBRIDGESHIRE, "Cambridge Guildhall"),
    ("NR18 0WW", "E23000024", "Norfolk Constabulary HQ, Wymondham"),
    ("NR2 1NH", "E23000024", "Norwich City Hall"),
    ("IP5 3QS", "E23000025", "Suffolk Constabulary HQ, Martlesham"),
    ("IP1 2DA", "E23000025", "Portman Road"),
    ("MK43 9AX", BEDFORDSHIRE, "Bedfordshire Police HQ, Kempston"),
    ("LU1 2BQ", BEDFORDSHIRE, "Luton Town Hall"),
    ("AL8 6XF", HERTFORDSHIRE, "Hertfordshire Constabulary HQ, Welwyn Garden City"),
    ("AL1 1BY", HERTFORDSHIRE, "St Albans Cathedral"),
    ("CM2 6DA", ESSEX, "Essex Police HQ, Chelmsford"),
    ("CO1 1TJ", ESSEX, "Colchester Castle"),
    ("OX5 2NX", "E23000029", "Thames Valley Police HQ, Kidlington"),
    ("SL4 1NJ", "E23000029", "Windsor Castle"),
    ("OX1 1BX", "E23000029", "Oxford Town Hall"),
    ("SO50 9SJ", "E23000030", "Hampshire Constabulary HQ, Eastleigh"),
    ("SO23 9LS", "E23000030", "Winchester Cathedral"),
    ("PO1 2AB", "E23000030", "Portsmouth Guildhall"),
    ("GU3 1HG", "E23000031", "Surrey Police HQ, Mount Browne"),
    ("GU2 7UP", "E23000031", "Guildford Cathedral"),
    ("ME15 9BZ", "E23000032", "Kent Police HQ, Maidstone"),
    ("CT1 2EH", "E23000032", "Canterbury Cathedral"),
    ("BN7 2DZ", "E23000033", "Sussex Police HQ, Lewes"),
    ("BN1 1EE", "E23000033", "Royal Pavilion, Brighton"),
    ("EC3M 7HA", CITY_OF_LONDON, "Lloyd's building"),
    ("EC3M 4AJ", CITY_OF_LONDON, "Fenchurch Street station"),
    ("EX2 7HQ", "E23000035", "Devon and Cornwall Police HQ, Exeter"),
    ("TR1 2AF", "E23000035", "Truro Cathedral"),
    ("BS20 8QJ", AVON_AND_SOMERSET, "Avon and Somerset Police HQ, Portishead"),
    ("BS1 5TR", AVON_AND_SOMERSET, "Bristol City Hall"),
    ("BA1 1LT", AVON_AND_SOMERSET, "Bath Abbey"),
    ("GL2 2AN", GLOUCESTERSHIRE, "Gloucestershire Constabulary HQ, Quedgeley"),
    ("GL1 2LR", GLOUCESTERSHIRE, "Gloucester Cathedral"),
    ("SN10 2DN", "E23000038", "Wiltshire Police HQ, Devizes"),
    ("SP1 2EJ", "E23000038", "Salisbury Cathedral"),
    ("DT2 8DZ", "E23000039", "Dorset Police HQ, Winfrith"),
    ("BH2 6DY", "E23000039", "Bournemouth Town Hall"),
    ("LL29 8AW", "W15000001", "North Wales Police HQ, Colwyn Bay"),
    ("LL55 2AY", "W15000001", "Caernarfon Castle"),
    ("NP44 2XJ", GWENT, "Gwent Police HQ, Cwmbran"),
    ("NP20 4UR", GWENT, "Newport Civic Centre"),
    ("CF31 3SU", "W15000003", "South Wales Police HQ, Bridgend"),
    ("CF10 3RB", "W15000003", "Cardiff Castle"),
    ("SA1 4PE", "W15000003", "Swansea Guildhall"),
    ("SA31 2PF", DYFED_POWYS, "Dyfed-Powys Police HQ, Carmarthen"),
    ("LD1 5LG", DYFED_POWYS, "Powys County Hall, Llandrindod Wells"),
]

# (input, expected candidates, largest share first).
STRADDLING: list[tuple[str, list[str]]] = [
    ("NP16 5DB", [GWENT, GLOUCESTERSHIRE]),  # Chepstow: 79% / 21%
    ("HR3 5DF", [WEST_MERCIA, DYFED_POWYS]),  # Hay-on-Wye area: 53% / 47%
    ("SG8", [HERTFORDSHIRE, CAMBRIDGESHIRE, ESSEX, BEDFORDSHIRE]),
    ("PE9", [LINCOLNSHIRE, LEICESTERSHIRE, CAMBRIDGESHIRE, NORTHAMPTONSHIRE]),
    ("EC2A", [MET, CITY_OF_LONDON]),  # 94.2% Met: just under the threshold
    ("EC2M 7PP", [CITY_OF_LONDON, MET]),  # 83.3% City of London
    ("EC2V 7HH", [CITY_OF_LONDON, MET]),  # Guildhall, City of London Police's home
    ("TD15 1BN", [NORTHUMBRIA, SCOTLAND]),  # Berwick: 94.8% Northumbria
    ("CA6", [CUMBRIA, SCOTLAND, NORTHUMBRIA]),
    ("TD12", [SCOTLAND, NORTHUMBRIA]),
]

MALFORMED = [
    "",
    "   ",
    "hello",
    "12345",
    "SW1A 1A",
    "SW1A 1AAA",
    "SW1A1A",
    "B1 1",
    "1AA",
    "SW1A-1AA",
    "SW1A 1AA 1AA",
    "A",
    "ABC1",
    "SWA1 1AA",
    "SW1A 1AA extra",
    "\uff331 1AA",  # full-width S: upper-cases but is not a postcode letter
]


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _territorial_force_codes() -> set[str]:
    return {row["force_code"] for row in _read_csv("forces.csv") if row["in_scope"] == "yes"}


@pytest.mark.parametrize(("postcode", "force_code", "place"), REAL_POSTCODES)
def test_real_postcode_routes_to_the_force_that_holds_its_district(postcode: str, force_code: str, place: str) -> None:
    decision = routing.route_postcode(postcode)

    assert decision.outcome == Outcome.ROUTED, place
    assert decision.force_code == force_code, place
    assert decision.rule in {Rule.DISTRICT_WHOLE, Rule.DISTRICT_MAJORITY}
    assert decision.basis == Basis.INCIDENT
    assert decision.confidence is not None
    assert decision.confidence >= routing.MAJORITY_THRESHOLD


def test_real_postcode_table_covers_every_territorial_force() -> None:
    covered = {force_code for _, force_code, _ in REAL_POSTCODES}

    assert len(_territorial_force_codes()) == 43
    assert _territorial_force_codes() <= covered
    assert len(REAL_POSTCODES) >= 60


@pytest.mark.parametrize(
    ("postcode", "share"),
    [("CH1 2HJ", 0.9891), ("DN1 3BU", 0.9642), ("EC3M 7HA", 0.9542)],
)
def test_district_mostly_in_one_force_routes_there_with_its_share_as_confidence(postcode: str, share: float) -> None:
    decision = routing.route_postcode(postcode)

    assert decision.outcome == Outcome.ROUTED
    assert decision.rule == Rule.DISTRICT_MAJORITY
    assert decision.confidence == share
    assert decision.candidates == ()


def test_district_wholly_in_one_force_routes_with_full_confidence() -> None:
    decision = routing.route_postcode("M1 1AE")

    assert decision.rule == Rule.DISTRICT_WHOLE
    assert decision.confidence == 1.0


@pytest.mark.parametrize(("text", "candidate_codes"), STRADDLING)
def test_straddling_district_under_threshold_asks_person_to_choose(text: str, candidate_codes: list[str]) -> None:
    decision = routing.route_postcode(text)

    assert decision.outcome == Outcome.CHOOSE_FORCE
    assert decision.rule == Rule.DISTRICT_SPLIT
    assert decision.force_code is None
    assert [c.force_code for c in decision.candidates] == candidate_codes
    shares = [c.share for c in decision.candidates]
    assert shares == sorted(shares, reverse=True)
    assert shares[0] < routing.MAJORITY_THRESHOLD
    assert sum(shares) == pytest.approx(1.0, abs=1e-3)


def test_city_of_london_boundary_follows_the_shares_not_the_name() -> None:
    ec2a = routing.route_postcode("EC2A 2BB")
    ec2m = routing.route_postcode("EC2M 7PP")

    assert (ec2a.candidates[0].force_code, ec2a.candidates[0].share) == (MET, 0.9421)
    assert (ec2m.candidates[0].force_code, ec2m.candidates[0].share) == (
        CITY_OF_LONDON,
        0.8329,
    )


def test_candidate_label_names_force_and_all_its_councils_when_few() -> None:
    gwent, gloucestershire = routing.route_postcode("NP16").candidates

    assert gwent.label == ("Gwent Police (Blaenau Gwent, Caerphilly, Monmouthshire, Newport or Torfaen)")
    assert gloucestershire.label.startswith("Gloucestershire Constabulary (")


def test_candidate_label_for_force_with_many_councils_is_shortened() -> None:
    assert routing.force_label(MET) == (
        "Metropolitan Police Service (Barking and Dagenham, Barnet, Bexley and 29 other areas)"
    )


def test_candidate_label_uses_everyday_council_names() -> None:
    assert "Bristol" in routing.force_label(AVON_AND_SOMERSET)
    assert "City of" not in routing.force_label(AVON_AND_SOMERSET)


def test_scotland_candidate_is_labelled_police_scotland() -> None:
    candidates = routing.route_postcode("CA6 5AA").candidates

    assert candidates[1].label == "Police Scotland"


@pytest.mark.parametrize(
    ("text", "force_code", "rule"),
    [
        ("EH1 1BB", SCOTLAND, Rule.DISTRICT_WHOLE),  # Edinburgh Waverley
        ("EH99 1SP", SCOTLAND, Rule.DISTRICT_WHOLE),  # Scottish Parliament
        ("DG16", SCOTLAND, Rule.DISTRICT_MAJORITY),  # Gretna: 96.9% Scotland
        ("TD5", SCOTLAND, Rule.DISTRICT_MAJORITY),
        ("BT1 5GS", NORTHERN_IRELAND, Rule.DISTRICT_WHOLE),  # Belfast City Hall
        ("JE2 4UW", CHANNEL_ISLANDS, Rule.DISTRICT_WHOLE),  # Jersey
        ("GY1 2QN", CHANNEL_ISLANDS, Rule.DISTRICT_WHOLE),  # Guernsey
        ("IM2 4RG", ISLE_OF_MAN, Rule.DISTRICT_WHOLE),  # Isle of Man Constabulary HQ
    ],
)
def test_postcode_outside_england_and_wales_is_out_of_scope_with_that_service(
    text: str, force_code: str, rule: Rule
) -> None:
    decision = routing.route_postcode(text)

    assert decision.outcome == Outcome.OUT_OF_SCOPE
    assert decision.force_code == force_code
    assert decision.rule == rule
    assert not routing.forces()[force_code].in_scope


def test_out_of_scope_services_with_contact_details_expose_them() -> None:
    for code in (SCOTLAND, NORTHERN_IRELAND):
        force = routing.forces()[code]
        assert force.website is not None
        assert force.website.startswith("https://")
        assert force.non_emergency == "101"


@pytest.mark.parametrize("text", ["E22", "E22 5AA", "BN91 1AA", "TW98", "GIR 0AA", "GIR"])
def test_unknown_or_non_geographic_district_asks_for_council_area(text: str) -> None:
    decision = routing.route_postcode(text)

    assert decision.outcome == Outcome.CHOOSE_AREA
    assert decision.rule == Rule.DISTRICT_UNKNOWN
    assert decision.force_code is None
    assert decision.district == text.split(maxsplit=1)[0]


def test_not_knowing_the_postcode_asks_for_council_area() -> None:
    decision = routing.route_report(Where.KNOWN_PLACE, incident_postcode=None)

    assert decision.outcome == Outcome.CHOOSE_AREA
    assert decision.rule == Rule.POSTCODE_NOT_GIVEN
    assert decision.basis == Basis.INCIDENT


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_postcode_is_invalid(text: str) -> None:
    decision = routing.route_postcode(text)

    assert decision.outcome == Outcome.INVALID
    assert decision.rule == Rule.POSTCODE_FORMAT
    assert decision.postcode is None
    assert routing.normalise_postcode(text) is None


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("SW1A 1AA", "SW1A 1AA"),
        ("sw1a 1aa", "SW1A 1AA"),
        ("SW1A1AA", "SW1A 1AA"),
        ("  sw1a    1aa  ", "SW1A 1AA"),
        ("\tsw1a\n1aa", "SW1A 1AA"),
        ("m11ae", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("w1a0ax", "W1A 0AX"),
        ("sw1a", "SW1A"),
        (" Ec2a ", "EC2A"),
        ("m1", "M1"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcode_is_normalised_to_upper_case_with_one_space(text: str, normalised: str) -> None:
    assert routing.normalise_postcode(text) == normalised


def test_sloppy_input_routes_like_the_canonical_postcode() -> None:
    canonical = routing.route_postcode("LS1 3AD")

    for text in ("ls13ad", "  ls1   3ad ", "Ls1 3aD"):
        assert routing.route_postcode(text) == canonical


def test_decision_keeps_normalised_postcode_and_its_district() -> None:
    full = routing.route_postcode(" cf10 3rb ")
    partial = routing.route_postcode("cf10")

    assert (full.postcode, full.district) == ("CF10 3RB", "CF10")
    assert (partial.postcode, partial.district) == ("CF10", "CF10")
    assert partial.force_code == full.force_code


def test_railway_incident_goes_to_british_transport_police_whatever_the_postcode() -> None:
    decision = routing.route_report(Where.RAILWAY, incident_postcode="EH1 1BB", home_postcode="SW1A 2AA")

    assert decision.outcome == Outcome.ROUTED
    assert decision.force_code == routing.BTP == "BTP"
    assert decision.rule == Rule.RAILWAY


@pytest.mark.parametrize("where", [Where.ONLINE, Where.UNKNOWN_PLACE])
def test_online_or_unknown_place_routes_by_home_postcode(where: Where) -> None:
    decision = routing.route_report(where, incident_postcode="SW1A 2AA", home_postcode="cf10 3rb")

    assert decision.outcome == Outcome.ROUTED
    assert decision.force_code == "W15000003"
    assert decision.basis == Basis.HOME
    assert decision.postcode == "CF10 3RB"


def test_online_with_straddling_home_district_asks_to_choose_on_home_basis() -> None:
    decision = routing.route_report(Where.ONLINE, home_postcode="HR3")

    assert decision.outcome == Outcome.CHOOSE_FORCE
    assert decision.basis == Basis.HOME


def test_online_without_home_postcode_asks_for_home_council_area() -> None:
    decision = routing.route_report(Where.ONLINE)

    assert decision.outcome == Outcome.CHOOSE_AREA
    assert decision.basis == Basis.HOME


def test_online_with_malformed_home_postcode_is_invalid() -> None:
    decision = routing.route_report(Where.ONLINE, home_postcode="nowhere")

    assert decision.outcome == Outcome.INVALID
    assert decision.basis == Basis.HOME


def test_known_place_routes_by_incident_not_home_postcode() -> None:
    decision = routing.route_report(Where.KNOWN_PLACE, incident_postcode="BS1 5TR", home_postcode="NE1 4ST")

    assert decision.force_code == AVON_AND_SOMERSET
    assert decision.basis == Basis.INCIDENT


def test_where_accepts_plain_string_values_from_a_form() -> None:
    assert routing.route_report("railway").force_code == "BTP"  # type: ignore[arg-type]


def test_unrecognised_where_answer_is_a_programming_error_not_a_home_routing() -> None:
    with pytest.raises(ValueError, match="somewhere"):
        routing.route_report("somewhere", home_postcode="SW1A 2AA")  # type: ignore[arg-type]


def test_chosen_council_area_routes_to_its_force() -> None:
    decision = routing.route_council_area("E06000023")  # Bristol

    assert decision.outcome == Outcome.ROUTED
    assert decision.rule == Rule.AREA_CHOICE
    assert decision.force_code == AVON_AND_SOMERSET
    assert decision.council_code == "E06000023"
    assert decision.confidence is None


def test_every_council_area_routes_to_the_force_in_the_lookup() -> None:
    rows = _read_csv("lad_to_force.csv")

    for row in rows:
        assert routing.route_council_area(row["lad_code"]).force_code == row["force_code"]
    assert {c.code for c in routing.council_areas()} == {row["lad_code"] for row in rows}


def test_council_code_is_accepted_in_any_case_with_spaces() -> None:
    decision = routing.route_council_area(" w06000022 ", Basis.HOME)

    assert decision.force_code == GWENT
    assert decision.basis == Basis.HOME


@pytest.mark.parametrize("code", ["", "E99999999", "Bristol", "S12000036"])
def test_unknown_council_code_is_invalid(code: str) -> None:
    decision = routing.route_council_area(code)

    assert decision.outcome == Outcome.INVALID
    assert decision.rule == Rule.AREA_CHOICE


def test_every_routable_force_can_be_chosen() -> None:
    for code in routing.routable_force_codes():
        decision = routing.route_force(code)
        assert decision.outcome == Outcome.ROUTED
        assert decision.rule == Rule.FORCE_CHOICE
        assert decision.force_code == code


def test_choosing_police_scotland_from_a_border_district_is_out_of_scope() -> None:
    decision = routing.route_force(SCOTLAND, Basis.HOME)

    assert decision.outcome == Outcome.OUT_OF_SCOPE
    assert decision.force_code == SCOTLAND
    assert decision.basis == Basis.HOME


@pytest.mark.parametrize("code", ["", "E23000099", "met", "Gwent"])
def test_unknown_force_code_is_invalid(code: str) -> None:
    assert routing.route_force(code).outcome == Outcome.INVALID


def test_routable_forces_are_the_43_territorial_forces_plus_btp() -> None:
    codes = routing.routable_force_codes()

    assert len(codes) == 44
    assert set(codes) == _territorial_force_codes() | {"BTP"}


def test_forces_lists_every_service_in_the_data() -> None:
    all_forces = routing.forces()

    assert len(all_forces) == 48
    assert all_forces[GWENT].name == "Gwent Police"
    assert all_forces[GWENT].nation == "Wales"
    assert all_forces[ISLE_OF_MAN].website is None


def test_council_areas_are_sorted_by_name_for_a_picker() -> None:
    areas = routing.council_areas()
    names = [area.name for area in areas]

    assert len(areas) == 318
    assert names == sorted(names, key=str.casefold)
    assert ("E06000023", "Bristol", AVON_AND_SOMERSET) in areas


def test_every_postcode_shaped_district_in_the_data_is_routable() -> None:
    # "NPT" (Newport's retired pre-1984 outward code) is in the data but is
    # not a valid modern postcode shape, so nobody can enter it.
    districts = {row["district"] for row in _read_csv("postcode_district_to_force.csv")}

    for district in districts - {"NPT"}:
        decision = routing.route_postcode(district)
        assert decision.outcome in {
            Outcome.ROUTED,
            Outcome.OUT_OF_SCOPE,
            Outcome.CHOOSE_FORCE,
        }


def test_as_record_survives_a_json_round_trip() -> None:
    decision = routing.route_postcode("NP16 5DB")

    record = json.loads(json.dumps(decision.as_record()))

    assert record == {
        "input": {
            "basis": "incident",
            "postcode": "NP16 5DB",
            "district": "NP16",
            "council_code": None,
        },
        "outcome": "choose_force",
        "force": None,
        "rule": "district_split",
        "confidence": None,
        "candidates": [
            {"force": GWENT, "share": 0.7862},
            {"force": GLOUCESTERSHIRE, "share": 0.2138},
        ],
        "data_version": routing.data_version(),
    }


@pytest.mark.parametrize(
    "decision",
    [
        routing.route_postcode("SW1A 2AA"),
        routing.route_postcode("EH1"),
        routing.route_postcode("junk"),
        routing.route_report(Where.RAILWAY),
        routing.route_council_area("E06000023", Basis.HOME),
        routing.route_force(SCOTLAND),
    ],
    ids=["routed", "out_of_scope", "invalid", "railway", "area_choice", "force_choice"],
)
def test_every_kind_of_decision_serialises_to_json(
    decision: routing.RoutingDecision,
) -> None:
    record = decision.as_record()

    assert json.loads(json.dumps(record)) == record
    assert record["outcome"] == decision.outcome.value


def test_decision_is_immutable() -> None:
    decision = routing.route_postcode("SW1A 2AA")

    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.force_code = "BTP"  # type: ignore[misc]


def test_data_version_is_a_short_hash_of_the_three_csvs() -> None:
    digest = hashlib.sha256()
    for name in ("forces.csv", "postcode_district_to_force.csv", "lad_to_force.csv"):
        digest.update(name.encode())
        digest.update((DATA_DIR / name).read_bytes())

    assert routing.data_version() == digest.hexdigest()[:12]


def test_data_version_is_stable_across_calls_and_reloads() -> None:
    before = routing.data_version()
    routing._reference_data.cache_clear()

    assert routing.data_version() == before
    assert routing.route_postcode("B1 1BB").data_version == before


@given(st.text())
def test_any_text_returns_a_decision_and_never_raises(text: str) -> None:
    decision = routing.route_postcode(text)

    assert isinstance(decision, routing.RoutingDecision)
    assert decision.outcome in set(Outcome)
    json.dumps(decision.as_record())


@given(st.sampled_from(list(Where)), st.none() | st.text(), st.none() | st.text())
def test_any_report_answers_return_a_decision(
    where: Where, incident_postcode: str | None, home_postcode: str | None
) -> None:
    decision = routing.route_report(where, incident_postcode=incident_postcode, home_postcode=home_postcode)

    assert isinstance(decision, routing.RoutingDecision)


@given(st.from_regex(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}", fullmatch=True))
def test_any_postcode_shaped_text_is_never_invalid(text: str) -> None:
    decision = routing.route_postcode(text)

    assert decision.outcome != Outcome.INVALID
    assert decision.postcode == routing.normalise_postcode(text)


def test_the_british_transport_police_code_is_spelled_out_only_here() -> None:
    reporting_dir = Path(routing.__file__).resolve().parent.parent
    spelled_out = {
        str(path.relative_to(reporting_dir))
        for path in reporting_dir.rglob("*.py")
        if "migrations" not in path.parts and '"BTP"' in path.read_text(encoding="utf-8")
    }
    assert spelled_out == {"routing/__init__.py", "routing/data.py"}  # the constant, and its name in __all__
