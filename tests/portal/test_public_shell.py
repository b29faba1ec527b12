import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    reverse("portal:home"),
    reverse("portal:staying_safe"),
    reverse("portal:accessibility"),
    reverse("portal:privacy"),
    reverse("portal:cookies"),
    reverse("reporting:about_data"),
    reverse("reporting:journey_start", args=["domestic-abuse"]),
    reverse("support:find_support"),
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_offers_999_and_every_way_to_exit(client, path):
    html = client.get(path).content.decode()

    assert 'Call <a class="govuk-link" href="tel:999">999</a> if you are in danger now.' in html
    assert "From a mobile, press 55 when asked." in html
    exit_url = reverse("portal:exit")
    assert 'data-module="govuk-exit-this-page"' in html
    assert f'href="{exit_url}" role="button"' in html
    assert f'<a href="{exit_url}" class="govuk-skip-link"' in html


def test_home_page_starts_every_journey(client):
    html = client.get(reverse("portal:home")).content.decode()

    for slug in ["domestic-abuse", "rape-sexual-assault", "clares-law", "sarahs-law"]:
        assert reverse("reporting:journey_start", args=[slug]) in html
    assert reverse("support:find_support") in html


def test_public_pages_answer_only_safe_methods(client):
    assert client.post(reverse("portal:home")).status_code == 405


def test_unknown_journey_is_not_found(client):
    assert client.get("/report/no-such-journey/").status_code == 404


def test_a_form_sent_after_the_session_ended_gets_a_calm_page_not_a_technical_error(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("portal:staff_sign_in"), {"username": "someone", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "This page was closed to keep you safe" in html
    assert "Nothing was sent" in html
    assert "CSRF" not in html
