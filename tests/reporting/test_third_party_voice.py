"""Someone reporting for another person is spoken to as who they are (issue 11).

Every journey is walked through its views as a third party, with the factories' answer sets
(tests/third_party.py), and every page, check your answers and the confirmation are read:
no hint, "why we ask", body or advice may speak to the reporter as if it had happened to
them. Before the journey knows who it is about, its pages speak neutrally.
"""

import re

import pytest
from django.test import Client

from reporting.journeys import JOURNEYS, flow_for
from support.directory.services import national_services_sync
from tests.factories import page_data
from tests.third_party import NOT_FOR_SOMEONE_ELSE, third_party_answer_sets, victim_phrases, visible_text


def _walk(journey: str, answers: dict) -> dict[str, str]:
    """Every page the answers lead to, then check your answers and the confirmation:
    the visible text of each, by page."""
    flow = flow_for(journey)
    client = Client()
    texts: dict[str, str] = {}
    url = f"/report/{journey}/{flow.pages[0].slug}/"
    for _ in range(200):
        slug = url.split("?")[0].rstrip("/").split("/")[-1]
        response = client.get(url)
        assert response.status_code == 200, (slug, response.status_code)
        texts[slug] = visible_text(response.content.decode())
        if slug == "check-your-answers":
            break
        page = flow.page(slug)
        if page.terminal:
            return texts
        response = client.post(url, page_data(page, answers))
        assert response.status_code == 302, (slug, visible_text(response.content.decode())[:500])
        url = response["Location"]
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(url).content.decode()).group(1)
    response = client.post(url, {"submission_key": key}, follow=True)
    assert response.redirect_chain[-1][0].endswith("/sent/")
    texts["sent"] = visible_text(response.content.decode())
    return texts


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_no_page_speaks_to_someone_reporting_for_another_as_if_it_happened_to_them(client, forces, journey):
    national_services_sync()
    problems = []
    visited: set[str] = set()
    for answers in third_party_answer_sets(journey):
        for slug, text in _walk(journey, answers).items():
            visited.add(slug)
            problems += [f"{slug}: ...{phrase}..." for phrase in victim_phrases(journey, slug, text)]
    assert not problems, "\n".join(sorted(set(problems)))
    # Every page a third party can see was read, and the confirmation page too.
    unread = {page.slug for page in flow_for(journey).pages} - visited - NOT_FOR_SOMEONE_ELSE[journey]
    assert not unread
    assert {"check-your-answers", "sent"} <= visited


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_before_the_journey_knows_who_it_is_about_it_speaks_neutrally(client, db, journey):
    """The first page, before any answer, says nothing only a victim should hear."""
    flow = flow_for(journey)
    text = visible_text(client.get(f"/report/{journey}/{flow.pages[0].slug}/").content.decode())
    assert not victim_phrases(journey, flow.pages[0].slug, text)


def test_forensic_advice_for_someone_else_is_about_the_person_it_happened_to(client, db):
    """The evidence page, reached by a teacher reporting for a student, tells them what the
    student can do, not what they should do with their own clothes."""
    from tests.factories import journey_state_reaching
    from tests.pages import client_with_draft

    state = journey_state_reaching("medical-care-and-evidence", journey="rape-sexual-assault")
    answers = dict(state.answers, report_mode="someone_else")
    teacher, _ = client_with_draft(answers, journey="rape-sexual-assault")
    text = visible_text(teacher.get("/report/rape-sexual-assault/medical-care-and-evidence/").content.decode())
    assert "keep the clothes they were wearing" in text
    assert "clothes you were wearing" not in text

    victim, _ = client_with_draft(state.answers, journey="rape-sexual-assault")
    text = visible_text(victim.get("/report/rape-sexual-assault/medical-care-and-evidence/").content.decode())
    assert "keep the clothes you were wearing" in text


@pytest.mark.parametrize("journey", list(JOURNEYS))
def test_someone_reporting_for_another_is_offered_support_for_themselves(forces, journey):
    """The confirmation page speaks to them as a supporter and lists services that help
    friends, family and supporters; the person it happened to, reporting for themselves,
    does not read it."""
    national_services_sync()
    if journey != "sarahs-law":
        # Sarah's Law lists services for adults worried about a child (child_safety) to
        # every applicant: they are always asking for someone else.
        for answers in third_party_answer_sets(journey):
            assert "supporters" in JOURNEYS[journey].signposting_needs(answers)
    supporter = _walk(journey, third_party_answer_sets(journey)[0])["sent"]
    assert "Support for you" in supporter
    assert "also help friends, family and people supporting someone" in supporter
    assert "Support you can contact" in supporter
    if not JOURNEYS[journey].application:
        assert "what the police must do for the person it happened to" in supporter


@pytest.mark.parametrize("journey", ["domestic-abuse", "rape-sexual-assault", "clares-law"])
def test_someone_reporting_for_themselves_is_not_spoken_to_as_a_supporter(forces, journey):
    from tests.factories import ANSWERS_BY_JOURNEY

    national_services_sync()
    answers = {**ANSWERS_BY_JOURNEY[journey][0], "email": "a@example.com"}
    assert "supporters" not in JOURNEYS[journey].signposting_needs(answers)
    sent = _walk(journey, answers)["sent"]
    assert "Support for you" not in sent
    if not JOURNEYS[journey].application:
        assert "The Victims' Code sets out what the police must do for you." in sent
