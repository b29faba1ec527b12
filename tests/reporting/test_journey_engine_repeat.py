"""Questions asked once for each of several things (Repeat): pages revealed one at a time,
each answer under its own name, and the list read back in order."""

import pytest
from django.template import Context, Template

from reporting.engine import Flow, Is, JourneyState, LongText, Option, Page, Radios, Repeat, Section, Text, Voice
from reporting.engine.forms import page_form

ADDRESSES = Repeat(
    slug="previous-address",
    section="s",
    name="previous",
    when=Is("moved", "yes"),
    title="Previous address %(number)d",
    questions=(
        LongText(name="address", label="Address", required="Enter address %(number)d", summary="Address %(number)d"),
        Text(name="dates", label="When?", summary="When at address %(number)d"),
    ),
    another="Another address?",
    another_summary="More after address %(number)d",
    limit=3,
)
FLOW = Flow(
    slug="repeat-test",
    sections=(Section("s", "Addresses"),),
    pages=(
        Page(
            slug="moved",
            section="s",
            questions=(Radios(name="moved", label="Moved?", options=(Option("yes", "Yes"), Option("no", "No"))),),
        ),
        *ADDRESSES.pages(),
        Page(slug="end", section="s", title="The end"),
    ),
)


def shown(answers: dict) -> list[str]:
    return [page.slug for page in FLOW.shown(JourneyState(answers=answers))]


def test_each_thing_gets_its_own_numbered_page_and_answer_names():
    pages = ADDRESSES.pages()

    assert [page.slug for page in pages] == ["previous-address-1", "previous-address-2", "previous-address-3"]
    assert [question.name for question in pages[1].questions] == [
        "previous_2_address",
        "previous_2_dates",
        "previous_2_another",
    ]
    voice = Voice(answers={})
    assert voice.say(pages[1].title) == "Previous address 2"
    assert voice.say(pages[1].questions[0].summary) == "Address 2"
    assert voice.say(pages[1].questions[0].required) == "Enter address 2"
    assert voice.say(pages[1].questions[2].summary) == "More after address 2"


def test_pages_are_revealed_one_at_a_time():
    assert shown({"moved": "no"}) == ["moved", "end"]
    assert shown({"moved": "yes"}) == ["moved", "previous-address-1", "end"]
    assert shown({"moved": "yes", "previous_1_another": "yes"}) == [
        "moved",
        "previous-address-1",
        "previous-address-2",
        "end",
    ]
    assert shown({"moved": "yes", "previous_1_another": "no", "previous_2_another": "yes"}) == [
        "moved",
        "previous-address-1",
        "end",
    ]


def test_the_last_page_does_not_offer_another_and_says_what_to_do_instead():
    last = ADDRESSES.pages()[-1]

    assert "previous_3_another" not in [question.name for question in last.questions]
    assert "tell the officer" in str(last.body[-1])
    assert shown({"moved": "yes", "previous_1_another": "yes", "previous_2_another": "yes"})[-2] == "previous-address-3"


def test_the_things_given_are_read_back_in_order_stopping_where_the_person_did():
    answers = {
        "moved": "yes",
        "previous_1_address": "1 High Street",
        "previous_1_dates": "2019",
        "previous_1_another": "yes",
        "previous_2_address": "2 Low Road",
        "previous_2_another": "no",
        "previous_3_address": "left behind on a closed branch",
    }

    assert ADDRESSES.items(answers) == [
        {"address": "1 High Street", "dates": "2019"},
        {"address": "2 Low Road", "dates": None},
    ]
    assert ADDRESSES.items({**answers, "moved": "no"}) == []


def test_answers_on_pages_closed_by_saying_no_more_are_not_sent():
    state = JourneyState(
        answers={
            "moved": "yes",
            "previous_1_address": "1 High Street",
            "previous_1_another": "no",
            "previous_2_address": "2 Low Road",
        },
        completed=["moved", "previous-address-1", "previous-address-2", "end"],
    )

    assert "previous_2_address" not in FLOW.answers(state)
    assert FLOW.answers(state)["previous_1_address"] == "1 High Street"


def test_check_your_answers_names_each_numbered_answer():
    state = JourneyState(
        answers={
            "moved": "yes",
            "previous_1_address": "1 High Street",
            "previous_1_another": "yes",
            "previous_2_address": "2 Low Road",
            "previous_2_another": "no",
        },
        completed=["moved", "previous-address-1", "previous-address-2", "end"],
    )

    labels = [row.label for section in FLOW.summary(state) for row in section.rows]

    assert labels == [
        "Moved?",
        "Address 1",
        "When at address 1",
        "More after address 1",
        "Address 2",
        "When at address 2",
        "More after address 2",
    ]


def test_a_page_asks_about_one_thing_and_whether_there_is_another_without_javascript():
    page = ADDRESSES.pages()[0]
    form = page_form(page, Voice(answers={}), data={"previous_1_address": "", "previous_1_another": "yes"})

    assert form.errors["previous_1_address"] == ["Enter address 1"]
    html = Template("{{ form }}").render(Context({"form": form}))
    assert "Another address?" in html
    assert 'type="radio"' in html


def test_a_repeat_needs_room_for_at_least_one_thing():
    with pytest.raises(ValueError, match="at least 1"):
        Repeat(slug="x", section="s", name="x", questions=(), title="X", another="?", another_summary="?", limit=0)


def test_each_page_after_the_first_lists_what_has_been_added_so_far():
    answers = {
        "moved": "yes",
        "previous_1_address": "1 High Street",
        "previous_1_another": "yes",
        "previous_2_address": "",
        "previous_2_dates": "",
        "previous_2_another": "yes",
    }
    pages = ADDRESSES.pages()

    assert pages[0].context(answers) == {"added": []}
    assert pages[1].context(answers) == {"added": ["1 High Street"]}
    # Nothing given about the second: its title stands in.
    assert pages[2].context(answers) == {"added": ["1 High Street", "Previous address 2"]}
    assert pages[1].template == "reporting/journey/repeat.html"
