"""Sarah's Law: the application as declared, walked through its views, routed by where the
child lives with the subject's force recorded for checks, ending in a declaration, and sent
with its three clocks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.engine import JourneyState, Voice
from reporting.journeys import JOURNEYS, flow_for
from reporting.journeys.sarahs_law import CHILD_LIMIT, CHILDREN, SARAHS_LAW
from reporting.models import Draft, Force, ForceServiceLevel, Report
from tests.factories import SARAHS_LAW_ANSWERS, SARAHS_LAW_BRANCHES, submitted_journey_report, walk_journey
from tests.reporting.test_journey_engine_properties import check_any_input

JOURNEY = "sarahs-law"
FLOW = SARAHS_LAW
CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])
SOUTH_WALES, AVON_AND_SOMERSET, GLOUCESTERSHIRE = "W15000003", "E23000036", "E23000037"

MUST_ANSWER = {
    "applicant_name",
    "subject_name",
    "council_area",
    "police_force",
    "split_force",
    "phone",
    "email",
    "postal_address",
    "trusted_phone",
    "declaration",
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


def test_check_your_answers_labels_are_unique_so_each_change_link_says_what_it_changes():
    voice = Voice(answers={})
    labels = [voice.say(q.summary or q.label) for q in questions(FLOW)]

    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)


def test_before_starting_it_says_it_is_about_one_specific_person_and_not_a_report():
    first = FLOW.pages[0]
    text = " ".join(str(paragraph) for paragraph in first.body)

    assert first.slug == "before-you-start"
    assert not first.asks
    assert "You can only ask about one person in each application." in text
    assert "This form is not for reporting a crime." in text
    assert "the person best placed to protect the child, usually a parent, carer or guardian" in text
    assert "999" in str(first.warning)
    assert "You can only ask about one specific person." in map(str, JOURNEYS[JOURNEY].before_you_start)


def test_the_subject_is_described_by_names_age_address_connection_and_contact():
    subject = {q.name for page in FLOW.pages if page.section == "subject" for q in page.questions}

    assert subject == {
        "subject_name",
        "subject_other_names",
        "subject_dob",
        "subject_age",
        "subject_address",
        "subject_postcode",
        "subject_connection",
        "subject_contact",
    }


def test_each_child_is_asked_about_on_its_own_page_up_to_a_limit():
    assert shown(SARAHS_LAW_ANSWERS).count("child-1") == 1
    assert "child-2" not in shown(SARAHS_LAW_ANSWERS)
    assert f"child-{CHILD_LIMIT}" in shown(SARAHS_LAW_BRANCHES[0])
    assert [item["name"] for item in CHILDREN.items(SARAHS_LAW_BRANCHES[0])] == [
        f"Child {n}" for n in range(1, CHILD_LIMIT + 1)
    ]


def test_the_declaration_says_it_is_not_a_report_information_may_be_shared_and_misuse_has_consequences():
    page = FLOW.page("declaration")
    text = " ".join(str(paragraph) for paragraph in page.body)

    assert page == FLOW.pages[-1]
    assert "It is not a report of a crime." in text
    assert "children's social care, schools, health services and probation" in text
    assert "the police may take action against you" in text


# --- routing ----------------------------------------------------------------------------------


def test_it_goes_to_the_force_where_the_child_lives_and_the_subjects_force_checks_its_records():
    decision = FLOW.routing(SARAHS_LAW_ANSWERS)

    assert decision.force_code == SOUTH_WALES
    assert decision.as_record()["cross_force_checks"] == [{"force": AVON_AND_SOMERSET, "because": ["subject_postcode"]}]


def test_without_the_childs_postcode_the_council_area_decides():
    answers = SARAHS_LAW_BRANCHES[2]

    assert {"council-area", "police-force"} <= set(shown(answers))
    assert FLOW.routing(answers).force_code == SOUTH_WALES


# --- through the views ------------------------------------------------------------------------


def test_sending_puts_the_application_in_the_right_forces_queue_with_its_clocks(client, forces):
    walk_journey(client, JOURNEY, SARAHS_LAW_ANSWERS)
    assert "Send application" in client.get(CHECK).content.decode()

    response = send(client)

    assert response["Location"] == SENT
    report = Report.objects.get()
    assert (report.force.code, report.report_type) == (SOUTH_WALES, JOURNEY)
    assert {c.milestone: c.due_at - report.submitted_at for c in report.clocks.all()} == {
        "initial_checks": timedelta(hours=24),
        "interview": timedelta(days=10),
        "complete": timedelta(days=45),
    }
    assert report.answers["values"]["declaration"] == ["agreed"]
    assert report.answers["values"]["child_1_dob"] == "2016-05-01"
    assert not Draft.objects.exists()
    html = client.get(SENT).content.decode()
    assert "Application sent" in html
    for milestone, words in (("interview", "talk to you about your application by"), ("complete", "finish by")):
        due = timezone.localtime(report.clocks.get(milestone=milestone).due_at)
        assert f"{words} {due.day} {due:%B %Y}" in html
    assert "This might not be you." in html


def test_a_forces_own_targets_set_the_clocks(forces):
    force = Force.objects.get(code=SOUTH_WALES)
    ForceServiceLevel.objects.create(force=force, report_type=JOURNEY, milestone="interview", hours=24 * 5)

    report = submitted_journey_report(JOURNEY)

    assert {c.milestone: c.due_at - report.submitted_at for c in report.clocks.all()}["interview"] == timedelta(days=5)


def test_the_declaration_must_be_agreed_to_send(client, db):
    walk_journey(client, JOURNEY, SARAHS_LAW_ANSWERS, until="declaration")

    response = client.post(reverse("reporting:journey_page", args=[JOURNEY, "declaration"]), {})

    assert "Confirm that you understand and agree, to send your application" in response.content.decode()
    assert client.get(CHECK)["Location"].endswith("/declaration/")


def test_a_border_postcode_for_the_child_asks_which_force(client, forces):
    walk_journey(client, JOURNEY, dict(SARAHS_LAW_ANSWERS, child_postcode="NP16 1AA", split_force=GLOUCESTERSHIRE))

    send(client)

    report = Report.objects.get()
    assert report.force.code == GLOUCESTERSHIRE
    assert report.routing["rule"] == "force_choice"


# --- any input on any page ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", [page.slug for page in FLOW.pages])
def test_any_input_gets_a_message_or_is_saved_never_an_error(client, db, slug):
    check_any_input(client, JOURNEY, slug)
