"""Writes for support agencies, their staff and the directory of support services."""

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.audit import audit_record
from portal.models import User
from reporting.models import Report
from reporting.selectors import staff_member_for

from . import referral_data, selectors, working_days
from .models import (
    AgencyMember,
    BankHolidayHours,
    ConsentMethod,
    OpeningPeriod,
    Referral,
    ReferralKind,
    ReferralRoute,
    SupportAgency,
    SupportService,
)
from .opening_hours import BankHolidayRule, Day

logger = logging.getLogger(__name__)


@transaction.atomic
def agency_member_assign(*, user: User, agency: SupportAgency) -> AgencyMember:
    """Makes the user a member of the agency's staff (of that agency only)."""
    member, _ = AgencyMember.objects.update_or_create(user=user, defaults={"agency": agency})
    return member


# --- The directory of support services -------------------------------------------------

NATIONAL_SERVICES_FILE = selectors.DATA_DIR / "national_services.json"

_SERVICE_FIELDS = (
    "name",
    "organisation",
    "description",
    "description_cy",
    "categories",
    "only_for_listed_groups",
    "phone",
    "text_phone",
    "webchat_url",
    "email",
    "website",
    "always_open",
    "bank_holidays",
    "accepts_police_referrals",
    "source_urls",
    "checked_on",
    "needs_verification",
    "verification_note",
)


class ServiceDataError(ValueError):
    """The national services file says something the directory cannot hold."""


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    unchanged: int
    deactivated: int


def _time(text: str, where: str) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        raise ServiceDataError(f"{where}: {text!r} is not a time like 09:30.") from None


def _entry_values(entry: dict) -> tuple[dict, list[tuple[int, time, time]]]:
    """Turn one file entry into model field values and opening periods, or fail loudly."""
    slug = entry.get("slug", "?")
    hours = entry.get("hours") or {}
    periods: list[tuple[int, time, time]] = []
    for block in hours.get("periods", []):
        opens = _time(block.get("opens"), slug)
        closes = _time(block.get("closes"), slug)
        for key in block.get("days", []):
            try:
                day = Day.from_key(key)
            except KeyError:
                raise ServiceDataError(f"{slug}: {key!r} is not a day (mon … sun, bank_holiday).") from None
            periods.append((int(day), opens, closes))
    rule = hours.get("bank_holidays", BankHolidayRule.UNKNOWN.value if periods else BankHolidayRule.AS_USUAL.value)
    if rule not in BankHolidayHours.values:
        raise ServiceDataError(f"{slug}: bank_holidays must be one of {', '.join(BankHolidayHours.values)}.")
    values = {
        "name": entry["name"],
        "organisation": entry.get("organisation", ""),
        "description": entry["description"],
        "description_cy": entry.get("description_cy", ""),
        "categories": list(entry["categories"]),
        "only_for_listed_groups": bool(entry.get("only_for_listed_groups", False)),
        "phone": entry.get("phone", ""),
        "text_phone": entry.get("text", ""),
        "webchat_url": entry.get("webchat_url", ""),
        "email": entry.get("email", ""),
        "website": entry.get("website", ""),
        "always_open": bool(hours.get("always_open", False)),
        "bank_holidays": rule,
        "accepts_police_referrals": bool(entry.get("accepts_police_referrals", False)),
        "source_urls": "\n".join(source["url"] for source in entry.get("sources", [])),
        "checked_on": date.fromisoformat(entry["checked"]) if entry.get("checked") else None,
        "needs_verification": bool(entry.get("verify", False)),
        "verification_note": entry.get("verify_notes", ""),
    }
    return values, sorted(periods)


def _period_tuples(service: SupportService) -> list[tuple[int, time, time]]:
    return sorted((p.day, p.opens, p.closes) for p in service.periods.all())


