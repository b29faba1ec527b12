"""Finding your way through a journey (issue 11): a caption that never jumps, Back from check
your answers to the last question, and an honest time on every start page."""

import math
import re

import pytest
from django.test import Client

from reporting.engine import Checkboxes, JourneyState, LongText, Radios, Select
from reporting.journeys import JOURNEYS, flow_for
from tests.factories import ANSWERS_BY_JOURNEY, page_data
from tests.pages import client_with_draft
from tests.third_party import FILLERS, for_someone_else, third_party_answer_sets

CAPTION = re.compile(r'<span class="govuk-caption-l">\s*(.*?)\s*</span>', re.S)


def _every_answer_set(journey: str) -> list[dict]:
    """The factories' sets (filled in where a branch asks for more), then as a third party."""
    main, branches = ANSWERS_BY_JOURNEY[journey]
    return [{**FILLERS, **answers} for answers in (main, *branches)] + third_party_answer_sets(journey)


def _captions(journey: str, answers: dict) -> list[tuple[str, str, str]]:
    """(page, caption, <title>) of every page on the way, answered as a person would."""
    flow = flow_for(journey)
    client = Client()
    seen = []
    url = f"/report/{journey}/{flow.pages[0].slug}/"
    for _ in range(200):
        slug = url.split("?")[0].rstrip("/").split("/")[-1]
        if slug == "check-your-answers":
            return seen
        html = client.get(url).content.decode()
        title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
        seen.append((slug, CAPTION.search(html).group(1), title))
        page = flow.page(slug)
        if page.terminal:
            return seen
        response = client.post(url, page_data(page, answers))
        assert response.status_code == 302, slug
        url = response["Location"]
    raise AssertionError("The journey did not end")


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_the_caption_never_jumps_back_and_never_changes_its_total(db, journey):
    """Along every branch, as a victim and as a third party: the section caption only moves
    forwards through the journey's sections, states no count that later answers change,
    and a page's caption is the same whichever way the person came to it."""
    flow = flow_for(journey)
    order = {section.key: index for index, section in enumerate(flow.sections)}
    by_page: dict[tuple[str, bool], set[str]] = {}
    for answers in _every_answer_set(journey):
        them = bool(flow.someone_else(answers))
        walk = _captions(journey, answers)
        positions = [order[flow.page(slug).section] for slug, _caption, _title in walk]
        assert positions == sorted(positions), walk
        totals = {m.group(2) for _slug, caption, _title in walk if (m := re.search(r"(\d+) of (\d+)", caption))}
        assert len(totals) <= 1, walk
        for slug, caption, title in walk:
            by_page.setdefault((slug, them), set()).add(caption)
            # The <title> names the section too (never the question: history keeps titles).
            assert caption in title
    changing = {key: captions for key, captions in by_page.items() if len(captions) > 1}
    assert not changing


def test_the_caption_names_the_section_only(client, db):
    html = client.get("/report/domestic-abuse/in-danger/").content.decode()

    assert CAPTION.search(html).group(1) == "Right now"
    assert " of " not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_back_on_check_your_answers_goes_to_the_last_question(db, journey):
    answers = ANSWERS_BY_JOURNEY[journey][0]
    client, _draft = client_with_draft(answers, journey=journey)
    last = flow_for(journey).shown(JourneyState(answers=dict(answers)))[-1]

    html = client.get(f"/report/{journey}/check-your-answers/").content.decode()

    back = re.search(r'<a href="([^"]+)" class="govuk-back-link"', html).group(1)
    assert back == f"/report/{journey}/{last.slug}/"


# How long a journey takes, measured on its main paths (the factories' complete answers, for
# oneself and for someone else, whichever is longer): 10 seconds to read each page and carry
# on, 15 seconds for each choice (radios, checkboxes, a list), 30 seconds for each short
# answer typed (a name, a date, a postcode, a phone number, an address), and 2 minutes for
# each longer answer in the person's own words (most can be left empty; someone who writes at length
# takes longer). Rounded up to the next 5 minutes. A journey declares the figure
# (Journey.minutes); it must stay within 5 minutes of this measure as pages change.
SECONDS_PER_PAGE = 10
SECONDS_PER_CHOICE = 15
SECONDS_PER_SHORT_ANSWER = 30
SECONDS_PER_LONG_ANSWER = 120
# A box for an address (or a few lines) holds at most this much: a short answer.
ADDRESS_LENGTH = 500


def measured_minutes(journey: str) -> int:
    flow = flow_for(journey)
    main = ANSWERS_BY_JOURNEY[journey][0]
    longest = 0
    for answers in (main, for_someone_else(journey, main)):
        pages = flow.shown(JourneyState(answers=dict(answers)))
        seconds = SECONDS_PER_PAGE * len(pages)
        for question in (question for page in pages for question in page.questions):
            if isinstance(question, LongText) and question.max_length > ADDRESS_LENGTH:
                seconds += SECONDS_PER_LONG_ANSWER
            elif isinstance(question, Radios | Checkboxes | Select):
                seconds += SECONDS_PER_CHOICE
            else:
                seconds += SECONDS_PER_SHORT_ANSWER
        longest = max(longest, seconds)
    return 5 * math.ceil(longest / 60 / 5)


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_every_start_page_gives_an_honest_time(client, db, journey):
    declared = JOURNEYS[journey].minutes
    assert abs(declared - measured_minutes(journey)) <= 5, (declared, measured_minutes(journey))

    text = re.sub(r"\s+", " ", client.get(f"/report/{journey}/").content.decode())

    assert f"It takes about {declared} minutes" in text
