"""Calling 999 when you cannot speak: pressing 55 (the Silent Solution) works from a mobile
only; from a landline the call stays open to the operator, who listens for signs of an
emergency (IOPC and police, "Silent Solution" guidance,
https://www.policeconduct.gov.uk/sites/default/files/Documents/research-learning/Silent_solution_guide.pdf).
Every page that tells people to press 55 says so, and the "get help now" page has a button
to call 999."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import session_with_draft_reaching

ROOT = Path(settings.BASE_DIR)
CALL_BUTTON = re.compile(r'<a href="tel:999" class="govuk-button govuk-button--warning"[^>]*>\s*Call 999')


def places_that_mention_55() -> list[Path]:
    found = []
    for folder, pattern in (("templates", "*.html"), ("reporting", "*.py"), ("support", "*.py"), ("portal", "*.py")):
        for path in (ROOT / folder).rglob(pattern):
            if re.search(r"press(es|ing)? 55|Pressing 55", path.read_text(encoding="utf-8"), re.IGNORECASE):
                found.append(path)
    return found


def test_every_page_that_mentions_pressing_55_says_it_works_from_a_mobile_only():
    places = places_that_mention_55()

    assert any(path.name == "public_base.html" for path in places)
    for path in places:
        text = path.read_text(encoding="utf-8")
        assert "mobile" in text, f"{path} explains pressing 55 without saying it works from a mobile only"
        assert "landline" in text, f"{path} does not say what happens on a landline"
        assert "Silent_solution_guide.pdf" in text, f"{path} does not cite the Silent Solution guidance"


def test_the_message_on_every_public_page_says_what_works_from_a_mobile_and_a_landline(client, db):
    html = client.get(reverse("portal:home")).content.decode()

    assert "From a mobile, press 55 when asked" in html
    assert "From a landline" in html


@pytest.mark.parametrize("journey", ["domestic-abuse", "rape-sexual-assault"])
def test_the_get_help_now_page_has_a_button_to_call_999(client, forces, journey):
    client.cookies[settings.SESSION_COOKIE_NAME] = session_with_draft_reaching("get-help-now", journey=journey)

    html = client.get(reverse("reporting:journey_page", args=[journey, "get-help-now"])).content.decode()

    assert CALL_BUTTON.search(html), html
    assert "only works from a mobile" in html
    assert "From a landline" in html
    # Still there for someone who is safe to carry on.
    assert "I am safe to carry on" in html