@transaction.atomic
def national_services_sync(*, path: Path = NATIONAL_SERVICES_FILE) -> SyncResult:
    """Brings the national services in line with the data file. Idempotent: a second run
    changes nothing. Local services are never touched; a national service that has left
    the file is hidden (not deleted, so anything that points at it keeps working)."""
    entries = json.loads(path.read_text(encoding="utf-8"))["services"]
    slugs = [entry["slug"] for entry in entries]
    if len(set(slugs)) != len(slugs):
        raise ServiceDataError("Two national services share a slug.")
    existing = {s.slug: s for s in SupportService.objects.filter(slug__in=slugs).prefetch_related("periods")}
    created = updated = unchanged = 0
    for entry in entries:
        values, periods = _entry_values(entry)
        service = existing.get(entry["slug"])
        if service is not None and service.force_id is not None:
            raise ServiceDataError(f"{entry['slug']}: a local service already uses this slug.")
        if service is None:
            service = SupportService(slug=entry["slug"])
            is_new = True
        else:
            is_new = False
            same = all(getattr(service, name) == value for name, value in values.items())
            if same and service.is_active and _period_tuples(service) == periods:
                unchanged += 1
                continue
        for name, value in values.items():
            setattr(service, name, value)
        service.is_active = True
        try:
            service.full_clean(exclude=["slug"] if not is_new else None)
        except ValidationError as error:
            raise ServiceDataError(f"{entry['slug']}: {error.message_dict}") from None
        service.save()
        service.periods.all().delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(service=service, day=day, opens=opens, closes=closes) for day, opens, closes in periods
        )
        if is_new:
            created += 1
        else:
            updated += 1
    deactivated = (
        SupportService.objects.filter(force__isnull=True, is_active=True)
        .exclude(slug__in=slugs)
        .update(is_active=False)
    )
    return SyncResult(created=created, updated=updated, unchanged=unchanged, deactivated=deactivated)


# --- Referrals to support agencies -------------------------------------------------------


class ReferralStateError(Exception):
    """The referral's status does not allow this change (for example, it was declined)."""

    def __init__(self, referral: Referral):
        self.referral = referral
        super().__init__(f"Referral {referral.pk} is {referral.status}.")


class ReferralNotAllowed(Exception):
    """An officer cannot make this referral: no agency receives it in the force's area, it
    has been made already, or the report's contact details are not the victim's."""


def _referral_source(report: Report) -> referral_data.Source:
    return referral_data.Source(
        reference=report.reference,
        report_type=report.report_type,
        force=report.force.display_name,
        answers=report.answers["values"],
    )


def _referral_due_at(report: Report) -> datetime:
    return working_days.due_at(report.submitted_at, selectors.bank_holidays())


def _notify_after_commit(referral: Referral) -> None:
    from .tasks import referral_notify

    referral_id = str(referral.pk)
    # If the broker is down, the referral_notifications_sweep task sends it later.
    transaction.on_commit(lambda: referral_notify.delay(referral_id), robust=True)


def _referral_make(
    *,
    report: Report,
    route: ReferralRoute,
    consent_option: str,
    consent_method: ConsentMethod,
    consent_recorded_at: datetime,
    consent_recorded_by: User | None,
) -> Referral:
    referral = Referral(
        report=report,
        agency=route.agency,
        kind=route.kind,
        consent_option=consent_option,
        consent_method=consent_method,
        consent_recorded_at=consent_recorded_at,
        consent_recorded_by=consent_recorded_by,
        shared=referral_data.data_set(route.kind, _referral_source(report)),
        data_set_version=referral_data.DATA_SET_VERSION,
        due_at=_referral_due_at(report),
    )
    referral.save(force_insert=True)
    _notify_after_commit(referral)
    return referral


