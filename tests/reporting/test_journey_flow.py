"""The engine's rules for moving through a journey, on a small journey declared here."""

import pytest
from django.utils.translation import gettext_lazy as _

from reporting.engine import (
    AllOf,
    AnyOf,
    Checkboxes,
    Flow,
    Includes,
    Is,
    JourneyState,
    Not,
    Option,
    Page,
    Perspective,
    Radios,
    Section,
    Text,
    Voice,
    When,
)

YES_NO = (Option("yes", "Yes"), Option("no", "No"))

FLOW = Flow(
    slug="test",
    sections=(Section("one", "First part"), Section("two", Perspective(me="About you", them="About them"))),
    pages=(
        Page(
            slug="who",
            section="one",
            questions=(Radios(name="who", label="Who?", options=(Option("me", "Me"), Option("them", "Them"))),),
        ),
        Page(slug="hurt", section="one", questions=(Radios(name="hurt", label="Hurt?", options=YES_NO),)),
        Page(
            slug="injuries",
            section="one",
            when=Is("hurt", "yes"),
            questions=(Text(name="injuries", label="Which injuries?"),),
        ),
        Page(slug="warning", section="two", title="Before you go on"),
        Page(
            slug="name",
            section="two",
            questions=(Text(name="name", label=Perspective(me="Your name", them="Their name")),),
        ),
        Page(slug="stop", section="two", when=Is("name", "stop"), terminal=True, title="Stop"),
        Page(slug="last", section="two", questions=(Checkboxes(name="last", label="Anything else?", options=YES_NO),)),
    ),
    someone_else=Is("who", "them"),
)


def state_after(*answered: tuple[str, dict]) -> JourneyState:
    state = JourneyState()
    for slug, cleaned in answered:
        state.record(FLOW.page(slug), cleaned)
    return state


def slugs(pages) -> list[str]:
    return [page.slug for page in pages]


def test_a_page_is_skipped_when_its_condition_fails():
    assert "injuries" not in slugs(FLOW.shown(state_after(("who", {"who": "me"}), ("hurt", {"hurt": "no"}))))
    assert "injuries" in slugs(FLOW.shown(state_after(("who", {"who": "me"}), ("hurt", {"hurt": "yes"}))))


def test_the_next_page_follows_the_branch_just_answered():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "yes"}))

    assert FLOW.next_page(FLOW.page("hurt"), state).slug == "injuries"
    state.record(FLOW.page("hurt"), {"hurt": "no"})
    assert FLOW.next_page(FLOW.page("hurt"), state).slug == "warning"


def test_the_previous_page_is_the_one_shown_before():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "no"}))

    assert FLOW.previous_page(FLOW.page("warning"), state).slug == "hurt"
    assert FLOW.previous_page(FLOW.page("who"), state) is None


def test_a_later_page_cannot_be_reached_before_the_pages_before_it_are_done():
    state = state_after(("who", {"who": "me"}))

    assert FLOW.can_visit(FLOW.page("who"), state)
    assert FLOW.can_visit(FLOW.page("hurt"), state)
    assert not FLOW.can_visit(FLOW.page("warning"), state)
    assert FLOW.first_unfinished(state).slug == "hurt"


def test_a_hidden_page_cannot_be_visited():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "no"}))

    assert not FLOW.can_visit(FLOW.page("injuries"), state)


def test_an_answer_on_a_closed_branch_is_kept_but_does_not_count():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "yes"}), ("injuries", {"injuries": "arm"}))
    state.record(FLOW.page("hurt"), {"hurt": "no"})

    assert state.answers["injuries"] == "arm"
    assert "injuries" not in FLOW.answers(state)
    state.record(FLOW.page("hurt"), {"hurt": "yes"})
    assert FLOW.answers(state)["injuries"] == "arm"


def test_a_condition_sees_only_answers_from_pages_shown_before_it():
    flow = Flow(
        slug="order",
        sections=(Section("s", "S"),),
        pages=(
            Page(slug="a", section="s", questions=(Radios(name="a", label="A", options=YES_NO),)),
            Page(slug="b", section="s", when=Is("a", "yes"), questions=(Radios(name="b", label="B", options=YES_NO),)),
            Page(slug="c", section="s", when=Is("b", "yes"), questions=(Text(name="c", label="C"),)),
        ),
    )
    state = JourneyState(answers={"a": "no", "b": "yes"}, completed=["a", "b"])

    assert slugs(flow.shown(state)) == ["a"]


def test_a_journey_is_finished_only_when_every_shown_page_is_done():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "no"}), ("warning", {}), ("name", {"name": "Sam"}))

    assert not FLOW.is_finished(state)
    state.record(FLOW.page("last"), {"last": []})
    assert FLOW.is_finished(state)


