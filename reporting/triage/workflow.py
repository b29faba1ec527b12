"""The status workflow a report follows, the default grade scheme, the THRIVE factors and
the reasons staff give for opening a report that is not theirs."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from reporting.models import Report

Status = Report.Status

# --- The status workflow -------------------------------------------------------------------

OPEN_STATUSES = (Status.NEW, Status.IN_TRIAGE, Status.ALLOCATED, Status.CONTACT_MADE, Status.TRANSFERRED)
# Where a report may go from each status by a status change. Transfers have their own
# actions (request, accept, reject), so TRANSFERRED is never chosen here.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.NEW: (Status.IN_TRIAGE, Status.ALLOCATED, Status.CONTACT_MADE, Status.CLOSED),
    Status.IN_TRIAGE: (Status.ALLOCATED, Status.CONTACT_MADE, Status.CLOSED),
    Status.ALLOCATED: (Status.IN_TRIAGE, Status.CONTACT_MADE, Status.CLOSED),
    Status.CONTACT_MADE: (Status.ALLOCATED, Status.CLOSED),
    Status.CLOSED: (Status.IN_TRIAGE,),
    Status.TRANSFERRED: (),
}
# The milestone a status change meets, when it has one.
MILESTONE_MET_BY = {Status.CONTACT_MADE: "first_contact"}


# --- The default grade scheme -------------------------------------------------------------


@dataclass(frozen=True)
class DefaultGrade:
    code: str
    label: Promise
    description: Promise
    target_minutes: int | None
    is_emergency: bool = False


# Modelled on published response policies, e.g. Suffolk Constabulary's: emergency attendance
# within 15 minutes, priority within the hour (https://www.suffolk.police.uk/contact-us/police-response-policy).
# Each force changes its own.
DEFAULT_GRADES = (
    DefaultGrade(
        "emergency",
        gettext_lazy("Emergency"),
        gettext_lazy("Danger to life or serious harm now: pass to the control room immediately."),
        15,
        is_emergency=True,
    ),
    DefaultGrade(
        "priority",
        gettext_lazy("Priority"),
        gettext_lazy("Needs police contact within the hour."),
        60,
    ),
    DefaultGrade(
        "scheduled",
        gettext_lazy("Scheduled"),
        gettext_lazy("A planned response or appointment within 48 hours."),
        48 * 60,
    ),
    DefaultGrade(
        "resolved_without_deployment",
        gettext_lazy("Resolved without deployment"),
        gettext_lazy("Dealt with by phone, online or by referral, without sending an officer."),
        None,
    ),
)

# --- Reasons for opening a report that is not assigned to you (DPA 2018 s.62) --------------

ACCESS_REASONS = (
    ("triage", gettext_lazy("Triaging the queue")),
    ("supervision", gettext_lazy("Supervising or reviewing the case")),
    ("contact", gettext_lazy("The person who reported contacted us")),
    ("transfer", gettext_lazy("Deciding on a transfer from another force")),
    ("other", gettext_lazy("Another reason")),
)
ASSIGNED_REASON = gettext_lazy("Assigned to me")


THRIVE_FACTORS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