@transaction.atomic
def referrals_create(*, report_id: UUID | str) -> list[Referral]:
    """Makes the referrals a person agreed to on the online form: one per service they
    chose that has a receiving agency in their force area.

    Idempotent: a kind of service already referred for this report (whatever became of the
    referral since) is not referred again, so running twice makes nothing more. Returns the
    referrals made by this call.
    """
    report = Report.objects.select_related("force").select_for_update(of=("self",)).filter(pk=report_id).first()
    if report is None:
        return []
    answers = report.answers["values"]
    for option in referral_data.unknown_options(answers):
        logger.warning("Report %s asked for a referral option support does not know: %s", report.pk, option)
    wanted = referral_data.consented_kinds(answers)
    if not wanted:
        return []
    done = set(Referral.objects.filter(report=report).values_list("kind", flat=True))
    routes = {
        route.kind: route
        for route in ReferralRoute.objects.select_related("agency").filter(
            force_id=report.force_id, kind__in=[kind for _option, kind in wanted]
        )
    }
    return [
        _referral_make(
            report=report,
            route=routes[kind],
            consent_option=option,
            consent_method=ConsentMethod.ONLINE_FORM,
            consent_recorded_at=report.submitted_at,
            consent_recorded_by=None,
        )
        for option, kind in wanted
        if kind in routes and kind not in done
    ]


OFFICER_CONSENT_METHODS = (
    ConsentMethod.OFFICER_PHONE,
    ConsentMethod.OFFICER_IN_PERSON,
    ConsentMethod.OFFICER_IN_WRITING,
)


@transaction.atomic
def referral_create_by_officer(
    *, report: Report, kind: ReferralKind | str, consent_method: ConsentMethod | str, officer: User
) -> Referral:
    """A referral made after the report by a member of the report's force, who records how
    the person agreed to it. Audited as a disclosure."""
    member = staff_member_for(officer)
    if member is None or member.force_id != report.force_id:
        raise PermissionError("Only the report's own force can refer it.")
    if consent_method not in OFFICER_CONSENT_METHODS:
        raise ValueError(f"{consent_method!r} is not a way an officer records consent.")
    report = Report.objects.select_related("force").select_for_update(of=("self",)).get(pk=report.pk)
    if not referral_data.about_themselves(report.answers["values"]):
        raise ReferralNotAllowed("The report holds no contact details of the victim's own.")
    route = ReferralRoute.objects.select_related("agency").filter(force_id=report.force_id, kind=kind).first()
    if route is None:
        raise ReferralNotAllowed("No agency receives these referrals in the force's area.")
    if Referral.objects.filter(report=report, kind=kind).exclude(status=Referral.Status.DECLINED).exists():
        raise ReferralNotAllowed("This report has already been referred to this kind of service.")
    referral = _referral_make(
        report=report,
        route=route,
        consent_option="",
        consent_method=ConsentMethod(consent_method),
        consent_recorded_at=timezone.now(),
        consent_recorded_by=officer,
    )
    audit_record(
        actor=officer,
        action="referral.create",
        object_type="referral",
        object_id=str(referral.pk),
        organisation=report.force.display_name,
        reason=f"report {report.pk}; consent {consent_method}; to {route.agency.name}",
    )
    return referral


# Reads by agency staff, and the changes they make. Each one is recorded in the audit trail
# in the same transaction, so a read or change never happens without its record.


def _audit_agency(*, user: User, referral: Referral, action: str, reason: str = "") -> None:
    audit_record(
        actor=user,
        action=action,
        object_type="referral",
        object_id=str(referral.pk),
        organisation=referral.agency.name,
        reason=reason,
    )


@transaction.atomic
def referral_open(*, user: User, referral_id: UUID | str, action: str = "referral.view") -> Referral | None:
    """An agency user's own agency's referral, with its data opened, and the reading
    recorded; None when they cannot see it."""
    referral = selectors.referral_for_agency_user(user=user, referral_id=referral_id)
    if referral is None:
        return None
    _audit_agency(user=user, referral=referral, action=action)
    referral.shared  # noqa: B018 - opened inside the transaction that records the reading
    return referral


