"""`manage.py staff_create`: a deployment's first force administrator (and any member of
staff) from the command line, without demo data: an initial password and an enrolment link,
each printed once and stored nowhere in clear, and a record in the audit trail."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditEvent, EnrolmentLink, User
from reporting.models import StaffMember
from tests.factories import MET, code_for, staff_user

FIRST_ADMIN = [
    "--username",
    "priya.shah",
    "--first-name",
    "Priya",
    "--last-name",
    "Shah",
    "--email",
    "priya.shah@example.police.uk",
    "--force",
    MET,
    "--role",
    "force_admin",
    "--site-admin",
]


def staff_create(*args) -> str:
    out = io.StringIO()
    call_command("staff_create", *args, stdout=out)
    return out.getvalue()


def printed(output: str) -> tuple[str, str]:
    password = re.search(r"Initial password: +(\S+)", output).group(1)
    link = re.search(r"(https?://\S+/staff/enrol/\S+/)", output).group(1)
    return password, link


def test_the_first_administrator_signs_in_through_the_printed_link_and_password(client, forces):
    output = staff_create(*FIRST_ADMIN)

    password, link = printed(output)
    user = User.objects.get(username="priya.shah")
    member = StaffMember.objects.get(user=user)
    assert (member.force.code, member.role) == (MET, StaffMember.Role.FORCE_ADMIN)
    assert user.is_staff and user.is_superuser and user.email == "priya.shah@example.police.uk"
    assert not TOTPDevice.objects.filter(user=user).exists()
    # Stored only as hashes: the password and the link's token appear in the output alone.
    assert password not in user.password
    assert link.rstrip("/").rsplit("/", 1)[1] not in EnrolmentLink.objects.get(user=user).token_digest

    client.get(urlsplit(link).path)
    response = client.post(reverse("portal:staff_sign_in"), {"username": "priya.shah", "password": password})
    assert response["Location"] == reverse("portal:staff_set_up")
    client.get(reverse("portal:staff_set_up"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("portal:staff_set_up"), {"code": code_for(device)})
    assert response["Location"] == reverse("portal:staff_backup_codes")
    assert client.get(reverse("reporting:staff_queue")).status_code == 200


def test_it_is_recorded_in_the_audit_trail(forces):
    staff_create(*FIRST_ADMIN)

    user = User.objects.get(username="priya.shah")
    event = AuditEvent.objects.get(action="staff_account_created")
    assert (event.actor, event.object_type, event.object_id, event.organisation) == (user, "user", str(user.pk), MET)
    assert "force_admin" in event.reason and "manage.py staff_create" in event.reason
    assert AuditEvent.objects.filter(action="enrolment_link_issued", object_id=str(user.pk)).exists()


def test_an_administrator_named_with_by_is_the_one_recorded(forces):
    admin = staff_user(username="force.admin")
    admin.is_staff = True
    admin.save()

    output = staff_create(
        "--username", "asha.khan", "--first-name", "Asha", "--last-name", "Khan", "--force", MET,
        "--role", "contact_handler", "--by", "force.admin",
    )  # fmt: skip

    user = User.objects.get(username="asha.khan")
    assert not user.is_staff
    assert AuditEvent.objects.get(action="staff_account_created").actor == admin
    assert AuditEvent.objects.get(action="enrolment_link_issued").actor == admin
    assert printed(output)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--force": "E99999999"}, "No force"),
        ({"--username": "taken"}, "already exists"),
        ({"--site-admin": None, "--by": None}, "--by"),
        ({"--site-admin": None, "--by": "nobody"}, "--by"),
    ],
    ids=["unknown-force", "existing-account", "neither-site-admin-nor-by", "by-not-an-administrator"],
)
def test_it_refuses_and_changes_nothing(forces, change, message):
    staff_user(username="taken")
    args = list(FIRST_ADMIN)
    for option, value in change.items():
        if option in args:
            at = args.index(option)
            del args[at : at + (1 if option == "--site-admin" else 2)]
        if value is not None:
            args += [option, value]
    counts = (User.objects.count(), StaffMember.objects.count(), AuditEvent.objects.count())

    with pytest.raises(CommandError, match=message):
        staff_create(*args)

    assert (User.objects.count(), StaffMember.objects.count(), AuditEvent.objects.count()) == counts
    assert not EnrolmentLink.objects.exists()


def test_the_role_must_be_a_force_role(forces):
    with pytest.raises(CommandError):
        staff_create(*[arg if arg != "force_admin" else "superhero" for arg in FIRST_ADMIN])
