"""What pages weigh: shared by the page-weight tests and bench/journey_bench.py."""

import gzip
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

from reporting.journeys import JOURNEYS
from tests.factories import draft_with_answers

FIRST_VISIT_ASSETS = ("waymark.css", "waymark.js", "govuk-frontend.min.js", "favicon.svg")


def client_with_draft(answers: dict, *, journey: str = "domestic-abuse") -> tuple[Client, object]:
    """A browser whose session holds a draft with these answers."""
    client = Client()
    draft = draft_with_answers(answers, journey=journey)
    session = client.session
    session[f"reporting.draft.{journey}"] = str(draft.pk)
    session.save()
    return client, draft


def journey_page_sizes(journey: str, answer_sets: list[dict]) -> dict[str, int]:
    """The HTML size of every page of a journey that one of the answer sets opens, and of
    check your answers."""
    sizes: dict[str, int] = {}
    for answers in answer_sets:
        client, _ = client_with_draft(answers, journey=journey)
        for page in JOURNEYS[journey].flow.pages:
            if page.slug not in sizes:
                response = client.get(f"/report/{journey}/{page.slug}/")
                if response.status_code == 200:
                    sizes[page.slug] = len(response.content)
    client, _ = client_with_draft(answer_sets[0], journey=journey)
    sizes["check-your-answers"] = len(client.get(f"/report/{journey}/check-your-answers/").content)
    return sizes


def first_visit_gzip_bytes(path: str) -> int:
    """What an empty cache downloads for a page: its HTML and our assets, gzip-compressed
    as WhiteNoise serves them."""
    bodies = [Client().get(path).content] + [Path(finders.find(name)).read_bytes() for name in FIRST_VISIT_ASSETS]
    return sum(len(gzip.compress(body, compresslevel=9)) for body in bodies)
