"""A Clare's Law application in a real browser, with and without JavaScript: for someone
else (the branch), with dates of birth, previous addresses added one at a time, saving and
coming back, a wrong date put right, a change from check your answers, and sending to the
force for the person at risk's address with the subject's forces recorded for checks and the
application's clocks. axe-core checks every page on the way and every page on its own."""

from datetime import timedelta

import pytest

from reporting.journeys import JOURNEYS
from tests.browser.test_rape_sexual_assault_journey import (
    check_page,
    clocks,
    send_after_saving_and_coming_back,
    support_listed,  # noqa: F401 - a fixture, used by every test here
)

JOURNEY = "clares-law"
WEST_YORKSHIRE, GREATER_MANCHESTER, MET, WEST_MIDLANDS = "E23000010", "E23000005", "E23000001", "E23000014"

FOR_A_RELATIVE = {
    "who-for": {"applicant_role": "third_party"},
    "your-name": {"applicant_name": "Jamie Smith"},
    "your-date-of-birth": {"applicant_dob_0": "27", "applicant_dob_1": "3", "applicant_dob_2": "1990"},
    "your-address": {"applicant_address": "9 Example Gardens, York"},
    "your-connection": {"applicant_connection": "family"},
    "their-name": {"at_risk_name": "Priya Shah"},
    "their-date-of-birth": {"at_risk_age": "about 30"},
    "address": {"at_risk_address": "1 Example Street, Leeds", "at_risk_postcode": "ls1 4ap"},
    "moved": {"at_risk_moved": "no"},
    "children": {"at_risk_children": "yes"},
    "children-details": {"at_risk_children_details": "Two, aged 3 and 6"},
    "relationship": {"relationship": "partner"},
    "subject-name": {"subject_name": "Alex Jones", "subject_other_names": "AJ"},
    "subject-date-of-birth": {"subject_dob_0": "1", "subject_dob_1": "12", "subject_dob_2": "1985"},
    "subject-address": {"subject_postcode": "M1 1AE"},
    "subject-moved": {"subject_moved": "yes"},
    "subject-previous-address-1": {
        "subject_previous_address_1_address": "2 Example Road, London",
        "subject_previous_address_1_postcode": "SW1A 1AA",
        "subject_previous_address_1_dates": "2019 to 2021",
        "subject_previous_address_1_another": "yes",
    },
    "subject-previous-address-2": {
        "subject_previous_address_2_address": "3 Example Way, Birmingham",
        "subject_previous_address_2_postcode": "B1 1AA",
        "subject_previous_address_2_another": "no",
    },
    "what-prompted": {"prompted": "She has stopped seeing her friends since they met."},
    "contact-methods": {"contact_methods": ["email"]},
    "contact-email": {"email": "jamie@example.com"},
    "trusted-person": {"trusted_contact": "no"},
    "officer": {"officer_gender": "no_preference"},
}


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_application_can_be_saved_resumed_corrected_changed_and_sent_to_the_right_force(
    visitor_factory, forces, javascript
):
    scenario = {
        "answers": FOR_A_RELATIVE,
        "save_at": "subject-name",
        "mistake": (
            "subject-date-of-birth",
            {"subject_dob_0": "31", "subject_dob_1": "2", "subject_dob_2": "1985"},
            "Enter a real date, like 27 3 1990",
        ),
        "change": ("Name of the person you are asking about", "subject-name", {"subject_name": "Alex J Jones"}),
        "changed_answer": "Alex J Jones",
    }

    report = send_after_saving_and_coming_back(
        visitor_factory, journey=JOURNEY, javascript=javascript, scenario=scenario
    )

    assert (report.force.code, report.report_type) == (WEST_YORKSHIRE, JOURNEY)
    assert clocks(report) == {"initial_checks": timedelta(hours=24), "decision": timedelta(days=28)}
    assert report.routing["input"]["postcode"] == "LS1 4AP"
    assert [check["force"] for check in report.routing["cross_force_checks"]] == [
        GREATER_MANCHESTER,
        MET,
        WEST_MIDLANDS,
    ]
    values = report.answers["values"]
    assert values["subject_name"] == "Alex J Jones"
    assert values["subject_dob"] == "1985-12-01"
    assert values["applicant_dob"] == "1990-03-27"
    assert values["subject_previous_address_2_address"] == "3 Example Way, Birmingham"
    assert report.risk_indicators == ["children_in_household"]
    confirmation = scenario["confirmation"]
    assert "Application sent" in confirmation
    assert "This service will not send you any emails, texts or letters about your application." in confirmation
    assert "They do this in person, not in writing." in confirmation


@pytest.mark.parametrize("slug", [page.slug for page in JOURNEYS[JOURNEY].flow.pages])
def test_every_page_of_the_application_is_accessible_including_its_error_states(visitor, forces, slug):
    check_page(visitor, journey=JOURNEY, slug=slug)
