"""After a recent rape or sexual assault, the journey's advice page and its confirmation
page name the sexual assault referral centre for the area, through support's tag."""

import pytest
from django.urls import reverse

from reporting.models import Report
from tests.factories import RAPE_SEXUAL_ASSAULT_ANSWERS, walk_journey

JOURNEY = "rape-sexual-assault"
ADVICE = reverse("reporting:journey_page", args=[JOURNEY, "medical-care-and-evidence"])
CHECK = reverse("reporting:journey_check_answers", args=[JOURNEY])
SENT = reverse("reporting:journey_sent", args=[JOURNEY])


def send(client):
    return client.post(CHECK, {"submission_key": client.get(CHECK).context["submission_key"]})


@pytest.mark.django_db
def test_the_advice_page_offers_to_name_the_centre_for_a_postcode(client):
    walk_journey(
        client,
        JOURNEY,
        dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes", when_roughly="yesterday"),
        until="medical-care-and-evidence",
    )

    page = client.get(ADVICE).content.decode()

    assert "Your nearest sexual assault referral centre (SARC)" in page
    assert f'action="{reverse("support:nearest_sarc")}"' in page
    assert f'name="return_to" value="{ADVICE}"' in page
    assert "https://www.nhs.uk/sarcs" in page


@pytest.mark.django_db
def test_the_advice_page_names_the_centre_once_a_postcode_is_known(client):
    walk_journey(
        client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes", when_roughly="yesterday")
    )  # incident in SW1A

    page = client.get(ADVICE).content.decode()

    assert "The Havens" in page
    assert 'href="tel:+442032996900"' in page


@pytest.mark.django_db
def test_the_confirmation_of_a_recent_assault_names_the_centre_and_its_phone(client, forces):
    walk_journey(client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="yes", when_roughly="yesterday"))
    send(client)
    assert Report.objects.exists()

    page = client.get(SENT).content.decode()

    assert "Your nearest sexual assault referral centre (SARC)" in page
    assert "The Havens" in page
    assert "020 3299 6900" in page


@pytest.mark.django_db
def test_the_confirmation_of_an_old_assault_names_no_centre(client, forces):
    walk_journey(client, JOURNEY, dict(RAPE_SEXUAL_ASSAULT_ANSWERS, recent="no", in_danger="no"))
    send(client)

    assert "Your nearest sexual assault referral centre" not in client.get(SENT).content.decode()
