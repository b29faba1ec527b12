"""Writes for following a sent report: the person's code, messages both ways, additions.

The person who sent a report is given a private code with it, shown once on the confirmation
page. With the report's reference (the locator: it finds the report and is not secret) the
code lets them come back, see where the report is, read what the officer wrote, reply and
add information. The code follows the rules of return codes (``drafts``): only an Argon2id
hash is kept, a wrong, expired or closed code gets one answer after one verification, wrong
codes are counted per client in the same record, and only the client guessing is refused
(docs/decisions/0012-return-code-limits.md). Nothing here logs a code, a reference or text.

Every message staff send or read is in the audit trail; everything, the person's side too,
is in the report's case history (``ReportActivity``; the person is no user, so no actor).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.refusals import Refused

from .. import codes
from ..models import Report, ReportActivity, ReportCode, ReportMessage, StaffMember
from ..selectors.followup import live_codes
from ..triage import WORKERS, can_work
from ._common import report_audit

# Return codes and follow-up codes are one kind of secret to a guesser: they share the hasher,
# the keyed digests and the per-client record of wrong codes (a client cannot double its
# guesses by alternating between the two forms).
from .drafts import (
    ReturnCodesLimited,
    code_attempt_limits_check,
    code_attempt_record,
    code_digest,
    code_hash,
    code_verify,
)

MESSAGE_MAX_LENGTH = 5000

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "ReturnCodesLimited",
    "follow_up_code_issue",
    "follow_up_open",
    "person_addition_add",
    "person_message_send",
    "person_messages_read",
    "staff_message_send",
    "staff_messages_read",
]


def _code_lifetime() -> timedelta:
    return timedelta(days=settings.WAYMARK_FOLLOW_UP_CODE_DAYS)


def follow_up_code_issue(*, report: Report, replace: bool = True) -> str:
    """Gives the report a new follow-up code and returns it, grouped, to be shown once. Any
    earlier code stops working. Only a slow hash is kept. ``report_submit`` calls it with
    ``replace=False`` in the transaction that makes the report (there is no earlier code), so
    a report never exists without its way back."""
    code = codes.new_follow_up_code()
    fresh = ReportCode(report=report, code_hash=code_hash(code), expires_at=timezone.now() + _code_lifetime())
    if replace:
        with transaction.atomic():
            ReportCode.objects.filter(report=report).delete()
            fresh.save(force_insert=True)
    else:
        fresh.save(force_insert=True)
    return codes.grouped(code)


def _locator_digest(reference: str) -> str:
    # Kept apart from the drafts' locators, which are drawn from the same alphabet.
    return code_digest(f"report:{reference}")


@transaction.atomic
def follow_up_open(*, reference: str, code: str, client: str, now: datetime | None = None) -> ReportCode | None:
    """The live code a reference and code open, or None; its expiry is pushed back.

    A wrong code, an expired one, a replaced one and the code of a report closed too long ago
    get the same answer, each after one Argon2id verification. Wrong codes are counted per
    client (its address, or IPv6 /64) for the reference and in all, in the same record as
    return codes; past either limit that client is refused, right code or not
    (``ReturnCodesLimited``), and nobody else is: the owner's right code always opens.
    """
    now = now or timezone.now()
    locator = codes.grouped(codes.normalise(reference))
    secret = codes.normalise(code)
    locator_digest = _locator_digest(locator)
    code_attempt_limits_check(client=client, locator_digest=locator_digest, now=now)
    well_formed = len(secret) == codes.FOLLOW_UP_CODE_LENGTH and all(c in codes.ALPHABET for c in secret)
    found = live_codes(now).filter(report__reference=locator).first() if well_formed and locator else None
    if not code_verify(hashed=found.code_hash if found else None, secret=secret):
        code_attempt_record(client=client, locator_digest=locator_digest, now=now)
        return None
    found.expires_at = now + _code_lifetime()
    found.save(update_fields=["expires_at"])
    return found


def _text(text: str, *, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused(empty)
    if len(text) > MESSAGE_MAX_LENGTH:
        raise Refused(_("Keep it to %(count)d characters or fewer.") % {"count": MESSAGE_MAX_LENGTH})
    return text


def _from_person(*, report: Report, kind: str, text: str, activity: str) -> ReportMessage:
    message = ReportMessage.objects.create(
        report=report, direction=ReportMessage.Direction.FROM_PERSON, kind=kind, text=text
    )
    ReportActivity.objects.create(report=report, actor=None, kind=activity, data={"message": str(message.pk)})
    return message


@transaction.atomic
def person_message_send(*, report: Report, text: str) -> ReportMessage:
    """A message from the person who sent the report to the force that has it."""
    text = _text(text, empty=_("Enter your message"))
    return _from_person(
        report=report, kind=ReportMessage.Kind.MESSAGE, text=text, activity=ReportActivity.Kind.MESSAGE_RECEIVED
    )


@transaction.atomic
def person_addition_add(*, report: Report, text: str) -> ReportMessage:
    """Information or a correction the person adds to their report: kept beside it, in
    order, never written into what was sent."""
    text = _text(text, empty=_("Enter what you want to add"))
    return _from_person(
        report=report, kind=ReportMessage.Kind.ADDITION, text=text, activity=ReportActivity.Kind.ADDITION_RECEIVED
    )


@transaction.atomic
def person_messages_read(*, report: Report, now: datetime | None = None) -> int:
    """Marks the force's messages the person has now seen as read, each in the case history."""
    now = now or timezone.now()
    unread = list(
        ReportMessage.objects.filter(
            report=report, direction=ReportMessage.Direction.TO_PERSON, read_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not unread:
        return 0
    ReportMessage.objects.filter(pk__in=unread).update(read_at=now)
    ReportActivity.objects.bulk_create(
        ReportActivity(
            report=report,
            actor=None,
            at=now,
            kind=ReportActivity.Kind.MESSAGE_READ_BY_PERSON,
            data={"message": str(pk)},
        )
        for pk in unread
    )
    return len(unread)


@transaction.atomic
def staff_message_send(*, member: StaffMember, report: Report, text: str) -> ReportMessage:
    """A message to the person who sent the report, from a member of staff who may work it.
    Refused when the person has no way to read it (a report sent before codes were given)."""
    report = Report.objects.select_for_update(of=("self",)).select_related("force").get(pk=report.pk)
    if member.role not in WORKERS or not can_work(member, report):
        raise Refused(_("You cannot send messages about this report."))
    if not ReportCode.objects.filter(report=report).exists():
        raise Refused(_("The person who sent this report has no code to read messages with."))
    text = _text(text, empty=_("Enter your message"))
    message = ReportMessage.objects.create(
        report=report, direction=ReportMessage.Direction.TO_PERSON, sent_by=member.user, text=text
    )
    ReportActivity.objects.create(
        report=report, actor=member.user, kind=ReportActivity.Kind.MESSAGE_SENT, data={"message": str(message.pk)}
    )
    report_audit(member=member, action="report.message_send", report=report, reason=f"message {message.pk}")
    return message


@transaction.atomic
def staff_messages_read(*, member: StaffMember, report: Report, now: datetime | None = None) -> int:
    """Marks what the person sent (messages and additions) as read by this member of staff,
    once they have opened the report, when they may work it (``triage.can_work``: others who
    open it leave the messages new for the officer working it): audited message by message,
    and one entry in the case history. Returns how many were new."""
    if not can_work(member, report):
        return 0
    now = now or timezone.now()
    unread = list(
        ReportMessage.objects.filter(
            report=report, direction=ReportMessage.Direction.FROM_PERSON, read_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not unread:
        return 0
    ReportMessage.objects.filter(pk__in=unread).update(read_at=now, read_by=member.user)
    ReportActivity.objects.create(
        report=report,
        actor=member.user,
        at=now,
        kind=ReportActivity.Kind.MESSAGES_READ,
        data={"count": len(unread), "messages": [str(pk) for pk in unread]},
    )
    for pk in unread:
        report_audit(member=member, action="report.message_read", report=report, reason=f"message {pk}")
    return len(unread)
