"""Walks every staff URL pattern of the reporting app with users of every role, from the
report's own force and from another force, and with a support agency's staff.

Another force's staff get a 404 for anything naming the report or a member of its force's
staff, see nothing of it on any page (queue, search, export, dashboard, audit, PDF), and
change nothing. Agency staff reach no view at all. A staff URL added without an entry in
EXPECTED fails the walk.
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from portal.models import AuditEvent
from reporting.models import Report, StaffMember
from reporting.services import report_transfer_request
from tests.factories import (
    DOMESTIC_ABUSE_ANSWERS,
    MET,
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

CANARY = "canary-matrix-7f3e"
ANSWERS = dict(DOMESTIC_ABUSE_ANSWERS, what_happened=f"What happened {CANARY}", phone="07700 900555")

# url name: (methods, roles of the same force let in, the object it names).
# Roles let in may still be turned away by the rules of the report (a 302 back to it, or a
# request for a reason first); roles not let in get 403.
EXPECTED = {
    "staff_queue": ("GET", EVERYONE, None),
    "staff_claim_next": ("POST", WORKERS, None),
    "staff_queue_export": ("GET", OVERSIGHT, None),
    "staff_search": ("GET", EVERYONE, None),
    "staff_report": ("GET", EVERYONE, "report"),
    "staff_report_reason": ("GET POST", EVERYONE, "report"),
    "staff_case_file": ("GET", EVERYONE, "report"),
    "staff_report_claim": ("POST", WORKERS, "report"),
    "staff_report_release": ("POST", WORKERS, "report"),
    "staff_report_assign": ("GET POST", SUPERVISOR, "report"),
    "staff_report_grade": ("GET POST", SUPERVISOR, "report"),
    "staff_report_thrive": ("GET POST", SUPERVISOR, "report"),
    "staff_report_status": ("GET POST", SUPERVISOR, "report"),
    "staff_report_note": ("GET POST", SUPERVISOR, "report"),
    "staff_report_clock_met": ("POST", SUPERVISOR, "report"),
    "staff_report_transfer": ("GET POST", SUPERVISOR, "report"),
    # Only for a transfer to the supervisor's own force: never for the sending force.
    "staff_report_transfer_accept": ("GET POST", set(), "report"),
    "staff_report_transfer_reject": ("GET POST", set(), "report"),
    "staff_report_audit": ("GET", OVERSIGHT, "report"),
    "staff_audit_list": ("GET", OVERSIGHT, None),
    "staff_audit": ("GET", OVERSIGHT, "staff"),
    "staff_dashboard": ("GET", OVERSIGHT, None),
}


def staff_url_names() -> set[str]:
    patterns = get_resolver().url_patterns
    names = set()

    def walk(entries, namespace, prefix):
        for entry in entries:
            if isinstance(entry, URLPattern):
                if (prefix + str(entry.pattern)).startswith("staff/") and namespace == "reporting":
                    names.add(entry.name)
            else:
                walk(entry.url_patterns, entry.namespace or namespace, prefix + str(entry.pattern))

    walk(patterns, None, "")
    return names


def url_for(name: str, kind: str | None, report: Report, staff_id: int) -> str:
    if kind == "report":
        return reverse(f"reporting:{name}", args=[report.reference])
    if kind == "staff":
        return reverse(f"reporting:{name}", args=[staff_id])
    return reverse(f"reporting:{name}")


def requests_for(client, name, url, report, *, sees_object=True):
    """A GET and a POST; a method the page does not take is a 405, once the page has found
    what it names (another force's staff never get that far: 404)."""
    methods, _roles, kind = EXPECTED[name]
    extra = "?" + "reference=" + report.reference if name == "staff_search" else ""
    responses = []
    for method in ("GET", "POST"):
        response = client.get(url + extra) if method == "GET" else client.post(url, {"reason": "triage"})
        if method not in methods and (sees_object or kind is None):
            assert response.status_code == 405, (name, method, response.status_code)
        responses.append((method, response))
    return responses


@pytest.fixture
def world(forces):
    grade_schemes()
    report = queued_report(ANSWERS)
    met_staff = {role: staff_user(force_code=MET, role=role, username=f"met-{role}") for role in Role}
    other_force = {role: staff_user(force_code=SOUTH_WALES, role=role, username=f"wales-{role}") for role in Role}
    return report, met_staff, other_force


def leaks(response, report, secrets) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode(errors="replace")
    found = [secret for secret in (report.reference, *secrets) if secret in text]
    if response.status_code in (301, 302) and report.reference in response.get("Location", ""):
        found.append("redirect to the report")
    return found


def test_every_staff_url_pattern_is_in_the_matrix():
    assert staff_url_names() == set(EXPECTED)


def test_another_forces_staff_find_nothing_and_change_nothing(client, world):
    report, met_staff, other_force = world
    met_officer = met_staff[Role.CASE_OFFICER]
    secrets = [CANARY, "07700 900555", met_officer.username]
    problems = []
    for role, user in other_force.items():
        client.logout()
        verified_client(client, user)
        for name, (_methods, _roles, kind) in EXPECTED.items():
            url = url_for(name, kind, report, met_officer.pk)
            for method, response in requests_for(client, name, url, report, sees_object=False):
                if kind is not None and response.status_code != 404:
                    problems.append((role, name, method, response.status_code))
                if response.status_code >= 500:
                    problems.append((role, name, method, response.status_code))
                if found := leaks(response, report, secrets):
                    problems.append((role, name, method, found))

    assert problems == []
    report.refresh_from_db()
    assert (report.status, report.assigned_to_id, report.transfer_to_id) == (Report.Status.NEW, None, None)
    assert not report.activities.exists()
    assert (
        not AuditEvent.objects.filter(object_id=report.reference, organisation=SOUTH_WALES)
        .exclude(action="report.search")
        .exists()
    )


def test_the_reports_own_force_gets_what_each_role_is_for(client, world):
    report, met_staff, _other = world
    problems = []
    for role, user in met_staff.items():
        client.logout()
        verified_client(client, user)
        for name, (methods, roles, kind) in EXPECTED.items():
            url = url_for(name, kind, report, met_staff[Role.CASE_OFFICER].pk)
            for method, response in requests_for(client, name, url, report):
                if method not in methods:
                    continue
                allowed = role in roles
                if allowed and response.status_code not in (200, 302):
                    problems.append((role, name, method, response.status_code))
                if not allowed and response.status_code != 403:
                    problems.append((role, name, method, response.status_code, "expected 403"))
        # Undo what this role's requests changed, so each role meets the same report.
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.NEW, assigned_to=None, assigned_at=None, transfer_to=None, grade=None
        )
        report.transfers.all().delete()

    assert problems == []


