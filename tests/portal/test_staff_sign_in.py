import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.services import enrolment_link_issue
from tests.factories import PASSWORD, code_for, current_code, next_code, staff_user, user_without_authenticator

SIGN_IN = reverse("portal:staff_sign_in")
VERIFY = reverse("portal:staff_verify")
SET_UP = reverse("portal:staff_set_up")
HOME = reverse("portal:staff_home")
# A page every signed-in member of staff can open (the home page sends them on elsewhere).
STAFF_PAGE = reverse("portal:staff_backup_codes")


def sign_in_with_password(client, username, password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def new_starter_with_link(client, username="newstarter"):
    """A new account whose administrator issued an enrolment link, opened in this client
    (without it, set-up is refused: tests/portal/test_enrolment.py)."""
    user = user_without_authenticator(username)
    admin = staff_user(username="enrolling.admin")
    client.get(reverse("portal:staff_enrol", args=[enrolment_link_issue(user=user, by=admin)]))
    return user


@pytest.fixture
def staff(db):
    return staff_user(username="handler")


def test_password_then_authenticator_code_opens_the_staff_area(client, staff):
    response = sign_in_with_password(client, "handler")
    assert response["Location"] == VERIFY
    assert client.get(HOME)["Location"].startswith(VERIFY)

    response = client.post(VERIFY, {"code": current_code(staff)})

    assert response["Location"] == HOME
    assert client.get(STAFF_PAGE).status_code == 200


def test_wrong_password_says_so_next_to_the_form_and_keeps_the_username(client, staff):
    response = sign_in_with_password(client, "handler", "not my password")

    html = response.content.decode()
    assert response.status_code == 200
    assert "The username or password is not right" in html
    assert 'value="handler"' in html
    assert "not my password" not in html


def test_missing_fields_get_specific_errors(client, db):
    html = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()

    assert "Enter your username" in html
    assert "Enter your password" in html


def test_account_is_locked_after_five_wrong_passwords_even_for_the_right_one(client, staff):
    for _ in range(5):
        sign_in_with_password(client, "handler", "wrong password")

    response = sign_in_with_password(client, "handler")

    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_wrong_security_code_is_refused_with_a_message(client, staff):
    sign_in_with_password(client, "handler")
    good = current_code(staff)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert "The security code is not right or has expired" in response.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302


def test_after_a_wrong_code_the_next_try_must_wait_and_says_how_long(client, staff):
    sign_in_with_password(client, "handler")
    client.post(VERIFY, {"code": "000000"})

    response = client.post(VERIFY, {"code": current_code(staff)})

    assert "Wait 1 second, then try again" in response.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302


def test_a_security_code_cannot_be_used_twice(client, staff):
    code = current_code(staff)
    sign_in_with_password(client, "handler")
    client.post(VERIFY, {"code": code})
    client.post(reverse("portal:staff_sign_out"))

    sign_in_with_password(client, "handler")
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert client.get(STAFF_PAGE).status_code == 302


def test_session_gets_a_new_key_once_the_second_factor_is_verified(client, staff):
    sign_in_with_password(client, "handler")
    key_after_password = client.session.session_key

    client.post(VERIFY, {"code": current_code(staff)})

    assert client.session.session_key != key_after_password


def test_first_sign_in_sets_up_an_authenticator_and_shows_backup_codes_once(client, db):
    new_starter_with_link(client)

    response = sign_in_with_password(client, "newstarter")
    assert response["Location"] == SET_UP
    page = client.get(SET_UP).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user__username="newstarter", confirmed=False)

    response = client.post(SET_UP, {"code": code_for(device)})

    assert response["Location"] == reverse("portal:staff_backup_codes")
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r"<li>([a-z0-9]{8})</li>", codes_page)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True))
    assert client.get(reverse("portal:staff_backup_codes")).content.decode().count("<li>") == 0
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(STAFF_PAGE).status_code == 200


def test_set_up_page_keeps_the_same_key_until_it_is_confirmed(client, db):
    new_starter_with_link(client)
    sign_in_with_password(client, "newstarter")

    first = client.get(SET_UP).content.decode()
    second = client.get(SET_UP).content.decode()

    key = re.search(r'id="authenticator-key">([A-Z2-7 ]+)<', first).group(1)
    assert key in second
    assert TOTPDevice.objects.filter(user__username="newstarter").count() == 1


def test_wrong_code_during_set_up_leaves_the_authenticator_unconfirmed(client, db):
    new_starter_with_link(client)
    sign_in_with_password(client, "newstarter")
    client.get(SET_UP)

    response = client.post(SET_UP, {"code": "000000x"})

    assert "The security code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user__username="newstarter", confirmed=True).exists()
    assert client.get(STAFF_PAGE).status_code == 302


def test_someone_with_an_authenticator_cannot_set_up_another(client, staff):
    sign_in_with_password(client, "handler")

    assert client.get(SET_UP)["Location"] == VERIFY


def test_a_backup_code_signs_in_once(client, staff):
    from portal.services import backup_codes_issue

    code = backup_codes_issue(user=staff)[0]
    sign_in_with_password(client, "handler")
    assert client.post(VERIFY, {"code": code})["Location"] == HOME
    client.post(reverse("portal:staff_sign_out"))

    sign_in_with_password(client, "handler")
    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert "The security code is not right" in response.content.decode()


def test_staff_are_signed_out_after_15_minutes_without_a_request(client, staff):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in_with_password(client, "handler")
        client.post(VERIFY, {"code": current_code(staff)})
        assert client.get(STAFF_PAGE).status_code == 200

        clock.shift(timedelta(minutes=14))
        assert client.get(STAFF_PAGE).status_code == 200

        clock.shift(timedelta(minutes=15, seconds=1))
        response = client.get(HOME)

    assert response["Location"] == f"{SIGN_IN}?timed_out=1"
    assert not client.session.get("_auth_user_id")


def test_next_parameter_returns_to_the_page_asked_for_but_never_off_site(client, staff):
    device = TOTPDevice.objects.get(user=staff)
    sign_in_with_password(client, "handler")
    assert client.post(f"{VERIFY}?next=/staff/account/backup-codes/", {"code": current_code(staff)})[
        "Location"
    ] == reverse("portal:staff_backup_codes")
    client.post(reverse("portal:staff_sign_out"))

    sign_in_with_password(client, "handler")
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": next_code(device)})

    assert response["Location"] == HOME


def test_sign_out_ends_the_staff_session(client, staff):
    sign_in_with_password(client, "handler")
    client.post(VERIFY, {"code": current_code(staff)})

    client.post(reverse("portal:staff_sign_out"))

    assert client.get(HOME)["Location"].startswith(SIGN_IN)


def test_sign_out_is_not_a_link_anyone_can_plant(client, staff):
    assert client.get(reverse("portal:staff_sign_out")).status_code == 405
