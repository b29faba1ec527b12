"""The directory covers the national and devolved services a person in England or Wales
would expect, each with its sources, and each journey signposts what suits it."""

import json
from datetime import datetime

import pytest
import time_machine

from reporting.journeys import JOURNEYS
from support.directory import services_for
from support.directory.services import NATIONAL_SERVICES_FILE
from support.opening_hours import LONDON

MONDAY_MORNING = datetime(2026, 6, 1, 11, 0, tzinfo=LONDON)

EXPECTED = {
    "live-fear-free": "0808 80 10 800",
    "nspcc-helpline": "0808 800 5000",
    "childline": "0800 1111",
    "mens-advice-line": "0808 801 0327",
    "galop-lgbt-domestic-abuse-helpline": "0800 999 5428",
    "karma-nirvana": "0800 5999 247",
    "forced-marriage-unit": "020 7008 0151",
    "stop-it-now": "0808 1000 900",
    "victim-support-supportline": "0808 168 9111",
    "rape-crisis-24-7-support-line": "0808 500 2222",
    "national-stalking-helpline": "0808 802 0300",
}


def entries() -> dict[str, dict]:
    data = json.loads(NATIONAL_SERVICES_FILE.read_text(encoding="utf-8"))
    return {entry["slug"]: entry for entry in data["services"]}


@pytest.mark.parametrize(("slug", "phone"), EXPECTED.items())
def test_the_expected_national_services_are_listed_with_their_sources(slug, phone):
    entry = entries().get(slug)

    assert entry is not None, slug
    assert entry["phone"] == phone
    assert entry["sources"] and all(source["url"].startswith("http") for source in entry["sources"])
    assert entry["checked"]


def needs_of(slug: str, answers: dict | None = None) -> set[str]:
    return set(JOURNEYS[slug].signposting_needs(answers or {}))


def names(needs: set[str], force_code: str | None = None) -> list[str]:
    with time_machine.travel(MONDAY_MORNING, tick=False):
        listings = services_for(needs=needs, force_code=force_code, now=MONDAY_MORNING)
    return [listing.service.name for listing in listings]


@pytest.mark.django_db
@pytest.mark.usefixtures("national_services")
def test_sarahs_law_applicants_are_not_sent_to_rape_crisis_lines_as_if_they_had_been_assaulted():
    listed = names(needs_of("sarahs-law"))

    assert "Stop It Now helpline" in listed
    assert "NSPCC Helpline" in listed
    assert not any("Rape Crisis" in name or "SARC" in name for name in listed), listed


@pytest.mark.django_db
@pytest.mark.usefixtures("national_services")
def test_someone_worried_about_their_own_behaviour_still_is_not_sent_to_the_nspcc_helpline():
    listed = names({"own_behaviour", "sexual_violence"})

    assert "Stop It Now helpline" in listed
    assert "NSPCC Helpline" not in listed


@pytest.mark.django_db
@pytest.mark.usefixtures("national_services")
def test_live_fear_free_is_suggested_in_wales_and_only_there():
    south_wales, met = "W15000003", "E23000001"

    assert names({"domestic_abuse"}, south_wales)[0] == "Live Fear Free helpline"
    assert "Live Fear Free helpline" in names({"sexual_violence"}, south_wales)
    assert "Live Fear Free helpline" not in names({"domestic_abuse"}, met)
    assert "Live Fear Free helpline" not in names({"domestic_abuse"})


@pytest.mark.django_db
@pytest.mark.usefixtures("national_services")
def test_the_directory_lists_the_services_for_people_in_wales(client):
    page = client.get("/support-services/").content.decode()

    wales = page.index('id="wales"')
    assert wales < page.index("Live Fear Free helpline", wales)
