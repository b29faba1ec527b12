"""Answers another answer rules out (Forget): deleted from the draft as soon as the deciding
page is answered, and never part of what is sent, whatever the draft holds."""

from reporting.engine import Flow, Forget, Is, JourneyState, Not, Option, Page, Phone, Radios, Section, Text

ANONYMOUS = Is("mode", "anonymous")
NAME = Page(slug="name", section="s", when=Not(ANONYMOUS), questions=(Text(name="name", label="Name"),))
PHONE = Page(slug="phone", section="s", when=Not(ANONYMOUS), questions=(Phone(name="phone", label="Phone"),))
MODE = Page(
    slug="mode",
    section="s",
    questions=(
        Radios(name="mode", label="How?", options=(Option("named", "Named"), Option("anonymous", "Anonymously"))),
    ),
    forgets=(Forget(when=ANONYMOUS, pages=(NAME, PHONE)),),
)
STORY = Page(slug="story", section="s", questions=(Text(name="story", label="What happened?"),))
FLOW = Flow(slug="forget-test", sections=(Section("s", "S"),), pages=(MODE, NAME, PHONE, STORY))


def named_state() -> JourneyState:
    state = JourneyState()
    state.record(MODE, {"mode": "named"})
    state.record(NAME, {"name": "Canary Name"})
    state.keep_unsaved(PHONE, {"phone": "07700 not a number"})
    state.record(STORY, {"story": "It happened."})
    return state


def test_choosing_to_be_anonymous_deletes_what_was_given_and_typed_at_once():
    state = named_state()

    state.record(MODE, {"mode": "anonymous"})

    assert state.answers == {"mode": "anonymous", "story": "It happened."}
    assert state.unsaved == {}
    assert "Canary" not in repr(state.as_dict())
    assert "07700" not in repr(state.as_dict())


def test_pages_ruled_out_count_as_not_done_so_choosing_otherwise_asks_them_again():
    state = named_state()
    state.record(MODE, {"mode": "anonymous"})

    state.record(MODE, {"mode": "named"})

    assert "name" not in state.completed
    assert FLOW.first_unfinished(state).slug == "name"


def test_answers_ruled_out_are_never_sent_even_if_a_draft_still_holds_them():
    # A draft saved before the rule existed, or put together some other way.
    state = JourneyState(
        answers={"mode": "anonymous", "name": "Canary Name", "phone": "07700 900982", "story": "It happened."},
        completed=["mode", "name", "phone", "story"],
    )

    assert FLOW.answers(state) == {"mode": "anonymous", "story": "It happened."}
    summary = [(row.label, row.value) for section in FLOW.summary(state) for row in section.rows]
    assert summary == [("How?", "Anonymously"), ("What happened?", "It happened.")]
    assert "Canary" not in repr(FLOW.record_of_questions(state))


def test_nothing_is_forgotten_while_the_rule_does_not_apply():
    state = named_state()

    assert FLOW.forgotten(FLOW.answers(state)) == frozenset()
    assert state.answers["name"] == "Canary Name"
