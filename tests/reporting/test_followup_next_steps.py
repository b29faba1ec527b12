"""Where a confirmation tells the person how to add something or give a way to contact them
later, it points to "Your report" (the reference and private code shown on the same page),
with 101 kept for a lost code; and so does Clare's Law's "Do not contact me" hint."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    CLARES_LAW_ANSWERS,
    DOMESTIC_ABUSE_ANSWERS,
    RAPE_SEXUAL_ASSAULT_ANSWERS,
    SARAHS_LAW_ANSWERS,
    submitted_journey_report,
    walk_journey,
)
from tests.reporting.test_confirmation import ANONYMOUS, confirmation, words

NO_CONTACT = {"contact_methods": ["none"], "phone": ""}

CASES = {
    "rape-sexual-assault anonymous": ("rape-sexual-assault", ANONYMOUS),
    "rape-sexual-assault no contact": ("rape-sexual-assault", RAPE_SEXUAL_ASSAULT_ANSWERS | NO_CONTACT),
    "domestic-abuse no contact": ("domestic-abuse", DOMESTIC_ABUSE_ANSWERS | NO_CONTACT),
    "clares-law no contact": ("clares-law", CLARES_LAW_ANSWERS | NO_CONTACT),
    "sarahs-law no contact": ("sarahs-law", SARAHS_LAW_ANSWERS | NO_CONTACT),
}


@pytest.mark.parametrize(("journey", "answers"), CASES.values(), ids=CASES.keys())
def test_the_next_steps_point_to_your_report_with_101_for_a_lost_code(client, forces, journey, answers):
    report = submitted_journey_report(journey, {k: v for k, v in answers.items() if v != ""})

    html = words(confirmation(client, report))
    next_steps = html.split('id="follow-up"')[0]
    later = [p for p in re.findall(r"<p[^>]*>(.*?)</p>", next_steps) if "give your reference number" in p]

    assert later, "the next steps say how to add something or give a way to contact later"
    for paragraph in later:
        assert "Your report" in paragraph and "call 101" in paragraph


def test_clares_laws_do_not_contact_me_hint_points_to_your_report(client, db):
    walk_journey(client, "clares-law", CLARES_LAW_ANSWERS, until="contact-methods")
    page = client.get(reverse("reporting:journey_page", args=["clares-law", "contact-methods"]))

    html = words(page.content.decode())

    assert "Your report" in html and "call 101 and give your reference number" in html
