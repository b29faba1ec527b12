"""A new member of staff sets up their authenticator only through a one-time enrolment link
issued by an administrator: the initial password alone is not enough."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditEvent, EnrolmentLink, User
from portal.services import enrolment_link_issue
from tests.factories import PASSWORD, code_for, current_code, staff_user, user_without_authenticator, verified_client

SIGN_IN = reverse("portal:staff_sign_in")
SET_UP = reverse("portal:staff_set_up")
VERIFY = reverse("portal:staff_verify")
BACKUP_CODES = reverse("portal:staff_backup_codes")
ASK_FOR_A_NEW_LINK = "Ask your force or agency administrator for a new link"


def enrol_url(token: str) -> str:
    return reverse("portal:staff_enrol", args=[token])


def sign_in_with_password(client, username):
    return client.post(SIGN_IN, {"username": username, "password": PASSWORD})


@pytest.fixture
def admin(db):
    user = staff_user(username="force.admin")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def newstarter(db):
    return user_without_authenticator("newstarter")


def set_up_authenticator(client) -> TOTPDevice:
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user__username="newstarter", confirmed=False)
    response = client.post(SET_UP, {"code": code_for(device)})
    assert response["Location"] == BACKUP_CODES
    return device


def test_the_initial_password_alone_does_not_set_up_an_authenticator(client, newstarter):
    response = sign_in_with_password(client, "newstarter")
    assert response["Location"] == SET_UP

    page = client.get(SET_UP)

    html = page.content.decode()
    assert ASK_FOR_A_NEW_LINK in html
    assert "<svg" not in html
    assert not TOTPDevice.objects.filter(user=newstarter).exists()
    assert client.post(SET_UP, {"code": "123456"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=newstarter, confirmed=True).exists()
    assert client.get(BACKUP_CODES).status_code == 302


def test_an_enrolment_link_then_the_password_leads_to_set_up_and_is_used_up(client, newstarter, admin):
    token = enrolment_link_issue(user=newstarter, by=admin)

    response = client.get(enrol_url(token))
    assert response["Location"] == SIGN_IN
    assert sign_in_with_password(client, "newstarter")["Location"] == SET_UP
    assert "<svg" in client.get(SET_UP).content.decode()
    set_up_authenticator(client)

    assert client.get(BACKUP_CODES).status_code == 200
    assert EnrolmentLink.objects.get(user=newstarter).used_at is not None
    actions = list(AuditEvent.objects.filter(object_id=str(newstarter.pk)).values_list("actor_name", "action"))
    assert actions == [("force.admin", "enrolment_link_issued"), ("newstarter", "authenticator_enrolled")]


def test_a_used_link_does_not_set_up_another_authenticator(client, newstarter, admin):
    token = enrolment_link_issue(user=newstarter, by=admin)
    client.get(enrol_url(token))
    sign_in_with_password(client, "newstarter")
    set_up_authenticator(client)
    # Whoever took the phone away, and someone holding the old link, try again.
    TOTPDevice.objects.filter(user=newstarter).delete()
    StaticDevice.objects.filter(user=newstarter).delete()
    client.post(reverse("portal:staff_sign_out"))

    assert ASK_FOR_A_NEW_LINK in client.get(enrol_url(token)).content.decode()
    sign_in_with_password(client, "newstarter")
    assert ASK_FOR_A_NEW_LINK in client.get(SET_UP).content.decode()


def test_a_link_used_up_while_the_page_was_open_refuses_the_code(client, newstarter, admin):
    token = enrolment_link_issue(user=newstarter, by=admin)
    client.get(enrol_url(token))
    sign_in_with_password(client, "newstarter")
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=newstarter, confirmed=False)
    EnrolmentLink.objects.filter(user=newstarter).update(used_at=timezone.now())

    response = client.post(SET_UP, {"code": code_for(device)}, follow=True)

    assert ASK_FOR_A_NEW_LINK in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newstarter, confirmed=True).exists()


def test_an_expired_link_is_refused(client, newstarter, admin, settings):
    token = enrolment_link_issue(user=newstarter, by=admin)
    later = timezone.now() + timedelta(hours=settings.WAYMARK_STAFF_ENROLMENT_HOURS, seconds=1)

    with time_machine.travel(later):
        assert ASK_FOR_A_NEW_LINK in client.get(enrol_url(token)).content.decode()


def test_a_link_that_expires_before_set_up_is_finished_is_refused(client, newstarter, admin, settings):
    token = enrolment_link_issue(user=newstarter, by=admin)
    client.get(enrol_url(token))
    later = timezone.now() + timedelta(hours=settings.WAYMARK_STAFF_ENROLMENT_HOURS, seconds=1)

    with time_machine.travel(later):
        sign_in_with_password(client, "newstarter")
        assert ASK_FOR_A_NEW_LINK in client.get(SET_UP).content.decode()


@pytest.mark.parametrize("token", ["not-a-token", "A" * 43, "x"])
def test_a_wrong_link_is_refused(client, newstarter, admin, token):
    enrolment_link_issue(user=newstarter, by=admin)

    assert ASK_FOR_A_NEW_LINK in client.get(enrol_url(token)).content.decode()
    sign_in_with_password(client, "newstarter")
    assert ASK_FOR_A_NEW_LINK in client.get(SET_UP).content.decode()


def test_a_new_link_replaces_the_old_one(client, newstarter, admin):
    old = enrolment_link_issue(user=newstarter, by=admin)
    new = enrolment_link_issue(user=newstarter, by=admin)

    assert ASK_FOR_A_NEW_LINK in client.get(enrol_url(old)).content.decode()
    client.get(enrol_url(new))
    sign_in_with_password(client, "newstarter")
    set_up_authenticator(client)


def test_a_link_opened_before_a_new_one_was_issued_stops_working(client, newstarter, admin):
    old = enrolment_link_issue(user=newstarter, by=admin)
    client.get(enrol_url(old))
    enrolment_link_issue(user=newstarter, by=admin)

    sign_in_with_password(client, "newstarter")
    assert ASK_FOR_A_NEW_LINK in client.get(SET_UP).content.decode()


def test_a_link_is_bound_to_its_account(client, newstarter, admin):
    user_without_authenticator("someoneelse")
    token = enrolment_link_issue(user=newstarter, by=admin)
    client.get(enrol_url(token))

    sign_in_with_password(client, "someoneelse")

    assert ASK_FOR_A_NEW_LINK in client.get(SET_UP).content.decode()
    assert not TOTPDevice.objects.filter(user__username="someoneelse").exists()


def test_an_account_with_an_authenticator_is_not_given_a_link(admin):
    from portal.refusals import Refused

    with pytest.raises(Refused):
        enrolment_link_issue(user=staff_user(username="handler"), by=admin)


def test_the_token_is_neither_stored_nor_logged_in_clear(client, newstarter, admin, caplog):
    with caplog.at_level(logging.DEBUG):
        out = io.StringIO()
        call_command("staff_enrolment_issue", "newstarter", "--by", "force.admin", stdout=out)
        token = out.getvalue().split(enrol_url("x")[:-2])[1].split("/")[0]
        client.get(enrol_url(token))
        sign_in_with_password(client, "newstarter")
        set_up_authenticator(client)

    assert len(token) >= 40
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert token not in logged
    everything = io.StringIO()
    call_command("dumpdata", stdout=everything)
    assert token not in everything.getvalue()
    sessions = " ".join(str(session.get_decoded()) for session in Session.objects.all())
    assert token not in sessions


def test_the_command_prints_the_link_once_and_records_who_issued_it(newstarter, admin, settings):
    out = io.StringIO()

    call_command("staff_enrolment_issue", "newstarter", "--by", "force.admin", stdout=out)

    printed = out.getvalue()
    assert f"{settings.WAYMARK_SITE_URL}/staff/enrol/" in printed
    event = AuditEvent.objects.get(action="enrolment_link_issued")
    assert (event.actor, event.object_id) == (admin, str(newstarter.pk))


@pytest.mark.parametrize("by", ["nobody", "newstarter"])
def test_the_command_needs_an_administrator(newstarter, admin, by):
    with pytest.raises(CommandError):
        call_command("staff_enrolment_issue", "newstarter", "--by", by, stdout=io.StringIO())
    assert not EnrolmentLink.objects.exists()


def test_the_admin_action_shows_the_link_once_and_audits_it(client, newstarter, admin):
    verified_client(client, admin)

    response = client.post(
        reverse("admin:portal_user_changelist"),
        {"action": "enrolment_link_issue_action", "_selected_action": [newstarter.pk]},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "http://testserver/staff/enrol/" in html
    token = html.split("http://testserver/staff/enrol/")[1].split("/")[0]
    assert EnrolmentLink.objects.get(user=newstarter).token_digest != token
    assert AuditEvent.objects.get(action="enrolment_link_issued").actor == admin
    client.logout()
    client.get(enrol_url(token))
    sign_in_with_password(client, "newstarter")
    set_up_authenticator(client)


def test_demo_and_existing_accounts_sign_in_without_a_link(client, db):
    from portal.demo import demo_account_ensure

    user = demo_account_ensure(io.StringIO(), username="met.handler", first_name="A", last_name="B", role="handler")
    user.set_password(PASSWORD)
    user.save()

    assert sign_in_with_password(client, "met.handler")["Location"] == VERIFY
    assert client.post(VERIFY, {"code": current_code(user)})["Location"] == reverse("portal:staff_home")
    assert User.objects.get(username="met.handler").totpdevice_set.filter(confirmed=True).exists()
