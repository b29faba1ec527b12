"""The safe-contact panel at the top of a report: what staff must know before contacting
anyone, in the words the person saw when they answered."""

from reporting import triage
from reporting.journeys import flow_for
from tests.factories import DOMESTIC_ABUSE_ANSWERS, DOMESTIC_ABUSE_BRANCHES, journey_state

JOURNEY = "domestic-abuse"


def recorded(answers: dict, *, journey: str = JOURNEY) -> tuple[dict, list[dict]]:
    """The values and the record of the questions a report keeps, for these answers."""
    flow = flow_for(journey)
    state = journey_state(answers, journey=journey)
    return flow.answers(state), flow.record_of_questions(state)


def test_an_old_report_shows_the_contact_questions_as_the_person_saw_them():
    values, asked = recorded(
        dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["call", "text"], safe_days=["weekdays"], safe_times=["evening"])
    )
    # The report was sent when the journey worded these questions differently.
    for entry in asked:
        if entry["name"] == "contact_methods":
            entry.update(question="How can we get in touch?", answer="Ring me\nSend a text")
        if entry["name"] == "safe_times":
            entry.update(question="Which part of the day is safe?", answer="After 5pm")

    panel = triage.safe_contact(JOURNEY, values, asked=asked)

    assert panel.methods == ["Ring me", "Send a text"]
    assert triage.Row("Which part of the day is safe?", "After 5pm") in panel.times
    # What the record does not change still reads as it was given.
    assert triage.Row("Safe days", "Weekdays (Monday to Friday)") in panel.times
    assert panel.no_voicemail and not panel.do_not_contact


def test_an_answer_the_record_lacks_is_read_with_todays_wording():
    values, asked = recorded(dict(DOMESTIC_ABUSE_ANSWERS, contact_methods=["call"]))
    # Records kept before they named their answers, or missing a question, name nothing.
    without_names = [{key: value for key, value in entry.items() if key != "name"} for entry in asked]
    for entry in without_names:
        entry["question"] = "Reworded"

    assert triage.safe_contact(JOURNEY, values, asked=without_names) == triage.safe_contact(JOURNEY, values)
    assert triage.safe_contact(JOURNEY, values, asked=[]) == triage.safe_contact(JOURNEY, values)


EVERY_PANEL_ROW = dict(
    DOMESTIC_ABUSE_ANSWERS,
    contact_methods=["call", "voicemail", "email", "letter"],
    email="alex@example.com",
    postal_address="1 High Street\nLondon\nSW1A 1AA",
    safe_days=["weekdays", "weekends"],
    safe_times=["morning"],
    safe_times_detail="Not after 6pm",
    trusted_contact="yes",
    trusted_name="Sam",
    trusted_relationship="Sister",
    trusted_phone="07700 900983",
    language="Welsh",
    interpreter="yes",
    access_needs="Large print",
)


def test_a_record_in_todays_wording_reads_exactly_as_today():
    for answers in (DOMESTIC_ABUSE_ANSWERS, EVERY_PANEL_ROW, *DOMESTIC_ABUSE_BRANCHES):
        values, asked = recorded(answers)
        assert triage.safe_contact(JOURNEY, values, asked=asked) == triage.safe_contact(JOURNEY, values)
