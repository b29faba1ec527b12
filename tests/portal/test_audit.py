import base64

import pytest
from django.core.exceptions import FieldError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from portal.audit import audit_chain_broken_at, audit_record
from portal.models import AuditEvent
from reporting.models import StaffMember
from tests.factories import MET, grade_schemes, queued_report, staff_user, verified_client

CANARY = "canary-re4s0n-Jane-Doe-5521"


@pytest.fixture
def officer(db):
    return staff_user(username="officer")


def record_views(officer, count):
    return [
        audit_record(actor=officer, action="view", object_type="report", object_id=f"R{i}", organisation="E23000001")
        for i in range(count)
    ]


def test_each_event_names_the_one_before_it(officer):
    first, second, third = record_views(officer, 3)

    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert audit_chain_broken_at() is None


def test_the_application_cannot_change_or_delete_an_event(officer):
    (event,) = record_views(officer, 1)
    event.reason = "changed my mind"

    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE portal_auditevent SET reason = 'edited'", "DELETE FROM portal_auditevent"],
)
def test_the_database_refuses_to_change_or_delete_events(officer, statement):
    record_views(officer, 2)

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)

    assert AuditEvent.objects.count() == 2


def update_behind_the_applications_back(statement: str, params: list) -> None:
    """Stands in for someone with database rights who lifted the append-only trigger first
    (inside the test's transaction, so the trigger is back afterwards)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(statement, params)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS portal_auditevent_no_update")
            cursor.execute(statement, params)


def stored_reason(event: AuditEvent) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM portal_auditevent WHERE id = %s", [event.pk])
        return cursor.fetchone()[0]


def set_stored_reason(event: AuditEvent, value: str) -> None:
    update_behind_the_applications_back("UPDATE portal_auditevent SET reason = %s WHERE id = %s", [value, event.pk])


def test_an_event_altered_behind_the_applications_back_breaks_the_chain(officer):
    events = record_views(officer, 3)
    update_behind_the_applications_back("UPDATE portal_auditevent SET object_id = 'R9' WHERE id = %s", [events[1].pk])

    assert audit_chain_broken_at() == events[1].pk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_unbroken_chain():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    officer = staff_user(username="busy-officer")

    def append_ten(thread: int) -> None:
        try:
            for i in range(10):
                audit_record(actor=officer, action="view", object_type="report", object_id=f"{thread}-{i}")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(append_ten, range(8)))

    assert AuditEvent.objects.count() == 80
    assert audit_chain_broken_at() is None


def raw_reasons() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM portal_auditevent ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_reason_typed_by_staff_is_sealed_at_rest_and_shown_to_supervisors(client, forces):
    grade_schemes()
    officer = staff_user(force_code=MET, role=StaffMember.Role.CASE_OFFICER)
    supervisor = staff_user(force_code=MET, role=StaffMember.Role.SUPERVISOR)
    report = queued_report()
    verified_client(client, officer)

    client.post(
        reverse("reporting:staff_report_reason", args=[report.reference]),
        {"reason": "other", "detail": CANARY, "next": reverse("reporting:staff_report", args=[report.reference])},
    )
    assert client.get(reverse("reporting:staff_report", args=[report.reference])).status_code == 200

    stored = raw_reasons()
    assert stored and all(reason.startswith("wm1:") for reason in stored)
    assert not any(CANARY in reason for reason in stored)
    client.logout()
    verified_client(client, supervisor)
    audit_page = client.get(reverse("reporting:staff_report_audit", args=[report.reference]))
    assert CANARY in audit_page.content.decode()
    assert officer.get_username() in audit_page.content.decode()
    assert audit_chain_broken_at() is None


def record_reasons(officer, *reasons):
    return [
        audit_record(actor=officer, action="report.view", object_type="report", object_id="R1", reason=reason)
        for reason in reasons
    ]


def test_a_reason_is_stored_sealed_and_reads_back_as_text(officer):
    (event,) = record_reasons(officer, "Call from Jane Doe's sister")

    assert stored_reason(event).startswith("wm1:")
    assert "Jane" not in stored_reason(event)
    assert AuditEvent.objects.get(pk=event.pk).reason == "Call from Jane Doe's sister"
    assert audit_chain_broken_at() is None


def test_a_reason_written_before_reasons_were_sealed_still_reads_and_verifies(officer):
    old, new = record_reasons(officer, "Triage", "Another reason: a call")
    # As the row was written before migration 0004: the same hash, over the same plaintext.
    set_stored_reason(old, "Triage")

    assert AuditEvent.objects.get(pk=old.pk).reason == "Triage"
    assert stored_reason(new).startswith("wm1:")
    assert audit_chain_broken_at() is None


def test_a_sealed_reason_altered_behind_the_applications_back_breaks_the_chain(officer):
    events = record_reasons(officer, "Triage", "Another reason: a call", "Triage")
    prefix, body = stored_reason(events[1]).rsplit(":", 1)
    flipped = bytearray(base64.urlsafe_b64decode(body))
    flipped[-1] ^= 1
    set_stored_reason(events[1], f"{prefix}:{base64.urlsafe_b64encode(bytes(flipped)).decode()}")

    assert audit_chain_broken_at() == events[1].pk


def test_a_sealed_reason_copied_from_another_row_breaks_the_chain(officer):
    events = record_reasons(officer, "Triage", "Triage", "Triage")
    set_stored_reason(events[2], stored_reason(events[0]))

    assert audit_chain_broken_at() == events[2].pk


def test_a_sealed_reason_replaced_with_other_plaintext_breaks_the_chain(officer):
    events = record_reasons(officer, "Triage", "Another reason: a call")
    set_stored_reason(events[1], "Another reason: nothing to see")

    assert audit_chain_broken_at() == events[1].pk


def test_reasons_cannot_be_filtered_on(officer):
    record_reasons(officer, "Triage")

    with pytest.raises(FieldError, match="Unsupported lookup"):
        AuditEvent.objects.filter(reason="Triage").count()


def test_the_admin_shows_a_sealed_reason_as_text_and_never_searches_it(client, officer):
    (event,) = record_reasons(officer, "Another reason: a call")
    officer.is_staff = officer.is_superuser = True
    officer.save()
    verified_client(client, officer)

    detail = client.get(reverse("admin:portal_auditevent_change", args=[event.pk]))
    searched = client.get(reverse("admin:portal_auditevent_changelist"), {"q": "a call"})
    filtered = client.get(reverse("admin:portal_auditevent_changelist"), {"reason": "Triage"})

    assert "Another reason: a call" in detail.content.decode()
    assert "wm1:" not in detail.content.decode()
    assert searched.status_code == 200 and "0 audit events" in searched.content.decode()
    assert filtered.status_code == 302 and filtered["Location"].endswith("?e=1")
