"""Walks every URL pattern under /staff/ and /agency/ of every app (reporting, support,
portal) with every kind of account: each force role of the report's own force, the same
roles of another force, staff of the agency the report was referred to, staff of another
agency, and a signed-in account with no force and no agency.

The one access rule, everywhere: anything a URL names that the account may not see (another
force's report or colleague, another agency's referral) is "not found", 404, whatever the
method; force pages are "not found" to anyone who is not force staff, agency pages to
anyone who is not agency staff; a list page shows nothing of another force or agency. Then
a method a page does not take is a 405, and a role it is not for a 403. A URL pattern added
without an entry in EXPECTED fails the walk.

The sign-in pages, the keep-alive and the Django admin (under /staff/admin/, with its own
tests) are left out.
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from portal.models import AuditEvent
from portal.services import staff_account_ensure
from reporting.models import Report, StaffMember
from reporting.services import report_transfer_request
from support.models import Referral
from support.referrals.services import referrals_create
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
    PASSWORD,
    SOUTH_WALES,
    agency_user,
    grade_schemes,
    member_of,
    queued_report,
    staff_user,
    support_agency,
    verified_client,
)

Role = StaffMember.Role
EVERYONE = set(Role)
WORKERS = {Role.CONTACT_HANDLER, Role.CASE_OFFICER, Role.SUPERVISOR}
SUPERVISOR = {Role.SUPERVISOR}
OVERSIGHT = {Role.SUPERVISOR, Role.FORCE_ADMIN}
# Pages for agency staff, and pages for any signed-in account (their own account, the home
# page that sends each person on to their work).
AGENCY = "agency staff"
ANYONE = "any account"

CANARY = "canary-matrix-7f3e"
ANSWERS = dict(
    DOMESTIC_ABUSE_ANSWERS,
    what_happened=f"What happened {CANARY}",
    phone="07700 900555",
    support_referrals=["domestic_abuse_service"],
)
# The other agency's referral, of another report.
THEIR_CANARY = "canary-theirs-2c9d"
THEIR_ANSWERS = dict(
    DOMESTIC_ABUSE_ANSWERS,
    what_happened=f"What happened {THEIR_CANARY}",
    phone="07700 900666",
    support_referrals=["victim_service"],
)

LEFT_OUT = {
    "portal:staff_sign_in",
    "portal:staff_verify",
    "portal:staff_set_up",
    "portal:staff_enrol",
    "portal:staff_sign_out",
    "portal:staff_keep_alive",
}

# url name: (methods, who is let in, the object it names).
# Force roles let in may still be turned away by the rules of the report (a 302 back to it,
# or a request for a reason first); roles not let in get 403.
EXPECTED = {
    # --- reporting: force staff ---
    "reporting:staff_queue": ("GET", EVERYONE, None),
    "reporting:staff_claim_next": ("POST", WORKERS, None),
    "reporting:staff_queue_export": ("GET", OVERSIGHT, None),
    "reporting:staff_search": ("GET", EVERYONE, None),
    "reporting:staff_report": ("GET", EVERYONE, "report"),
    "reporting:staff_report_reason": ("GET POST", EVERYONE, "report"),
    "reporting:staff_case_file": ("GET", EVERYONE, "report"),
    "reporting:staff_report_claim": ("POST", WORKERS, "report"),
    "reporting:staff_report_release": ("POST", WORKERS, "report"),
    "reporting:staff_report_assign": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_grade": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_thrive": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_status": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_note": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_message": ("GET POST", SUPERVISOR, "report"),
    "reporting:staff_report_clock_met": ("POST", SUPERVISOR, "report"),
    "reporting:staff_report_transfer": ("GET POST", SUPERVISOR, "report"),
    # Only for a transfer to the supervisor's own force: never for the sending force.
    "reporting:staff_report_transfer_accept": ("GET POST", set(), "report"),
    "reporting:staff_report_transfer_reject": ("GET POST", set(), "report"),
    "reporting:staff_report_audit": ("GET", OVERSIGHT, "report"),
    "reporting:staff_audit_list": ("GET", OVERSIGHT, None),
    "reporting:staff_audit": ("GET", OVERSIGHT, "staff"),
    "reporting:staff_dashboard": ("GET", OVERSIGHT, None),
    # --- support: the force's referrals ---
    "support:force_referrals": ("GET", EVERYONE, None),
    # Only staff working the report refer it (a reason asked first unless it is theirs).
    "support:officer_referral_new": ("GET POST", WORKERS, "report_id"),
    # --- support: the agency inbox ---
    "support:agency_inbox": ("GET", AGENCY, None),
    "support:agency_referral": ("GET", AGENCY, "referral"),
    "support:agency_referral_accept": ("POST", AGENCY, "referral"),
    "support:agency_referral_decline": ("GET POST", AGENCY, "referral"),
    "support:agency_referral_first_contact": ("GET POST", AGENCY, "referral"),
    # --- portal: every account's own pages ---
    "portal:staff_home": ("GET POST", ANYONE, None),
    "portal:staff_backup_codes": ("GET POST", ANYONE, None),
}


def walked_url_names() -> set[str]:
    """Every named URL pattern under staff/ or agency/, as "namespace:name"."""
    names = set()

    def walk(entries, namespace, prefix):
        for entry in entries:
            if isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith(("staff/", "agency/")) and not route.startswith("staff/admin/"):
                    names.add(f"{namespace}:{entry.name}")
            else:
                walk(entry.url_patterns, entry.namespace or namespace, prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, None, "")
    return names - LEFT_OUT


def url_for(name: str, world) -> str:
    kind = EXPECTED[name][2]
    args = {
        None: [],
        "report": [world.report.reference],
        "report_id": [world.report.pk],
        "staff": [world.met[Role.CASE_OFFICER].pk],
        "referral": [world.referral.pk],
    }[kind]
    return reverse(name, args=args)


def expected_status(name: str, method: str, *, role=None, own_force=False, agency=None) -> tuple[int, ...]:
    """The status codes the account may get: ``role`` for force staff (of the report's own
    force or not), ``agency`` "ours", "theirs" or None."""
    methods, let_in, kind = EXPECTED[name]
    takes = method in methods.split()
    if let_in == ANYONE:
        return (200, 302) if takes else (405,)
    if let_in == AGENCY:
        if agency is None or (agency == "theirs" and kind is not None):
            return (404,)
        return (200, 302) if takes else (405,)
    if role is None or (not own_force and kind is not None):
        return (404,)
    if not takes:
        return (405,)
    return (200, 302) if role in let_in else (403,)


class World:
    def __init__(self):
        grade_schemes()
        self.ours = support_agency("Ours", routes=((MET, "domestic_abuse"),))
        self.theirs = support_agency("Theirs", routes=((MET, "victim_support"),))
        self.report = queued_report(ANSWERS)
        self.their_report = queued_report(THEIR_ANSWERS)
        for report in (self.report, self.their_report):
            # Support's handler of the sent report, as the outbox worker runs it.
            referrals_create(report_id=report.pk)
        self.referral = Referral.objects.get(report=self.report)
        self.their_referral = Referral.objects.get(report=self.their_report)
        self.met = {role: staff_user(force_code=MET, role=role, username=f"met-{role}") for role in Role}
        self.wales = {role: staff_user(force_code=SOUTH_WALES, role=role, username=f"wales-{role}") for role in Role}
        self.our_worker = agency_user(self.ours, username="our-worker")
        self.their_worker = agency_user(self.theirs, username="their-worker")
        self.nobody, _ = staff_account_ensure(
            username="nobody-in-particular", password=PASSWORD, first_name="No", last_name="Body"
        )


@pytest.fixture
def world(forces):
    return World()


def body_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def leaks(response, secrets) -> list[str]:
    text = body_of(response)
    found = [secret for secret in secrets if secret in text]
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    found += [f"redirect to {secret}" for secret in secrets if secret in location]
    return found


def walk(client, user, world, *, role=None, own_force=False, agency=None, secrets=()):
    """Every URL, GET and POST, as this account: what came back that should not have."""
    client.logout()
    verified_client(client, user)
    problems = []
    for name in EXPECTED:
        url = url_for(name, world)
        extra = f"?reference={world.report.reference}" if name == "reporting:staff_search" else ""
        for method in ("GET", "POST"):
            if method == "GET":
                response = client.get(url + extra)
            else:
                response = client.post(url, {"reason": "triage", "note": "x"})
            wanted = expected_status(name, method, role=role, own_force=own_force, agency=agency)
            if response.status_code not in wanted:
                problems.append((name, method, response.status_code, wanted))
            if found := leaks(response, secrets):
                problems.append((name, method, found))
    return problems


def test_every_staff_and_agency_url_pattern_is_in_the_matrix():
    assert walked_url_names() == set(EXPECTED)
    # reporting 23, support 7, portal 2
    assert len(EXPECTED) == 32


def test_another_forces_staff_find_nothing_and_change_nothing(client, world):
    secrets = [
        world.report.reference,
        CANARY,
        "07700 900555",
        world.met[Role.CASE_OFFICER].username,
        str(world.referral.pk),
        THEIR_CANARY,
        world.their_report.reference,
    ]
    problems = []
    for role, user in world.wales.items():
        problems += [(role, *problem) for problem in walk(client, user, world, role=role, secrets=secrets)]

    assert problems == []
    world.report.refresh_from_db()
    assert (world.report.status, world.report.assigned_to_id, world.report.transfer_to_id) == (
        Report.Status.NEW,
        None,
        None,
    )
    assert not world.report.activities.exists()
    assert (
        not AuditEvent.objects.filter(object_id=world.report.reference, organisation=SOUTH_WALES)
        .exclude(action="report.search")
        .exists()
    )
    assert Referral.objects.count() == 2
    assert not AuditEvent.objects.filter(action__startswith="referral.", object_id=str(world.referral.pk)).exists()


@pytest.mark.parametrize("who", ["our_worker", "their_worker", "nobody"])
def test_accounts_outside_the_force_reach_no_force_page(client, world, who):
    """Agency staff, of the report's agency or another, and an account with no force or
    agency: "not found" for every force page; the agency's own pages only for its staff, and
    never the other agency's referral."""
    agency = {"our_worker": "ours", "their_worker": "theirs", "nobody": None}[who]
    secrets = [CANARY, "07700 900555", world.met[Role.CASE_OFFICER].username, THEIR_CANARY]
    if agency != "ours":
        secrets += [world.report.reference, str(world.referral.pk)]
    if agency != "theirs":
        secrets += [world.their_report.reference, str(world.their_referral.pk)]
    if agency == "ours":
        # Its own referral carries what the person agreed to share: the report's reference,
        # their first name and the phone number they said was safe, not their account.
        secrets.remove("07700 900555")

    problems = walk(client, getattr(world, who), world, agency=agency, secrets=secrets)

    assert problems == []
    world.report.refresh_from_db()
    assert world.report.assigned_to_id is None and not world.report.activities.exists()
    assert Referral.objects.count() == 2
    if agency != "ours":
        assert Referral.objects.get(pk=world.referral.pk).status == Referral.Status.NEW
        assert not AuditEvent.objects.filter(object_id=str(world.referral.pk)).exists()


