"""Property-based checks that hold for any page of any journey: fed anything at all (very
long text, any Unicode, control characters, HTML and script, in every input including each
box of a date), a page answers with a validation message or saves the answer; never a
server error, and nothing typed comes back unescaped.

`check_any_input` is used by each journey's tests on each of its pages; the tests here run
it on the pages of the engine's own kinds of question (dates, repeated pages).
"""

import os
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.engine import DateInput
from reporting.engine.questions import DATE_PARTS, ChoiceQuestion
from reporting.journeys import JOURNEYS
from reporting.models import Draft
from reporting.services import draft_save
from tests.factories import ANSWERS_BY_JOURNEY, journey_state_reaching

PROBE = "<script>wm_probe()</script>"
# Examples per page; a nightly run can raise it.
EXAMPLES = int(os.environ.get("WAYMARK_FUZZ_EXAMPLES", "10"))

# Anything a browser can send: every character UTF-8 can carry (lone surrogates cannot be).
characters = st.characters(codec="utf-8")
anything = st.one_of(
    st.text(characters, max_size=50),
    st.text(characters, max_size=300),
    st.text(characters, min_size=1, max_size=3).map(lambda text: text * 5000),
    st.sampled_from([PROBE, f'"><img src=x onerror=alert(1)>{PROBE}', "\x00", "\u202e\u200b", "SW1A 1AA" + PROBE]),
    st.builds(lambda a, b: a + PROBE + b, st.text(characters, max_size=20), st.text(characters, max_size=20)),
)
date_part = st.one_of(st.integers(-5, 3000).map(str), st.sampled_from(["", " 7 ", "07", "2O24"]), anything)


def every_answer(journey: str) -> dict:
    """Every answer in the journey's answer sets, so choices that depend on earlier answers
    are offered as they would be."""
    answers, branches = ANSWERS_BY_JOURNEY[journey]
    merged: dict = {}
    for candidate in (answers, *branches):
        merged.update(candidate)
    return merged


def inputs_for(question, answers: dict) -> dict[str, st.SearchStrategy]:
    """A strategy for each input the question draws, by input name."""
    if isinstance(question, DateInput):
        return {f"{question.name}_{part}": date_part for part in range(DATE_PARTS)}
    if isinstance(question, ChoiceQuestion):
        options = [option.value for option in question.options_for(answers)]
        choice = st.one_of(st.sampled_from(options), anything) if options else anything
        return {question.name: st.lists(choice, max_size=4) if question.__class__.__name__ == "Checkboxes" else choice}
    return {question.name: anything}


def tag_like(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in values if re.search(r"<[a-zA-Z/!]", text)]


def check_any_input(client, journey: str, slug: str) -> None:
    flow = JOURNEYS[journey].flow
    page = flow.page(slug)
    url = reverse("reporting:journey_page", args=[journey, slug])
    answers = every_answer(journey)
    strategies = {
        name: strategy for question in page.questions for name, strategy in inputs_for(question, answers).items()
    }

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.fixed_dictionaries(strategies), action=st.sampled_from(["continue", "save"]))
    def check(data, action):
        draft = draft_save(draft=None, journey=journey, state=journey_state_reaching(slug, journey=journey))
        session = client.session
        session[f"reporting.draft.{journey}"] = str(draft.pk)
        session.save()

        response = client.post(url, {**data, "action": action})

        assert response.status_code in (200, 302)
        shown_again = client.get(url) if response.status_code == 302 else response
        for body in (response.content.decode(), shown_again.content.decode()):
            assert PROBE not in body
            for typed in [text for value in data.values() for text in tag_like(value)]:
                assert typed not in body
        saved = Draft.objects.get(pk=draft.pk).state
        if response.status_code == 200 and action == "continue":
            assert "govuk-error-summary" in response.content.decode() or page.terminal
        if page.asks and slug not in saved["completed"]:
            # Not finished, and nothing lost: kept as typed (not valid), or as answers to
            # come back to (valid, and saved for later).
            kept_as_answers = action == "save" and all(q.name in saved["answers"] for q in page.questions)
            assert slug in saved["unsaved"] or kept_as_answers

    check()


ENGINE_PAGES = [
    ("clares-law", "your-date-of-birth"),
    ("clares-law", "subject-date-of-birth"),
    ("clares-law", "subject-previous-address-1"),
    ("sarahs-law", "child-1"),
    ("sarahs-law", "declaration"),
]


@pytest.mark.parametrize(("journey", "slug"), ENGINE_PAGES)
def test_dates_and_repeated_pages_get_a_message_or_are_saved_never_an_error(client, db, journey, slug):
    check_any_input(client, journey, slug)
