"""Registering a force system in the admin: the credential is shown once and kept only
hashed; a force administrator sees and registers only their own force's clients."""

import re

from django.contrib.auth.models import Permission
from django.urls import reverse

from reporting.api.models import ApiClient
from reporting.models import StaffMember
from tests.factories import SOUTH_WALES, staff_user, verified_client


def _admin(client, *, force_admin=False):
    if force_admin:
        user = staff_user(role=StaffMember.Role.FORCE_ADMIN)
        user.is_staff = True
        user.save()
        user.user_permissions.set(Permission.objects.filter(content_type__model="apiclient"))
    else:
        user = staff_user(username="site-admin")
        user.is_staff = user.is_superuser = True
        user.save()
    return verified_client(client, user)


def test_the_site_administrator_registers_a_client_and_sees_its_credential_once(client, two_forces, met_report):
    _admin(client)

    saved = client.post(
        reverse("admin:reporting_apiclient_add"),
        {
            "force": two_forces["met"].pk,
            "name": "Met RMS",
            "purpose": "Creating crime records",
            "scopes": ["reports:read", "reports:ack"],
            "allowed_networks": "[]",
            "requests_per_minute": "60",
        },
    )
    credential = re.search(r"Bearer ([0-9a-f]+\.[A-Za-z0-9_-]+)", saved.content.decode()).group(1)
    registered = ApiClient.objects.get()
    changelist = client.get(reverse("admin:reporting_apiclient_changelist")).content.decode()
    change = client.get(reverse("admin:reporting_apiclient_change", args=[registered.pk])).content.decode()
    read = client.get(reverse("api:reports"), HTTP_AUTHORIZATION=f"Bearer {credential}")

    secret = credential.split(".", 1)[1]
    assert saved.status_code == 200 and saved["Cache-Control"].startswith("no-store")
    assert registered.scopes == ["reports:ack", "reports:read"] and registered.force == two_forces["met"]
    assert secret not in changelist and secret not in change and secret not in registered.secret_hash
    assert read.status_code == 200


def test_a_force_administrator_sees_and_registers_only_their_own_forces_clients(client, register, two_forces):
    register("met")
    register("south_wales")
    _admin(client, force_admin=True)

    changelist = client.get(reverse("admin:reporting_apiclient_changelist")).content.decode()
    add = client.get(reverse("admin:reporting_apiclient_add")).content.decode()
    theirs = ApiClient.objects.get(force__code=SOUTH_WALES)
    other = client.get(reverse("admin:reporting_apiclient_change", args=[theirs.pk]))

    assert "met RMS" in changelist and "south_wales RMS" not in changelist
    assert two_forces["met"].display_name in add and two_forces["south_wales"].display_name not in add
    assert other.status_code == 302  # the admin's "does not exist" redirect


def test_a_clients_force_cannot_be_changed_once_registered(client, register, two_forces):
    registered, _credential = register("met")
    _admin(client)
    url = reverse("admin:reporting_apiclient_change", args=[registered.pk])

    response = client.post(
        url,
        {
            "force": two_forces["south_wales"].pk,
            "name": "met RMS",
            "purpose": registered.purpose,
            "scopes": registered.scopes,
            "allowed_networks": "[]",
            "requests_per_minute": "120",
        },
    )

    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.force == two_forces["met"]
    assert 'name="force"' not in client.get(url).content.decode()
