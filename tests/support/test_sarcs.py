"""Naming the sexual assault referral centre (SARC) for where someone is, after a recent
rape or sexual assault: the data, the match by force area, the tag and the page."""

import json
import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from reporting import routing
from support.directory.sarcs import SARCS_FILE, nearest_sarcs


def test_every_sarc_has_a_name_the_areas_it_serves_and_its_sources():
    data = json.loads(SARCS_FILE.read_text(encoding="utf-8"))
    known = set(routing.forces())

    assert len(data["sarcs"]) >= 10
    for entry in data["sarcs"]:
        assert entry["name"] and entry["checked"], entry["slug"]
        assert set(entry["forces"]) <= known, entry["slug"]
        assert entry["sources"] and all(s["url"].startswith("http") and s["supports"] for s in entry["sources"])
        assert not entry["phone"] or re.fullmatch(r"0[0-9 ]{9,12}", entry["phone"]), entry["slug"]


@pytest.mark.parametrize(
    ("postcode", "name"),
    [
        ("SW1A 1AA", "The Havens"),
        ("CF10 1AA", "Ynys Saff (Safe Island) SARC"),
        ("TS1", "SARC Teesside"),
        ("PR1 1AA", "Lancashire SAFE Centre"),
        ("M1 1AA", "Saint Mary's Sexual Assault Referral Centre"),
    ],
)
def test_a_postcode_names_the_sarc_serving_its_force_area(postcode, name):
    assert [sarc.name for sarc in nearest_sarcs(postcode=postcode).sarcs] == [name]


def test_without_a_postcode_the_force_area_is_used():
    assert [sarc.name for sarc in nearest_sarcs(force_code="E23000001").sarcs] == ["The Havens"]
    assert [sarc.name for sarc in nearest_sarcs(postcode="not one", force_code="E23000013").sarcs] == ["SARC Teesside"]


def test_an_area_not_covered_has_no_sarc_and_the_nhs_finder():
    found = nearest_sarcs(postcode="CT1 1AA")  # Kent: not in the list yet

    assert found.sarcs == ()
    assert found.finder_url == "https://www.nhs.uk/sarcs"


def render(source: str, **context) -> str:
    request = RequestFactory().get("/report/rape-sexual-assault/medical-care-and-evidence/")
    return Template("{% load sarcs %}" + source).render(Context({"request": request, "csrf_token": "t", **context}))


def test_the_tag_names_the_centre_with_a_phone_number_to_tap_and_its_sources():
    page = render("{% nearest_sarc postcode %}", postcode="SW1A 1AA")

    assert "The Havens" in page
    assert 'href="tel:+442032996900"' in page
    assert "https://thehavens.org.uk/about-us/" in page
    assert "checked on 4 December 2026" in page
    assert "https://www.nhs.uk/sarcs" in page


def test_the_tag_falls_back_to_the_nhs_finder_and_can_ask_for_a_postcode():
    page = render("{% nearest_sarc None None ask=True %}")

    assert "Find your nearest SARC on the NHS website" in page
    assert f'action="{reverse("support:nearest_sarc")}"' in page
    assert 'name="return_to" value="/report/rape-sexual-assault/medical-care-and-evidence/"' in page


@pytest.mark.django_db
def test_the_nearest_sarc_page_uses_the_posted_postcode_and_keeps_nothing(client):
    back = "/report/rape-sexual-assault/medical-care-and-evidence/"

    response = client.post(reverse("support:nearest_sarc"), {"postcode": "CF10 1AA", "return_to": back})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ynys Saff (Safe Island) SARC" in page
    assert f'href="{back}"' in page
    assert "CF10" not in page
    assert "postcode" not in dict(client.session)
    assert re.search("<title>\\s*Find support \u2013", page)


@pytest.mark.django_db
def test_the_nearest_sarc_page_only_goes_back_to_this_site(client):
    response = client.post(reverse("support:nearest_sarc"), {"postcode": "CF10 1AA", "return_to": "//evil.example/"})

    assert 'href="//evil.example/"' not in response.content.decode()


@pytest.mark.django_db
def test_a_postcode_we_cannot_use_is_an_error(client):
    page = client.post(reverse("support:nearest_sarc"), {"postcode": "12345"}).content.decode()

    assert "Enter a postcode, like AA1 1AA" in page
    assert '<a href="#id_postcode">' in page
