"""Reads of referrals to support agencies.

Every read of a referral starts from who is asking, through ``referrals_visible_to``: agency
staff see only their own agency's referrals, force staff only the referrals of the reports
``reporting.selectors.reports_visible_to`` gives them. Anyone else sees nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from reporting.models import Force, Report, StaffMember
from reporting.selectors import reports_visible_to, staff_member_for

from ..models import AgencyMember, Referral, ReferralKind, ReferralRoute, SupportAgency
from . import data

INBOX_PAGE_SIZE = 50

#: The inbox lists what needs doing first.
_INBOX_ORDER = Case(
    When(status=Referral.Status.NEW, then=Value(0)),
    When(status=Referral.Status.ACCEPTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)

#: What an agency reads of the report behind a referral: its reference, type and force, and
#: when it was made (the earliest date of first contact). Never the person's answers.
AGENCY_REPORT_FIELDS = (
    "report__id",
    "report__reference",
    "report__report_type",
    "report__submitted_at",
    "report__force_id",
    "report__force__id",
    "report__force__display_name",
)


def agency_member_for(user) -> AgencyMember | None:
    """The user's membership of an agency's staff, or None (not signed in, or not agency
    staff)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return AgencyMember.objects.select_related("agency", "user").filter(user_id=user.pk).first()


def referrals_visible_to(actor: AgencyMember | StaffMember | None) -> QuerySet[Referral]:
    """The one way into referrals: for agency staff, their own agency's referrals; for force
    staff, the referrals of the reports they may see; for anyone else, none. ``actor`` may
    also be a user, whose membership is looked up."""
    if isinstance(actor, AgencyMember):
        return Referral.objects.filter(agency_id=actor.agency_id)
    if isinstance(actor, StaffMember):
        return Referral.objects.filter(report__in=reports_visible_to(actor).values("pk"))
    if actor is None or not getattr(actor, "is_authenticated", False):
        return Referral.objects.none()
    member = agency_member_for(actor) or staff_member_for(actor)
    return referrals_visible_to(member) if member is not None else Referral.objects.none()


def referral_for_agency(member: AgencyMember, referral_id: UUID | str) -> Referral | None:
    """One of the agency's referrals, with only what the person agreed to share: the
    referral's own data set and the report's reference, type and force (its answers are not
    even loaded). None when it is not the agency's, whether or not it exists."""
    referral_fields = [field.name for field in Referral._meta.concrete_fields]
    agency_fields = [f"agency__{field.name}" for field in SupportAgency._meta.concrete_fields]
    return (
        referrals_visible_to(member)
        .select_related("agency", "report", "report__force")
        .only(*referral_fields, *agency_fields, *AGENCY_REPORT_FIELDS)
        .filter(pk=referral_id)
        .first()
    )


@dataclass(frozen=True)
class Inbox:
    agency: SupportAgency
    page: Page

    @property
    def referrals(self) -> list[Referral]:
        return list(self.page.object_list)


def agency_inbox(*, member: AgencyMember, page: int | str | None = 1) -> Inbox:
    """One page of the member's agency's referrals, what needs doing first: a fixed number
    of queries whatever the number of referrals."""
    referrals = (
        referrals_visible_to(member)
        .select_related("report")
        .only(
            "id",
            "kind",
            "status",
            "created_at",
            "due_at",
            "agency_id",
            "report__id",
            "report__reference",
            "report__report_type",
        )
        .annotate(inbox_order=_INBOX_ORDER)
        .order_by("inbox_order", "due_at", "created_at")
    )
    return Inbox(
        agency=member.agency,
        page=Paginator(referrals, INBOX_PAGE_SIZE).get_page(page),
    )


@dataclass(frozen=True)
class ForceReferrals:
    force: Force
    referrals: list[Referral]

    @property
    def overdue(self) -> list[Referral]:
        return [referral for referral in self.referrals if referral.overdue]


#: Finished referrals stay on the force's list this long.
FORCE_LIST_DAYS = 90


