"""Writes for reference data: the police forces, their staff and their grade schemes."""

import csv

from django.db import transaction

from portal.models import User

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
    member, _ = StaffMember.objects.update_or_create(user=user, defaults={"force": force, "role": role})
    return member


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
