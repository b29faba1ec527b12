"""A Sarah's Law application in a real browser, with and without JavaScript: two children
added one at a time, a postcode on a border (the branch: choose the force), saving and coming
back, the declaration left unticked then agreed, a change from check your answers, and
sending to the force where the child lives with the subject's force recorded for checks and
the three clocks. axe-core checks every page on the way and every page on its own."""

from datetime import timedelta

import pytest

from reporting.journeys import JOURNEYS
from tests.browser.test_rape_sexual_assault_journey import (
    check_page,
    clocks,
    send_after_saving_and_coming_back,
    support_listed,  # noqa: F401 - a fixture, used by every test here
)

JOURNEY = "sarahs-law"
GLOUCESTERSHIRE, AVON_AND_SOMERSET = "E23000037", "E23000036"

A_PARENT = {
    "your-name": {"applicant_name": "Morgan Davies"},
    "your-connection": {"applicant_connection": "parent"},
    "child-address": {"child_address": "4 Example Terrace, Chepstow", "child_postcode": "np16 1aa"},
    "choose-force": {"split_force": GLOUCESTERSHIRE},
    "child-1": {
        "child_1_name": "Ellis",
        "child_1_dob_0": "1",
        "child_1_dob_1": "5",
        "child_1_dob_2": "2016",
        "child_1_another": "yes",
    },
    "child-2": {"child_2_name": "Rowan", "child_2_age": "3", "child_2_another": "no"},
    "parental-responsibility": {
        "parental_responsibility": "shared",
        "parental_responsibility_names": "Sam, their father",
    },
    "subject-name": {"subject_name": "Chris Evans"},
    "subject-date-of-birth": {"subject_age": "about 40"},
    "subject-address": {"subject_postcode": "BS1 4DJ"},
    "subject-connection": {"subject_connection": "friend"},
    "subject-contact": {"subject_contact": "Babysits on Saturdays, sometimes alone with them."},
    "concern": {"concern": "Someone at the school gate said he has a conviction."},
    "contact-methods": {"contact_methods": ["text"]},
    "contact-phone": {"phone": "07700 900982"},
    "trusted-person": {"trusted_contact": "no"},
    "declaration": {"declaration": ["agreed"]},
}


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_application_can_be_saved_resumed_corrected_changed_and_sent_to_the_right_force(
    visitor_factory, forces, javascript
):
    scenario = {
        "answers": A_PARENT,
        "save_at": "subject-contact",
        "mistake": ("declaration", {}, "Confirm that you understand and agree, to send your application"),
        "change": ("Name of child 1", "child-1", {"child_1_name": "Ellis D"}),
        "changed_answer": "Ellis D",
    }

    report = send_after_saving_and_coming_back(
        visitor_factory, journey=JOURNEY, javascript=javascript, scenario=scenario
    )

    assert (report.force.code, report.report_type) == (GLOUCESTERSHIRE, JOURNEY)
    assert clocks(report) == {
        "initial_checks": timedelta(hours=24),
        "interview": timedelta(days=10),
        "complete": timedelta(days=45),
    }
    assert report.routing["rule"] == "force_choice"
    assert report.routing["cross_force_checks"] == [{"force": AVON_AND_SOMERSET, "because": ["subject_postcode"]}]
    values = report.answers["values"]
    assert (values["child_1_name"], values["child_1_dob"], values["child_2_name"]) == ("Ellis D", "2016-05-01", "Rowan")
    assert values["declaration"] == ["agreed"]
    confirmation = scenario["confirmation"]
    assert "Application sent" in confirmation
    assert "usually a parent, carer or guardian. This might not be you." in confirmation


@pytest.mark.parametrize("slug", [page.slug for page in JOURNEYS[JOURNEY].flow.pages])
def test_every_page_of_the_application_is_accessible_including_its_error_states(visitor, forces, slug):
    check_page(visitor, journey=JOURNEY, slug=slug)