def force_referrals(*, member: StaffMember) -> ForceReferrals:
    """The referrals of the member's own force's reports, overdue first, for the force's
    referrals page: open ones, and finished ones from the last 90 days. One query. A report
    another force asks this force to take is read there, not listed here: its referrals are
    still the sending force's to follow up."""
    since = timezone.now() - timedelta(days=FORCE_LIST_DAYS)
    referrals = (
        referrals_visible_to(member)
        .filter(report__force_id=member.force_id)
        .filter(Q(status__in=[Referral.Status.NEW, Referral.Status.ACCEPTED]) | Q(created_at__gte=since))
        .select_related("agency", "report")
        .only(
            "id",
            "kind",
            "status",
            "created_at",
            "due_at",
            "consent_method",
            "agency__id",
            "agency__name",
            "report__id",
            "report__reference",
            "report__report_type",
        )
        .order_by("due_at", "created_at", "id")
    )
    now = timezone.now()
    # sorted() is stable, so referrals due at the same time keep the query's order.
    ordered = sorted(referrals, key=lambda referral: (not referral.is_overdue(now), referral.due_at))
    return ForceReferrals(force=member.force, referrals=ordered)


@dataclass(frozen=True)
class ReportReferrals:
    """A report's referrals as its force sees them, and the services the person asked for
    that no agency in the force's area receives (an officer refers those another way)."""

    report: Report
    referrals: list[Referral]
    # Asked for on the online form but not referred: no agency receives that kind in the
    # force's area, or one has started to since.
    asked_without_agency: list[ReferralKind]
    asked_not_referred: list[ReferralKind]
    can_refer: bool

    @property
    def any_overdue(self) -> bool:
        return any(referral.overdue for referral in self.referrals)


def report_referrals(*, member: StaffMember | None, report: Report) -> ReportReferrals | None:
    """For the report page: None unless the member is staff of the report's force (a
    supervisor deciding on a transfer from another force sees the report, not this)."""
    if member is None or member.force_id != report.force_id:
        return None
    referrals = list(
        referrals_visible_to(member)
        .filter(report=report)
        .select_related("agency", "consent_recorded_by")
        .order_by("created_at")
    )
    values = report.answers["values"]
    asked = [kind for _option, kind in data.consented_kinds(values)]
    referred = {referral.kind for referral in referrals}
    routed = set(ReferralRoute.objects.filter(force_id=report.force_id, kind__in=asked).values_list("kind", flat=True))
    missing = [ReferralKind(kind) for kind in asked if kind not in referred]
    return ReportReferrals(
        report=report,
        referrals=referrals,
        asked_without_agency=[kind for kind in missing if kind not in routed],
        asked_not_referred=[kind for kind in missing if kind in routed],
        can_refer=referral_possible(report),
    )


def referral_possible(report: Report) -> bool:
    """Whether the report's contact details are the victim's own, so the victim can be
    referred (a report made for someone else holds the reporter's details; an anonymous
    one holds none)."""
    return data.about_themselves(report.answers["values"])


def officer_referral_choices(*, member: StaffMember, report: Report) -> list[ReferralRoute]:
    """The services an officer can refer this report to: a receiving agency in the force's
    area, and no live referral of that kind for the report yet."""
    live = (
        referrals_visible_to(member)
        .filter(report=report)
        .exclude(status=Referral.Status.DECLINED)
        .values_list("kind", flat=True)
    )
    return list(
        ReferralRoute.objects.filter(force_id=report.force_id)
        .exclude(kind__in=list(live))
        .select_related("agency")
        .order_by("kind")
    )


def routed_kinds(*, force_id: int, kinds: list[str]) -> set[str]:
    """Which of these kinds of service have a receiving agency in the force's area (for the
    report's confirmation page: which referrals the person agreed to can be made)."""
    if not kinds:
        return set()
    return set(ReferralRoute.objects.filter(force_id=force_id, kind__in=kinds).values_list("kind", flat=True))
