"""Celery tasks. Each body is idempotent: a task may run twice (the broker redelivers after
a worker dies, the sweeper re-sends what looks lost) and must have its effect once."""

from celery import shared_task

from . import outbox, services


@shared_task(acks_late=True, ignore_result=True)
def outbox_deliver(message_id: str) -> bool:
    return outbox.deliver(message_id)


@shared_task(ignore_result=True)
def outbox_sweep() -> int:
    return outbox.sweep()


@shared_task(ignore_result=True)
def drafts_purge() -> int:
    return services.drafts_purge()
