"""Clare's Law (Right to Ask): the application as declared, walked through its views, routed
by the person at risk's address with the subject's forces recorded for checks, and sent with
its clocks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.engine import JourneyState, Voice
from reporting.journeys import JOURNEYS, flow_for
from reporting.journeys.clares_law import ADDRESS_LIMIT, CLARES_LAW
from reporting.models import Draft, Force, ForceServiceLevel, Report
from tests.factories import CLARES_LAW_ANSWERS, CLARES_LAW_BRANCHES, submitted_journey_report, walk_journey
from tests.reporting.test_journey_engine_properties import check_any_input

JOURNEY = "clares-law"
FLOW = CLARES_LAW
CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
WEST_YORKSHIRE, GREATER_MANCHESTER, MET, GWENT = "E23000010", "E23000005", "E23000001", "W15000002"

MUST_ANSWER = {
    "applicant_role",
    "applicant_name",
    "at_risk_name",
    "subject_name",
    "council_area",
    "police_force",
    "split_force",
    "phone",
    "email",
    "postal_address",
    "trusted_phone",
    *(
        f"{prefix}_{number}_address"
        for prefix in ("at_risk_previous_address", "subject_previous_address")
        for number in range(1, ADDRESS_LIMIT + 1)
    ),
}


def questions(flow):
    return [question for page in flow.pages for question in page.questions]


def shown(answers: dict) -> list[str]:
    return [page.slug for page in FLOW.shown(JourneyState(answers=answers))]


def send(client):
    return client.post(CHECK, {"submission_key": client.get(CHECK).context["submission_key"]})


# --- the application as declared -----------------------------------------------------------------


def test_the_application_has_its_form_and_is_called_an_application():
    assert flow_for(JOURNEY) is FLOW
    assert JOURNEYS[JOURNEY].application is True


def test_only_what_the_police_cannot_work_without_must_be_answered():
    assert {question.name for question in questions(FLOW) if question.required is not None} == MUST_ANSWER


@pytest.mark.parametrize("them", [False, True], ids=["for myself", "for someone else"])
def test_check_your_answers_labels_are_unique_so_each_change_link_says_what_it_changes(them):
    voice = Voice(answers={}, them=them)
    labels = [voice.say(q.summary or q.label) for q in questions(FLOW)]

    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)


def test_the_first_page_says_it_is_not_for_reporting_and_how_a_disclosure_is_made(client, db):
    html = client.get(reverse("reporting:journey_page", args=[JOURNEY, "before-you-start"])).content.decode()

    assert "This form is not for reporting a crime." in html
    assert f'href="{reverse("reporting:journey_start", args=["domestic-abuse"])}"' in html
    assert "they tell the person best placed to protect the person at risk. They do this in person" in html
    assert "We will not send you any emails, texts or letters." in html


def test_applying_for_yourself_asks_about_you_as_the_person_at_risk():
    slugs = shown({"applicant_role": "myself"})

    assert not {"their-name", "their-date-of-birth", "your-address", "your-connection", "your-work"} & set(slugs)
    assert {"address", "moved", "children"} <= set(slugs)
    assert Voice(answers={}, them=False).say(FLOW.page("address").title) == "Your address"


@pytest.mark.parametrize(
    ("role", "extra"),
    [("third_party", "your-connection"), ("professional", "your-work")],
    ids=["relative or friend", "professional"],
)
def test_applying_for_someone_else_asks_about_them_and_how_you_know_them(role, extra):
    slugs = shown({"applicant_role": role})

    assert {"their-name", "their-date-of-birth", "your-address", extra} <= set(slugs)
    assert FLOW.someone_else({"applicant_role": role})


def test_each_person_gives_a_date_of_birth_or_a_rough_age():
    for slug in ("their-date-of-birth", "subject-date-of-birth"):
        kinds = [question.__class__.__name__ for question in FLOW.page(slug).questions]
        assert kinds == ["DateInput", "Text"]
    assert FLOW.page("your-date-of-birth").questions[0].__class__.__name__ == "DateInput"


def test_previous_addresses_in_the_last_five_years_are_added_one_at_a_time():
    answers = dict(CLARES_LAW_ANSWERS, subject_previous_address_1_another="yes")

    slugs = shown(answers)

    assert "subject-previous-address-2" in slugs
    assert "subject-previous-address-3" not in slugs
    assert "subject-previous-address-1" not in shown(dict(CLARES_LAW_ANSWERS, subject_moved="no"))
    assert f"subject-previous-address-{ADDRESS_LIMIT}" in shown(CLARES_LAW_BRANCHES[0])


def test_nothing_in_the_application_sends_the_applicant_anything():
    names = {question.name for question in questions(FLOW)}

    assert not {name for name in names if name.startswith("copy")}
    contact = FLOW.page("contact-methods").questions[0]
    assert "We will not send you any messages except in the ways you choose." in str(contact.hint)


# --- routing -------------------------------------------------------------------------------


def test_it_goes_to_the_force_for_the_person_at_risks_address_and_the_subjects_forces_check_their_records():
    decision = FLOW.routing(CLARES_LAW_ANSWERS)

    assert decision.force_code == WEST_YORKSHIRE
    assert decision.as_record()["cross_force_checks"] == [
        {"force": GREATER_MANCHESTER, "because": ["subject_postcode"]},
        {"force": MET, "because": ["subject_previous_address_1_postcode"]},
    ]


def test_an_address_the_person_said_no_more_about_is_not_checked():
    state = JourneyState(answers=dict(CLARES_LAW_ANSWERS, subject_moved="no"))
    state.completed = [page.slug for page in FLOW.shown(state)]

    record = FLOW.routing(FLOW.answers(state)).as_record()

    assert [check["force"] for check in record["cross_force_checks"]] == [GREATER_MANCHESTER]


def test_a_border_postcode_for_the_person_at_risk_asks_which_force():
    assert "choose-force" in shown(CLARES_LAW_BRANCHES[1])
    assert FLOW.routing(CLARES_LAW_BRANCHES[1]).force_code == GWENT


# --- through the views ------------------------------------------------------------------------


def test_sending_puts_the_application_in_the_right_forces_queue_with_its_clocks(client, forces):
    walk_journey(client, JOURNEY, CLARES_LAW_ANSWERS)
    check = client.get(CHECK).content.decode()
    assert "Check your answers before sending your application" in check
    assert "Send application" in check
    assert "27 March 1990" in check

    response = send(client)

    assert response["Location"] == SENT
    report = Report.objects.get()
    assert (report.force.code, report.report_type) == (WEST_YORKSHIRE, JOURNEY)
    assert {c.milestone: c.due_at - report.submitted_at for c in report.clocks.all()} == {
        "initial_checks": timedelta(hours=24),
        "decision": timedelta(days=28),
    }
    assert report.routing["cross_force_checks"][0] == {"force": GREATER_MANCHESTER, "because": ["subject_postcode"]}
    assert report.answers["values"]["applicant_dob"] == "1990-03-27"
    assert report.answers["values"]["subject_previous_address_1_address"] == "2 Example Road, London"
    assert not Draft.objects.exists()
    html = client.get(SENT).content.decode()
    assert "Application sent" in html
    assert "The police aim to do the first checks within 1\xa0day." in html
    decision = timezone.localtime(report.clocks.get(milestone="decision").due_at)
    assert f"by {decision.day} {decision:%B %Y}" in html
    assert "This service will not send you any emails, texts or letters about your application." in html


def test_a_forces_own_targets_set_the_clocks(forces):
    force = Force.objects.get(code=WEST_YORKSHIRE)
    ForceServiceLevel.objects.create(force=force, report_type=JOURNEY, milestone="decision", hours=24 * 21)

    report = submitted_journey_report(JOURNEY)

    assert {c.milestone: c.due_at - report.submitted_at for c in report.clocks.all()} == {
        "initial_checks": timedelta(hours=24),
        "decision": timedelta(days=21),
    }


def test_several_previous_addresses_can_be_added_without_javascript_and_all_are_checked(client, forces):
    answers = dict(
        CLARES_LAW_ANSWERS,
        subject_previous_address_1_another="yes",
        subject_previous_address_2_address="3 Example Way, Birmingham",
        subject_previous_address_2_postcode="B1 1AA",
        subject_previous_address_2_another="yes",
        subject_previous_address_3_address="4 Example Row",
        subject_previous_address_3_another="no",
    )
    walk_journey(client, JOURNEY, answers)

    send(client)

    report = Report.objects.get()
    values = report.answers["values"]
    assert [values[f"subject_previous_address_{n}_address"] for n in (1, 2, 3)] == [
        "2 Example Road, London",
        "3 Example Way, Birmingham",
        "4 Example Row",
    ]
    assert [check["force"] for check in report.routing["cross_force_checks"]] == [GREATER_MANCHESTER, MET, "E23000014"]


def test_the_next_previous_address_page_shows_those_already_added(client, db):
    answers = dict(CLARES_LAW_ANSWERS, subject_previous_address_1_another="yes")
    walk_journey(client, JOURNEY, answers, until="subject-previous-address-2")

    html = client.get(reverse("reporting:journey_page", args=[JOURNEY, "subject-previous-address-2"])).content.decode()

    assert "You have already added:" in html
    assert "<li>2 Example Road, London</li>" in html
    assert "Their previous address 2" in html


def test_an_empty_previous_address_asks_for_it_or_to_go_back(client, db):
    walk_journey(client, JOURNEY, CLARES_LAW_ANSWERS, until="subject-previous-address-1")

    response = client.post(reverse("reporting:journey_page", args=[JOURNEY, "subject-previous-address-1"]), {})

    assert "Enter the address, or go back and say there are no other addresses" in response.content.decode()


# --- any input on any page ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", [page.slug for page in FLOW.pages])
def test_any_input_gets_a_message_or_is_saved_never_an_error(client, db, slug):
    check_any_input(client, JOURNEY, slug)