def test_a_report_under_transfer_opens_to_the_receiving_supervisor_only(client, world):
    report, met_staff, other_force = world
    report_transfer_request(
        member=member_of(met_staff[Role.SUPERVISOR]),
        report=report,
        to_force=member_of(other_force[Role.SUPERVISOR]).force,
        reason="Cardiff",
    )
    for role, user in other_force.items():
        client.logout()
        verified_client(client, user)
        accept = client.get(reverse("reporting:staff_report_transfer_accept", args=[report.reference]))
        opened = client.post(
            reverse("reporting:staff_report_reason", args=[report.reference]), {"reason": "transfer"}, follow=True
        )
        if role == Role.SUPERVISOR:
            assert accept.status_code == 200
            assert CANARY in opened.content.decode()
        else:
            assert accept.status_code in (403, 404)
            assert opened.status_code == 404
            assert CANARY not in opened.content.decode()


def test_support_agency_staff_reach_no_staff_view(client, world):
    report, met_staff, _other = world
    agency = support_agency()
    verified_client(client, agency_user(agency))
    reached = []
    for name, (_methods, _roles, kind) in EXPECTED.items():
        url = url_for(name, kind, report, met_staff[Role.CASE_OFFICER].pk)
        for method in ("GET", "POST"):
            response = client.get(url) if method == "GET" else client.post(url)
            if response.status_code != 404:
                reached.append((name, method, response.status_code))

    assert reached == []
