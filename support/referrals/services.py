"""Writes for referrals to support agencies: agency staff, the referrals a person agreed to,
an officer's referral made later, and what agency staff do with a referral.

Every read and every change made by a person is recorded in the audit trail in the same
transaction. A change that is no longer possible raises ``portal.refusals.Refused``.
"""

import logging
from datetime import date, datetime
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from portal.audit import audit_record
from portal.models import User
from portal.refusals import Refused
from reporting.models import Report, StaffMember
from reporting.selectors import staff_member_for
from reporting.triage import WORKERS

from .. import working_days
from ..directory.selectors import bank_holidays
from ..models import AgencyMember, ConsentMethod, Referral, ReferralKind, ReferralRoute, SupportAgency
from . import data, selectors
from .notifications import notify_after_commit

logger = logging.getLogger(__name__)

#: ``Refused.reason`` when a referral's status does not allow the change (for example, it
#: was declined).
REFERRAL_STATE = "referral_state"
#: ``Refused.reason`` when an officer cannot make this referral: no agency receives it in
#: the force's area, it has been made already, or the report's contact details are not the
#: victim's.
REFERRAL_NOT_ALLOWED = "referral_not_allowed"


@transaction.atomic
def agency_member_assign(*, user: User, agency: SupportAgency) -> AgencyMember:
    """Makes the user a member of the agency's staff (of that agency only)."""
    member, _ = AgencyMember.objects.update_or_create(user=user, defaults={"agency": agency})
    return member


# --- Making referrals ----------------------------------------------------------------------


def _referral_source(report: Report) -> data.Source:
    return data.Source(
        reference=report.reference,
        report_type=report.report_type,
        force=report.force.display_name,
        answers=report.answers["values"],
    )


def _referral_due_at(report: Report) -> datetime:
    return working_days.due_at(report.submitted_at, bank_holidays())


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
        shared=data.data_set(route.kind, _referral_source(report)),
        data_set_version=data.DATA_SET_VERSION,
        due_at=_referral_due_at(report),
    )
    referral.save(force_insert=True)
    notify_after_commit(referral)
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
    for option in data.unknown_options(answers):
        logger.warning("Report %s asked for a referral option support does not know: %s", report.pk, option)
    wanted = data.consented_kinds(answers)
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


def _audit_force(*, member: StaffMember, action: str, report: Report, reason: str = "") -> None:
    """A force's referral action on a report, where its supervisors review the report's and
    the officer's trail (both keyed as reporting keys them: the force's code, the report's
    reference)."""
    audit_record(
        actor=member.user,
        action=action,
        object_type="report",
        object_id=report.reference,
        organisation=member.force.code,
        reason=reason,
    )


@transaction.atomic
def referral_create_by_officer(
    *, report: Report, kind: ReferralKind | str, consent_method: ConsentMethod | str, officer: User
) -> Referral:
    """A referral made after the report by a member of the report's force who works reports,
    recording how the person agreed to it. Audited as a disclosure, on the report."""
    member = staff_member_for(officer)
    if member is None or member.force_id != report.force_id:
        raise PermissionError("Only the report's own force can refer it.")
    if member.role not in WORKERS:
        raise PermissionError("Only staff who work reports can refer them.")
    if consent_method not in OFFICER_CONSENT_METHODS:
        raise ValueError(f"{consent_method!r} is not a way an officer records consent.")
    report = Report.objects.select_related("force").select_for_update(of=("self",)).get(pk=report.pk)
    if not data.about_themselves(report.answers["values"]):
        raise Refused(gettext("The report holds no contact details of the victim's own."), reason=REFERRAL_NOT_ALLOWED)
    route = ReferralRoute.objects.select_related("agency").filter(force_id=report.force_id, kind=kind).first()
    if route is None:
        raise Refused(gettext("No agency receives these referrals in the force's area."), reason=REFERRAL_NOT_ALLOWED)
    if Referral.objects.filter(report=report, kind=kind).exclude(status=Referral.Status.DECLINED).exists():
        raise Refused(
            gettext("This report has already been referred to this kind of service."), reason=REFERRAL_NOT_ALLOWED
        )
    referral = _referral_make(
        report=report,
        route=route,
        consent_option="",
        consent_method=ConsentMethod(consent_method),
        consent_recorded_at=timezone.now(),
        consent_recorded_by=officer,
    )
    _audit_force(
        member=member,
        action="referral.create",
        report=report,
        reason=f"referral {referral.pk}; consent {consent_method}; to {route.agency.name}",
    )
    return referral


@transaction.atomic
def force_referrals_open(*, member: StaffMember) -> selectors.ForceReferrals:
    """The referrals the member of force staff may see, the listing recorded."""
    listing = selectors.force_referrals(member=member)
    audit_record(
        actor=member.user,
        action="referral.list",
        object_type="force",
        object_id=str(member.force_id),
        organisation=member.force.code,
    )
    return listing


@transaction.atomic
def report_referral_form_open(*, member: StaffMember, report: Report) -> Report:
    """Records that a member of force staff opened the form to refer the report."""
    _audit_force(member=member, action="referral.view_form", report=report)
    return report


# --- Agency staff ------------------------------------------------------------------------
#
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
def referral_open(*, member: AgencyMember, referral: Referral, action: str = "referral.view") -> Referral:
    """An agency member's own agency's referral (as ``selectors.referral_for_agency`` loaded
    it), its data opened and the reading recorded."""
    if referral.agency_id != member.agency_id:
        raise PermissionError("Not this agency's referral.")
    _audit_agency(user=member.user, referral=referral, action=action)
    referral.shared  # noqa: B018 - opened inside the transaction that records the reading
    return referral


@transaction.atomic
def referral_inbox_open(*, member: AgencyMember, page: int | str | None) -> selectors.Inbox:
    """An agency member's inbox page, its listing recorded."""
    inbox = selectors.agency_inbox(member=member, page=page)
    audit_record(
        actor=member.user,
        action="referral.list",
        object_type="agency",
        object_id=str(member.agency_id),
        organisation=member.agency.name,
        reason=f"page {inbox.page.number}",
    )
    return inbox


def _locked(*, user: User, referral: Referral) -> Referral:
    """The referral again, locked for the change, still scoped to the user's agency."""
    member = selectors.agency_member_for(user)
    locked = (
        selectors.referrals_visible_to(member).select_for_update(of=("self",)).filter(pk=referral.pk).first()
        if member is not None
        else None
    )
    if locked is None:
        raise PermissionError("Not this agency's referral.")
    return locked


def _refused_now(referral: Referral) -> Refused:
    return Refused(
        gettext("This referral is now “%(status)s”, so that cannot be done.")
        % {"status": referral.get_status_display()},
        reason=REFERRAL_STATE,
    )


@transaction.atomic
def referral_accept(*, referral: Referral, user: User) -> Referral:
    """The agency takes the referral on. Accepting again changes nothing."""
    referral = _locked(user=user, referral=referral)
    if referral.status == Referral.Status.ACCEPTED:
        return referral
    if not referral.can_accept:
        raise _refused_now(referral)
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
        raise _refused_now(referral)
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
        raise _refused_now(referral)
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
