"""Celery tasks. Each body is idempotent: a task may run twice and must have its effect once."""

from smtplib import SMTPException

from celery import shared_task

from .referrals import notifications


@shared_task(
    acks_late=True,
    ignore_result=True,
    autoretry_for=(OSError, SMTPException),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=12,
)
def referral_notify(referral_id: str) -> bool:
    """Tells the agency "a new referral is waiting", with nothing about the person."""
    return notifications.referral_notification_send(referral_id=referral_id)


@shared_task(ignore_result=True)
def referral_notifications_sweep() -> int:
    """Sends the notifications that did not go when their referral was made (the broker
    was down): run it every few minutes from Celery beat."""
    due = notifications.referral_notifications_due()
    for referral_id in due:
        referral_notify.delay(referral_id)
    return len(due)
