import pytest
from django.db import DatabaseError, connection, transaction

from portal.audit import audit_chain_broken_at, audit_record
from portal.models import AuditEvent
from tests.factories import staff_user


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


def test_an_event_altered_behind_the_applications_back_breaks_the_chain(officer):
    events = record_views(officer, 3)
    with connection.cursor() as cursor:
        # Stand in for someone with database rights who removed the trigger first.
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("UPDATE portal_auditevent SET object_id = 'R9' WHERE id = %s", [events[1].pk])
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER portal_auditevent_no_update")
            cursor.execute("UPDATE portal_auditevent SET object_id = 'R9' WHERE id = %s", [events[1].pk])

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
