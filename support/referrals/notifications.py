"""Telling an agency a referral is waiting: an email that says nothing about anyone, sent
once, after the referral's transaction commits, and sent again by a sweep if the broker was
down."""

import logging
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ..models import Referral

logger = logging.getLogger(__name__)


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


@transaction.atomic
def referral_notification_send(*, referral_id: UUID | str) -> bool:
    """Emails the agency that a referral is waiting, once. Returns False when there was
    nothing to send (sent already, or the agency has no address).

    The row is locked while the email goes, so two workers never both send it; if sending
    fails, the transaction rolls back and the task tries again.
    """
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("agency")
        .only("id", "notified_at", "agency", "agency__notification_email")
        .filter(pk=referral_id, notified_at__isnull=True)
        .first()
    )
    if referral is None:
        return False
    if not referral.agency.notification_email:
        logger.warning(
            "Agency %s has no notification address; referral %s waits unannounced.", referral.agency_id, referral.pk
        )
        return False
    subject, body = referral_notification_message()
    send_mail(subject, body, None, [referral.agency.notification_email])
    referral.notified_at = timezone.now()
    referral.save(update_fields=["notified_at"])
    return True


def referral_notifications_due(*, older_than: timedelta = timedelta(minutes=5)) -> list[str]:
    """Referrals whose notification has not gone after a while (the broker was down when
    they were made): for the periodic sweep to send again."""
    since = timezone.now() - older_than
    return [
        str(pk)
        for pk in Referral.objects.filter(
            notified_at__isnull=True, created_at__lte=since, agency__notification_email__gt=""
        ).values_list("pk", flat=True)[:500]
    ]
