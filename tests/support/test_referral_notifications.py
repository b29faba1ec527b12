"""The "a new referral is waiting" email: claimed in one transaction, sent outside any, marked
sent in another, with a Message-ID of its own so that a repeat after a crash is recognisable.
docs/reliability.md says why this is as close to exactly once as SMTP allows."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.utils import timezone

from support.models import Referral
from support.referrals import notifications
from support.referrals.notifications import referral_notification_send
from tests.factories import DOMESTIC_ABUSE_ANSWERS, referred_report, support_agency

MET = "E23000001"
AGENCY_EMAIL = "referrals@agency.example"
# What the backend saw of the world as each email went.
SEEN: list[dict] = []


class WatchingBackend(LocmemBackend):
    """Django's test backend, noting as each email goes whether a transaction is open and what
    the database says of the referral."""

    def send_messages(self, messages):
        SEEN.append(
            {
                "in_transaction": connection.in_atomic_block,
                "rows": list(Referral.objects.values_list("notification_claimed_at", "notified_at")),
            }
        )
        return super().send_messages(messages)


class FailingBackend(LocmemBackend):
    def send_messages(self, messages):
        raise SMTPException("421 try again later")


@pytest.fixture
def referral(forces):
    support_agency("Women's Aid Test", routes=((MET, "domestic_abuse"),), notification_email=AGENCY_EMAIL)
    report = referred_report(dict(DOMESTIC_ABUSE_ANSWERS, support_referrals=["domestic_abuse_service"]))
    return Referral.objects.get(report=report)


def message_id(message) -> str:
    return message.message()["Message-ID"]


def test_the_email_carries_a_message_id_of_the_referral_the_same_every_time(referral, settings):
    settings.WAYMARK_SITE_URL = "https://report.example.police.uk"

    assert referral_notification_send(referral_id=referral.pk) is True
    Referral.objects.filter(pk=referral.pk).update(notified_at=None, notification_claimed_at=None)
    assert referral_notification_send(referral_id=referral.pk) is True

    first, second = mail.outbox
    assert message_id(first) == f"<referral-{referral.pk}@report.example.police.uk>"
    assert message_id(second) == message_id(first)


@pytest.mark.django_db(transaction=True)
def test_the_email_goes_outside_any_transaction_after_its_claim_is_committed(referral, settings):
    # Here commits happen: the referral's own notification went as it was made. Again:
    Referral.objects.filter(pk=referral.pk).update(notified_at=None, notification_claimed_at=None)
    settings.EMAIL_BACKEND = f"{__name__}.WatchingBackend"
    SEEN.clear()

    assert referral_notification_send(referral_id=referral.pk) is True

    [seen] = SEEN
    assert seen["in_transaction"] is False
    [(claimed_at, notified_at)] = seen["rows"]
    assert claimed_at is not None, "the claim is committed before the email goes"
    assert notified_at is None
    assert Referral.objects.get(pk=referral.pk).notified_at is not None


def test_a_claim_another_worker_holds_is_left_to_it_until_its_lease_runs_out(referral, time_machine):
    from support.tasks import referral_notifications_sweep

    # A worker claimed it and died before the mail server accepted it (or while it talked).
    claimed = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(
        created_at=claimed - timedelta(minutes=10), notification_claimed_at=claimed
    )

    assert referral_notification_send(referral_id=referral.pk) is False
    assert referral_notifications_sweep() == 0
    assert mail.outbox == []

    time_machine.move_to(claimed + notifications.LEASE + timedelta(seconds=1))
    assert referral_notifications_sweep() == 1
    assert len(mail.outbox) == 1
    assert Referral.objects.get(pk=referral.pk).notified_at is not None


def test_a_failed_send_gives_its_claim_back_for_the_task_to_try_again(referral, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"

    with pytest.raises(SMTPException):
        referral_notification_send(referral_id=referral.pk)

    assert Referral.objects.get(pk=referral.pk).notification_claimed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert referral_notification_send(referral_id=referral.pk) is True
    assert len(mail.outbox) == 1


def test_the_lease_outlasts_any_send_a_worker_may_still_be_running():
    # A task running longer than CELERY_TASK_TIME_LIMIT is killed, so once the lease is over
    # the first send has either finished or died.
    assert timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) < notifications.LEASE
