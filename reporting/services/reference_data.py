"""Writes for reference data: the police forces, their staff and their grade schemes."""

import csv
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.models import User
from portal.refusals import Refused

from .. import routing
from ..models import Force, ForceGrade, StaffMember
from ..triage import DEFAULT_GRADES


@transaction.atomic
def forces_sync() -> int:
    """Brings the Force table in line with the reference file (reporting/data/forces.csv).
    Idempotent; settings a force administrator has changed (such as the exit site) are left
    alone.

    Whether a force takes reports is routing's decision (the data file's ``in_scope``, and
    British Transport Police): ``accepts_reports`` is kept as a copy of it, put back on
    every sync, so the database can never disagree with where reports are sent. The file is
    the one routing reads, for the same reason."""
    routable = set(routing.routable_force_codes())
    with (routing.DATA_DIR / "forces.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        Force.objects.update_or_create(
            code=row["force_code"],
            defaults={
                "name": row["ons_name"] or row["force_name"],
                "display_name": row["force_name"],
                "policeuk_id": row["policeuk_id"],
                "nation": row["nation"],
                "website": row["website"],
                "non_emergency": row["non_emergency"],
                "accepts_reports": row["force_code"] in routable,
                "note": row["note"],
            },
        )
    return len(rows)


@transaction.atomic
def staff_member_assign(*, user: User, force: Force, role: StaffMember.Role) -> StaffMember:
    member, _created = StaffMember.objects.update_or_create(user=user, defaults={"force": force, "role": role})
    return member


@transaction.atomic
def staff_account_create(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    force_code: str,
    role: StaffMember.Role,
    site_admin: bool,
    by: User | None,
    operator: str,
) -> tuple[User, str]:
    """Opens a member of force staff's account (`manage.py staff_create`): a random initial
    password, returned to be shown once and stored only as its hash, and no authenticator, which
    they set up through an enrolment link. `site_admin` also opens the Django admin to them
    (staff and superuser status), from where they add the force's other staff.

    Recorded in the audit trail as done by `by`, an administrator; with no administrator yet (the
    deployment's first, who must be a site administrator), as done by the new account itself.
    `operator` (who ran the command, on which machine) goes into the sealed reason. Refuses an
    unknown force and an existing account: nothing is changed then."""
    force = Force.objects.filter(code=force_code).first()
    if force is None:
        raise Refused(
            _(
                "No force with the code %(code)s. Run manage.py bootstrap first; the codes are in reporting/data/forces.csv."
            )
            % {"code": force_code}
        )
    if User.objects.filter(username=username).exists():
        raise Refused(_("An account named %(name)s already exists.") % {"name": username})
    if by is None and not site_admin:
        raise Refused(_("Only a site administrator can be created without an administrator to record."))
    password = secrets.token_urlsafe(18)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_staff=site_admin,
        is_superuser=site_admin,
    )
    user.set_password(password)
    user.save()
    staff_member_assign(user=user, force=force, role=role)
    audit_record(
        actor=by or user,
        action="staff_account_created",
        object_type="user",
        object_id=str(user.pk),
        organisation=force.code,
        reason=f"role {role.value}; site administrator: {'yes' if site_admin else 'no'}; "
        f"manage.py staff_create run by {operator}",
    )
    return user, password


@transaction.atomic
def grade_schemes_load(*, forces: list[Force] | None = None) -> int:
    """Gives every force that takes reports the default grade scheme, adding only grades it
    lacks: a force's own changes are kept. Returns how many grades were added."""

    targets = forces if forces is not None else list(Force.objects.filter(accepts_reports=True))
    existing = set(ForceGrade.objects.filter(force__in=targets).values_list("force_id", "code"))
    new = [
        ForceGrade(
            force=force,
            code=grade.code,
            label=str(grade.label),
            description=str(grade.description),
            target_minutes=grade.target_minutes,
            is_emergency=grade.is_emergency,
            position=position,
        )
        for force in targets
        for position, grade in enumerate(DEFAULT_GRADES)
        if (force.pk, grade.code) not in existing
    ]
    ForceGrade.objects.bulk_create(new)
    return len(new)
