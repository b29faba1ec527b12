"""The view guard for force staff, used by every staff page of every app, and built with
``portal.guard.guarded`` like the agencies' (``support.referrals.guard.agency_view``).

``staff_view`` lets in force staff only, in this order: anyone who is not force staff (a
support agency's staff, an account with no force) gets a 404, as if the page did not exist;
so does anything the URL names that their force cannot see (a report, a colleague), whatever
their role or method; then a method the page does not take is a 405, and a role it is not
for (or a ``permission`` the object does not give) a 403. The view gets the member of staff
and the objects its URL names, in the order of the URL's arguments.

Reading a report's contents needs a reason (DPA 2018 s.62): being assigned it, or one given
on the reason page, which covers further reads of that report for a while in this session.
"""

import time
from collections.abc import Callable
from typing import Any

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from portal.guard import FORM, POST, SAFE, guarded
from reporting import selectors, triage
from reporting.models import Report, StaffMember

__all__ = [
    "FORM",
    "LOADERS",
    "POST",
    "SAFE",
    "access_grant",
    "access_reason",
    "ask_reason",
    "forbidden",
    "report_url",
    "staff_view",
]

# How long a reason given for opening a report covers further reads of it in this session.
ACCESS_GRANT_SECONDS = 30 * 60
ACCESS_GRANTS = "reporting.access"

Loader = Callable[[StaffMember, Any], Any]

# What each URL argument names, loaded through the one access rule; None is a 404.
LOADERS: dict[str, Loader] = {
    "reference": selectors.report_for_staff,
    "report_id": selectors.report_by_id_for_staff,
    "user_id": selectors.force_staff_member,
}


def staff_view(
    roles=triage.EVERYONE,
    *,
    methods=SAFE,
    permission: Callable[[StaffMember, Any], bool] | None = None,
):
    def allowed(member: StaffMember, *found) -> bool:
        return member.role in roles and (permission is None or permission(member, *found))

    return guarded(
        actor_for=selectors.staff_member_for,
        loaders=LOADERS,
        methods=methods,
        allowed=allowed,
        refused=forbidden,
        remember_as="staff_member",
    )


def forbidden(request):
    return render(request, "reporting/staff/forbidden.html", status=403)


def report_url(report: Report) -> str:
    return reverse("reporting:staff_report", args=[report.reference])


def access_reason(request, member: StaffMember, report: Report) -> str | None:
    """Why this member of staff may read the report now, or None if they must say why first."""
    if report.assigned_to_id == member.user_id:
        return str(triage.ASSIGNED_REASON)
    grant = request.session.get(ACCESS_GRANTS, {}).get(str(report.pk))
    if grant and grant.get("until", 0) > time.time():
        return grant["reason"]
    return None


def access_grant(request, report: Report, reason: str) -> None:
    """Remembers, in this session only, the reason given for reading the report."""
    grants = {
        key: grant
        for key, grant in request.session.get(ACCESS_GRANTS, {}).items()
        if grant.get("until", 0) > time.time()
    }
    grants[str(report.pk)] = {"reason": reason, "until": time.time() + ACCESS_GRANT_SECONDS}
    request.session[ACCESS_GRANTS] = grants


def ask_reason(request, report: Report):
    return redirect(
        reverse("reporting:staff_report_reason", args=[report.reference])
        + "?"
        + urlencode({"next": request.get_full_path()})
    )
