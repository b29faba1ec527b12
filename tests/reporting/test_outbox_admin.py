"""The admin's "Retry" action for outbox messages that failed too often."""

import pytest
from django.urls import reverse

from portal.models import AuditEvent
from reporting import outbox, services
from reporting.models import OutboxMessage
from tests.factories import staff_user
from tests.reporting.test_admin import signed_in_admin

TOPIC = "test.retry"


@pytest.fixture
def handled():
    received = []
    outbox.subscribe(TOPIC, "tests.retry")(received.append)
    yield received
    outbox._handlers.pop(TOPIC, None)


def message(status):
    return OutboxMessage.objects.create(
        topic=TOPIC, handler="tests.retry", payload={"n": str(status)}, status=status, attempts=outbox.MAX_ATTEMPTS
    )


def test_retrying_dead_messages_delivers_them_and_records_who_did_it(
    client, forces, handled, django_capture_on_commit_callbacks, caplog
):
    dead = message(OutboxMessage.Status.DEAD)
    done = message(OutboxMessage.Status.DONE)
    signed_in_admin(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reporting_outboxmessage_changelist"),
            {"action": "retry_dead", "_selected_action": [str(dead.pk), str(done.pk)]},
            follow=True,
        )

    dead.refresh_from_db()
    done.refresh_from_db()
    assert dead.status == OutboxMessage.Status.DONE and dead.attempts == 0
    assert handled == [{"n": "dead"}]
    assert done.attempts == outbox.MAX_ATTEMPTS, "a message that had not failed is left alone"
    assert "Messages sent again: 1. Not failed, so left alone: 1." in response.content.decode()
    [event] = AuditEvent.objects.filter(action="outbox.retry")
    assert event.object_id == str(dead.pk) and event.actor.username == "admin-reports"
    assert "1 dead outbox message(s) retried" in caplog.text


def test_the_retry_is_a_service_that_leaves_messages_that_are_not_dead_alone(
    forces, handled, django_capture_on_commit_callbacks
):
    dead = message(OutboxMessage.Status.DEAD)
    pending = message(OutboxMessage.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        retried = services.outbox_dead_retry(actor=staff_user(username="ops"), message_ids=[dead.pk, pending.pk])

    assert retried == [dead.pk]
    assert handled == [{"n": "dead"}]
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == (OutboxMessage.Status.PENDING, outbox.MAX_ATTEMPTS)
