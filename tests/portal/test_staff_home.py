"""The staff home sends each person straight to where their work is."""

from django.urls import reverse

from portal.services import staff_account_ensure
from tests.factories import agency_user, staff_user, support_agency, verified_client

HOME = reverse("portal:staff_home")


def test_force_staff_land_on_their_queue(client, forces):
    verified_client(client, staff_user(force_code="E23000001"))
    assert client.get(HOME)["Location"] == reverse("reporting:staff_queue")


def test_agency_staff_land_on_their_inbox(client, forces):
    agency = support_agency("Landing Test Agency", routes=(("E23000001", "domestic_abuse"),))
    verified_client(client, agency_user(agency))
    assert client.get(HOME)["Location"] == reverse("support:agency_inbox")


def test_an_account_with_no_force_or_agency_sees_who_is_signed_in(client, db):
    user, _ = staff_account_ensure(
        username="administrator", password="a long test password 12", first_name="Ada", last_name="Admin"
    )
    response = verified_client(client, user).get(HOME)
    assert response.status_code == 200
    assert "You are signed in as" in response.text
