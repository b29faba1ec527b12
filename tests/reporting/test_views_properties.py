"""Property-based tests: every page of the journey, fed anything at all (very long text,
any Unicode, control characters, HTML and script), answers with a validation message or
saves the answer; never a server error, and nothing typed comes back unescaped."""

import os
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.journey.questions import ChoiceQuestion
from reporting.journeys.domestic_abuse import DOMESTIC_ABUSE
from reporting.models import Draft
from reporting.services import draft_save
from tests.factories import DOMESTIC_ABUSE_BRANCHES, journey_state_at

PROBE = "<script>wm_probe()</script>"
# Examples per page; a nightly run can raise it.
EXAMPLES = int(os.environ.get("WAYMARK_FUZZ_EXAMPLES", "10"))


def test_the_answer_sets_reach_every_page():
    for page in DOMESTIC_ABUSE.pages:
        assert journey_state_at(page.slug)


# Anything a browser can send: every character UTF-8 can carry (lone surrogates cannot be).
characters = st.characters(codec="utf-8")
anything = st.one_of(
    st.text(characters, max_size=50),
    st.text(characters, max_size=300),
    st.text(characters, min_size=1, max_size=3).map(lambda text: text * 5000),
    st.sampled_from([PROBE, f'"><img src=x onerror=alert(1)>{PROBE}', "\x00", "\u202e\u200b", "SW1A 1AA" + PROBE]),
    st.builds(lambda a, b: a + PROBE + b, st.text(characters, max_size=20), st.text(characters, max_size=20)),
)


def values_for(question) -> st.SearchStrategy:
    if isinstance(question, ChoiceQuestion):
        options = [
            option.value for option in question.options_for(DOMESTIC_ABUSE_BRANCHES[2] | DOMESTIC_ABUSE_BRANCHES[3])
        ]
        choice = st.one_of(st.sampled_from(options), anything) if options else anything
        return st.lists(choice, max_size=4) if question.__class__.__name__ == "Checkboxes" else choice
    return anything


def tag_like(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in values if re.search(r"<[a-zA-Z/!]", text)]


@pytest.mark.parametrize("slug", [page.slug for page in DOMESTIC_ABUSE.pages])
def test_any_input_gets_a_message_or_is_saved_never_an_error(client, db, slug):
    page = DOMESTIC_ABUSE.page(slug)
    url = reverse("reporting:journey_page", args=[DOMESTIC_ABUSE.slug, slug])
    fields = st.fixed_dictionaries({question.name: values_for(question) for question in page.questions})

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=fields, action=st.sampled_from(["continue", "save"]))
    def check(data, action):
        draft = draft_save(draft=None, journey=DOMESTIC_ABUSE.slug, state=journey_state_at(slug))
        session = client.session
        session[f"reporting.draft.{DOMESTIC_ABUSE.slug}"] = str(draft.pk)
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


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=anything)
def test_any_return_code_gets_a_message_never_an_error(client, db, code):
    response = client.post(reverse("reporting:journey_resume", args=[DOMESTIC_ABUSE.slug]), {"code": code})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert PROBE not in response.content.decode()