@transaction.atomic
def referral_inbox_open(*, user: User, page: int | str | None) -> selectors.Inbox | None:
    """An agency user's inbox page, its listing recorded; None for anyone else."""
    agency = selectors.agency_of(user)
    if agency is None:
        return None
    inbox = selectors.agency_inbox(agency=agency, page=page)
    audit_record(
        actor=user,
        action="referral.list",
        object_type="agency",
        object_id=str(agency.pk),
        organisation=agency.name,
        reason=f"page {inbox.page.number}",
    )
    return inbox


@transaction.atomic
def force_referrals_open(*, user: User) -> selectors.ForceReferrals | None:
    """The force's referrals for its staff, the listing recorded; None for anyone else."""
    member = staff_member_for(user)
    if member is None:
        return None
    listing = selectors.force_referrals(member=member)
    audit_record(
        actor=user,
        action="referral.list",
        object_type="force",
        object_id=str(member.force_id),
        organisation=member.force.display_name,
    )
    return listing


@transaction.atomic
def report_referral_form_open(*, user: User, report_id: UUID | str) -> Report | None:
    """A report of the user's own force, for the form to refer it, the opening recorded."""
    report = selectors.report_for_force_staff(user=user, report_id=report_id)
    if report is None:
        return None
    audit_record(
        actor=user,
        action="referral.view_form",
        object_type="report",
        object_id=str(report.pk),
        organisation=report.force.display_name,
    )
    return report


def _locked(*, user: User, referral: Referral) -> Referral:
    """The referral again, locked for the change, still scoped to the user's agency."""
    locked = selectors.referrals_visible_to(user).select_for_update(of=("self",)).filter(pk=referral.pk).first()
    if locked is None:
        raise PermissionError("Not this agency's referral.")
    return locked


@transaction.atomic
def referral_accept(*, referral: Referral, user: User) -> Referral:
    """The agency takes the referral on. Accepting again changes nothing."""
    referral = _locked(user=user, referral=referral)
    if referral.status == Referral.Status.ACCEPTED:
        return referral
    if not referral.can_accept:
        raise ReferralStateError(referral)
    referral.status = Referral.Status.ACCEPTED
    referral.accepted_at = timezone.now()
    referral.accepted_by = user
    referral.save(update_fields=["status", "accepted_at", "accepted_by"])
    _audit_agency(user=user, referral=referral, action="referral.accept")
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, user: User, reason: str) -> Referral:
    """The agency cannot take the referral on, and says why (the force reads the reason)."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is required.")
    referral = _locked(user=user, referral=referral)
    if not referral.can_decline:
        raise ReferralStateError(referral)
    referral.status = Referral.Status.DECLINED
    referral.declined_at = timezone.now()
    referral.declined_by = user
    referral.decline_reason = reason
    referral.save(update_fields=["status", "declined_at", "declined_by", "decline_reason"])
    _audit_agency(user=user, referral=referral, action="referral.decline")
    return referral


@transaction.atomic
def referral_first_contact_record(*, referral: Referral, user: User, contacted_on: date, note: str = "") -> Referral:
    """The agency has reached the person. Accepts the referral too, if it was new."""
    referral = _locked(user=user, referral=referral)
    if not referral.can_record_first_contact:
        raise ReferralStateError(referral)
    now = timezone.now()
    if referral.status == Referral.Status.NEW:
        referral.accepted_at = now
        referral.accepted_by = user
    referral.status = Referral.Status.FIRST_CONTACT_MADE
    referral.first_contact_on = contacted_on
    referral.first_contact_note = note.strip() or None
    referral.first_contact_recorded_at = now
    referral.first_contact_recorded_by = user
    referral.save(
        update_fields=[
            "status",
            "accepted_at",
            "accepted_by",
            "first_contact_on",
            "first_contact_note",
            "first_contact_recorded_at",
            "first_contact_recorded_by",
        ]
    )
    _audit_agency(user=user, referral=referral, action="referral.first_contact")
    return referral


# --- Telling an agency a referral is waiting ----------------------------------------------


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
