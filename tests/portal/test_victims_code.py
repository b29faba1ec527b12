"""The public page that says, in plain words, what the Victims' Code promises and where to
read it; linked from the footer of every page and from a report's confirmation."""

import pytest
from django.urls import reverse

from tests.factories import RAPE_SEXUAL_ASSAULT_ANSWERS, walk_journey

pytestmark = pytest.mark.django_db

SOURCE = "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime"


def test_the_page_summarises_the_rights_and_names_its_source(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("portal:victims_code"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and "Your rights as a victim of crime" in page
    assert f'href="{SOURCE}"' in page
    assert "Ministry of Justice" in page and "1 April 2021" in page
    for right in ("interpreter", "written confirmation", "victim personal statement", "complain"):
        assert right in page.lower(), right
    assert "within 2 working days" in page
    assert "1 working day" in page


def test_the_page_takes_no_posts(client):
    assert client.post(reverse("portal:victims_code")).status_code == 405


def test_every_public_page_links_to_it_in_the_footer(client):
    page = client.get(reverse("portal:home")).content.decode()

    assert f'href="{reverse("portal:victims_code")}"' in page


def test_a_reports_confirmation_links_to_it(client, forces):
    walk_journey(client, "rape-sexual-assault", RAPE_SEXUAL_ASSAULT_ANSWERS)
    check = reverse("reporting:journey_check_answers", args=["rape-sexual-assault"])
    client.post(check, {"submission_key": client.get(check).context["submission_key"]})

    page = client.get(reverse("reporting:journey_sent", args=["rape-sexual-assault"])).content.decode()

    main = page[page.index("<main") : page.index("</main>")]
    assert f'href="{reverse("portal:victims_code")}"' in main