def test_a_terminal_page_stops_the_journey():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": "no"}), ("warning", {}), ("name", {"name": "stop"}))

    assert FLOW.first_unfinished(state).slug == "stop"
    assert not FLOW.can_visit(FLOW.page("last"), state)


def test_what_was_typed_on_a_page_that_did_not_validate_is_kept_until_it_does():
    state = state_after(("who", {"who": "me"}))
    state.keep_unsaved(FLOW.page("hurt"), {"hurt": "maybe"})

    assert JourneyState.from_dict(state.as_dict()).unsaved == {"hurt": {"hurt": "maybe"}}
    state.record(FLOW.page("hurt"), {"hurt": "no"})
    assert state.unsaved == {}


def test_the_journey_speaks_about_them_when_reporting_for_someone_else():
    me = state_after(("who", {"who": "me"}))
    them = state_after(("who", {"who": "them"}))

    assert FLOW.voice(me).say(FLOW.page("name").questions[0].label) == "Your name"
    assert FLOW.voice(them).say(FLOW.page("name").questions[0].label) == "Their name"


def test_wording_can_follow_an_earlier_answer():
    wording = When(Is("hurt", "yes"), "Sorry you were hurt", "Thank you")

    assert Voice(answers={"hurt": "yes"}).say(wording) == "Sorry you were hurt"
    assert Voice(answers={"hurt": "no"}).say(wording) == "Thank you"
    assert Voice(answers={}).say(None) == ""
    assert Voice(answers={}).say(_("Continue")) == "Continue"


def test_progress_names_the_section_and_counts_nothing_that_could_jump():
    state = state_after(("who", {"who": "me"}))

    progress = FLOW.progress(FLOW.page("name"), state)

    assert progress.section_title == "About you"


def test_the_summary_lists_shown_questions_by_section():
    state = state_after(
        ("who", {"who": "them"}),
        ("hurt", {"hurt": "no"}),
        ("warning", {}),
        ("name", {"name": "Sam"}),
        ("last", {"last": ["yes", "no"]}),
    )

    summary = FLOW.summary(state)

    assert [section.title for section in summary] == ["First part", "About them"]
    assert [(row.label, row.value) for row in summary[1].rows] == [
        ("Their name", "Sam"),
        ("Anything else?", ["Yes", "No"]),
    ]
    assert FLOW.record_of_questions(state)[-1] == {
        "section": "About them",
        "name": "last",
        "question": "Anything else?",
        "answer": "Yes\nNo",
    }


def test_unanswered_questions_say_so_on_the_summary():
    state = state_after(("who", {"who": "me"}), ("hurt", {"hurt": ""}))

    rows = {row.label: row.value for section in FLOW.summary(state) for row in section.rows}

    assert rows["Hurt?"] == "Not answered"


@pytest.mark.parametrize(
    "pages,problem",
    [
        ((Page(slug="a", section="s"), Page(slug="a", section="s")), "duplicate page a"),
        ((Page(slug="save", section="s"),), "reserved page slug save"),
        ((Page(slug="a", section="nope"),), "unknown section nope"),
        (
            (
                Page(slug="a", section="s", questions=(Text(name="x", label="X"),)),
                Page(slug="b", section="s", questions=(Text(name="x", label="X"),)),
            ),
            "duplicate question x",
        ),
    ],
)
def test_a_wrongly_declared_journey_fails_at_import(pages, problem):
    with pytest.raises(ValueError, match=problem):
        Flow(slug="bad", sections=(Section("s", "S"),), pages=pages)


@pytest.mark.parametrize(
    "condition,answers,expected",
    [
        (Is("a", "x", "y"), {"a": "y"}, True),
        (Is("a", "x"), {}, False),
        (Includes("a", "x"), {"a": ["w", "x"]}, True),
        (Includes("a", "x"), {"a": None}, False),
        (Not(Is("a", "x")), {"a": "x"}, False),
        (AllOf(Is("a", "x"), Is("b", "y")), {"a": "x", "b": "n"}, False),
        (AnyOf(Is("a", "x"), Is("b", "y")), {"a": "n", "b": "y"}, True),
    ],
)
def test_conditions(condition, answers, expected):
    assert condition(answers) is expected


def test_a_page_saved_to_come_back_to_keeps_its_answers_but_is_not_done():
    state = state_after(("who", {"who": "me"}))

    state.record(FLOW.page("hurt"), {"hurt": "yes"}, finished=False)

    assert state.answers["hurt"] == "yes"
    assert FLOW.first_unfinished(state).slug == "hurt"
    assert "hurt" not in FLOW.answers(state)