def test_the_reports_own_force_gets_what_each_role_is_for(client, world):
    # The other agency's referral is of another of the force's reports, so the force sees
    # both; nothing of another force's data exists to leak here.
    problems = []
    for role, user in world.met.items():
        problems += [(role, *problem) for problem in walk(client, user, world, role=role, own_force=True)]
        # Undo what this role's requests changed, so each role meets the same report.
        Report.objects.filter(pk=world.report.pk).update(
            status=Report.Status.NEW, assigned_to=None, assigned_at=None, transfer_to=None, grade=None
        )
        world.report.transfers.all().delete()

    assert problems == []
    assert Referral.objects.count() == 2


def test_a_report_under_transfer_opens_to_the_receiving_supervisor_only(client, world):
    report = world.report
    report_transfer_request(
        member=member_of(world.met[Role.SUPERVISOR]),
        report=report,
        to_force=member_of(world.wales[Role.SUPERVISOR]).force,
        reason="Cardiff",
    )
    for role, user in world.wales.items():
        client.logout()
        verified_client(client, user)
        accept = client.get(reverse("reporting:staff_report_transfer_accept", args=[report.reference]))
        opened = client.post(
            reverse("reporting:staff_report_reason", args=[report.reference]), {"reason": "transfer"}, follow=True
        )
        refer = client.get(reverse("support:officer_referral_new", args=[report.pk]))
        if role == Role.SUPERVISOR:
            assert accept.status_code == 200
            assert CANARY in opened.content.decode()
            # They decide on the transfer; referring is for the report's own force.
            assert refer.status_code == 403
        else:
            assert accept.status_code == 404
            assert opened.status_code == 404
            assert CANARY not in opened.content.decode()
            assert refer.status_code == 404
