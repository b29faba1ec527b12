"""Claiming under contention, on PostgreSQL: 20 people claiming from a queue of 500 reports
at once. Every report is claimed exactly once, nobody waits on anybody's row lock, nothing
deadlocks, and the audit chain stays whole."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from portal.audit import audit_chain_broken_at
from portal.models import AuditEvent
from reporting.models import Force, Report, StaffMember
from reporting.services import report_claim_next
from tests.factories import MET, SOUTH_WALES, member_of, staff_user

pytestmark = [pytest.mark.postgres]

CLAIMERS = 20
REPORTS = 500


def queue_of(force: Force, count: int, *, prefix: str) -> list[Report]:
    now = timezone.now()
    reports = [
        Report(
            reference=f"{prefix}{index:04d}"[:4] + "-" + f"{index:04d}",
            report_type="domestic-abuse",
            force=force,
            submission_key=f"{prefix}-{index}",
            answers={"values": {}, "asked": []},
            routing={},
            risk_indicators=[],
            priority_reasons=[],
            priority=index % 7 * 10,
            submitted_at=now - timedelta(minutes=index),
            queued_at=now,
        )
        for index in range(count)
    ]
    return Report.objects.bulk_create(reports)


def test_twenty_claimers_take_five_hundred_reports_each_exactly_once(transactional_db, forces):
    met = Force.objects.get(code=MET)
    queue_of(met, REPORTS, prefix="M")
    queue_of(Force.objects.get(code=SOUTH_WALES), 50, prefix="W")
    members = [
        member_of(staff_user(force_code=MET, role=StaffMember.Role.CONTACT_HANDLER, username=f"claimer{n}"))
        for n in range(CLAIMERS)
    ]
    claims: dict[int, list] = {n: [] for n in range(CLAIMERS)}
    latencies: list[float] = []
    errors: list[BaseException] = []
    start = threading.Barrier(CLAIMERS)

    def claim_all(n: int) -> None:
        try:
            start.wait()
            while True:
                began = time.perf_counter()
                report = report_claim_next(member=members[n])
                latencies.append(time.perf_counter() - began)
                if report is None:
                    return
                claims[n].append(report.pk)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim_all, args=(n,)) for n in range(CLAIMERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    claimed = [pk for pks in claims.values() for pk in pks]
    assert len(claimed) == REPORTS
    assert len(set(claimed)) == REPORTS
    # Each report is assigned to the one who claimed it, and only Met reports were taken.
    owner = dict(Report.objects.filter(force=met).values_list("pk", "assigned_to_id"))
    for n, pks in claims.items():
        assert all(owner[pk] == members[n].user_id for pk in pks)
    assert not Report.objects.filter(force__code=SOUTH_WALES, assigned_to__isnull=False).exists()
    # The work was shared out, not done by one claimer while the rest waited.
    assert sum(1 for pks in claims.values() if pks) > CLAIMERS // 2
    assert max(latencies) < 1.0
    assert AuditEvent.objects.filter(action="report.claim").count() == REPORTS
    assert audit_chain_broken_at() is None
