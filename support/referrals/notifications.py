"""Telling an agency a referral is waiting: an email that says nothing about anyone, sent
after the referral's transaction commits, and sent again by a sweep if the broker was down or
the worker died.

Once, as nearly as email allows. No sender can make SMTP exactly-once on its own side: between
the mail server's "250 OK" and our record that it was sent there is always a moment in which a
crash leaves us not knowing, and then we either send again (at least once) or risk never
telling the agency (at most once). An agency that is never told is worse than one told twice,
so we send again, and make both the window and the repeat as small as we can:

- The window. A send is claimed in one short transaction (`notification_claimed_at`), the
  email goes outside any transaction, and `notified_at` is set in another short transaction
  straight after the server accepts it. Only a crash between "250 OK" and that one UPDATE
  sends twice (before, the whole email was inside the transaction that set `notified_at`).
- The claim. A claim younger than LEASE belongs to the worker that made it: no one else sends
  the email meanwhile. A worker that dies with a claim leaves it to the sweep once the lease is
  over; the lease outlasts the task's hard time limit, so by then its send has finished or
  been killed. A send that fails gives its claim back at once, for the task to try again.
- The repeat. Every email for a referral carries the same Message-ID,
  `<referral-<uuid>@<site host>>`, so a receiving mail system that removes duplicates (and a
  person, and the stack test) can tell the second for the first.

docs/reliability.md has the figures from killing the worker mid-send.
"""

import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import DNS_NAME
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ..models import Referral

logger = logging.getLogger(__name__)

# How long a worker's claim on a notification keeps others off it: longer than a task may run
# (settings.CELERY_TASK_TIME_LIMIT, 60 s, after which the worker process is killed).
LEASE = timedelta(minutes=2)


def notify_after_commit(referral: Referral) -> None:
    """Queues the notification once the referral is saved for good."""
    from ..tasks import referral_notify

    referral_id = str(referral.pk)
    # If the broker is down, the referral_notifications_sweep task sends it later.
    transaction.on_commit(lambda: referral_notify.delay(referral_id), robust=True)


def referral_notification_message() -> tuple[str, str]:
    """The subject and body of the notification: the same for every referral, so it says
    nothing about anyone (an agency's mailbox may be shared, forwarded or read on a phone)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("A new referral is waiting")
        where = getattr(settings, "WAYMARK_SITE_URL", "").rstrip("/")
        link = f"{where}{reverse('support:agency_inbox')}" if where else gettext("the referrals inbox")
        body = gettext(
            "A new referral is waiting for your organisation.\n\n"
            "Sign in to read it: %(link)s\n\n"
            "For the person's safety this email says nothing about them. Do not reply to it."
        ) % {"link": link}
    return subject, body


def referral_notification_message_id(referral_id: UUID | str) -> str:
    """The same Message-ID for every email about one referral, so a repeat is recognisable."""
    host = urlsplit(getattr(settings, "WAYMARK_SITE_URL", "")).hostname or str(DNS_NAME)
    return f"<referral-{referral_id}@{host}>"


def referral_notification_send(*, referral_id: UUID | str, now: datetime | None = None) -> bool:
    """Emails the agency that a referral is waiting. Returns False when there was nothing to
    send (sent already, claimed by another worker within LEASE, or the agency has no address).

    Claim, send outside any transaction, mark sent (see the module's docstring). If sending
    fails, the claim is given back and the error raised, for the task to try again.
    """
    now = now or timezone.now()
    claimed = _claim(referral_id, now=now)
    if claimed is None:
        return False
    referral_id, address = claimed
    subject, body = referral_notification_message()
    email = EmailMessage(
        subject, body, None, [address], headers={"Message-ID": referral_notification_message_id(referral_id)}
    )
    try:
        email.send()
    except Exception:
        Referral.objects.filter(pk=referral_id, notification_claimed_at=now, notified_at__isnull=True).update(
            notification_claimed_at=None
        )
        raise
    Referral.objects.filter(pk=referral_id, notified_at__isnull=True).update(notified_at=timezone.now())
    return True


def _claim(referral_id: UUID | str, *, now: datetime) -> tuple[UUID, str] | None:
    """Takes the notification on, in a transaction of its own: (referral id, address), or
    None if it is sent, claimed by someone else within LEASE, or has nowhere to go."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("agency")
            .only("id", "notified_at", "notification_claimed_at", "agency", "agency__notification_email")
            .filter(_unclaimed(now), pk=referral_id, notified_at__isnull=True)
            .first()
        )
        if referral is None:
            return None
        if not referral.agency.notification_email:
            logger.warning(
                "Agency %s has no notification address; referral %s waits unannounced.",
                referral.agency_id,
                referral.pk,
            )
            return None
        referral.notification_claimed_at = now
        referral.save(update_fields=["notification_claimed_at"])
    return referral.pk, referral.agency.notification_email


def _unclaimed(now: datetime) -> Q:
    return Q(notification_claimed_at__isnull=True) | Q(notification_claimed_at__lt=now - LEASE)


def referral_notifications_due(*, older_than: timedelta = timedelta(minutes=5)) -> list[str]:
    """Referrals whose notification has not gone after a while (the broker was down when
    they were made, or the worker that claimed it died and its lease is over): for the
    periodic sweep to send again."""
    now = timezone.now()
    return [
        str(pk)
        for pk in Referral.objects.filter(
            _unclaimed(now),
            notified_at__isnull=True,
            created_at__lte=now - older_than,
            agency__notification_email__gt="",
        ).values_list("pk", flat=True)[:500]
    ]
