"""Benchmark the force staff's pages at 10,000 and at 1,000,000 reports, on PostgreSQL.

Run from the repository root (PostgreSQL on 127.0.0.1:5432, user postgres, trust):

    .venv/bin/python bench/triage_bench.py

It creates (or, with --fresh, recreates) a dedicated database, `waymark_bench` by default,
never the development or test database; migrates it; loads the forces, their grade schemes
and a supervisor per force; seeds 10,000 reports across the 43 territorial forces of England
and Wales; measures; grows the history to 1,000,000 reports; measures again; and prints a
table for docs/performance.md. It exits non-zero if a page misses the targets: under 100 ms
(median) at 1,000,000 reports, and no more than 1.5 times its time at 10,000.

The model behind the data: reports arrive at a steady 700 a day across the country, so
10,000 reports are the last 14 days and 1,000,000 are the last 3.9 years. What is still open
(the work in the queue) depends on the arrival rate, not on how long the force has used
Waymark: reports older than 14 days are closed, newer ones are spread over the open statuses
(see STATUS_SQL). Growing to 1,000,000 adds older, closed history; it does not change the
open work. The Met gets 8% of reports (the largest force: the worst case), the other 42
forces share the rest equally.

Encryption: each report's answers, routing and indicators are sealed with associated data
naming the row (portal.encryption), so a sealed value cannot be shared between rows. Sealing
4 KB of answers takes about 0.1 ms, too slow for a million rows in a few minutes, so the
closed history gets one sealed value of realistic size (about 5 KB) that does not open, and
every open report (everything the queue, the report view and the dashboard can show) is
sealed properly, row by row. The closed reports the benchmark looks up by reference are
found, not opened.

Server time is measured through Django's test Client (the whole middleware stack, session,
two-factor check, view, template and the audit write where the page makes one), repeated:
median and 95th percentile.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

SERVER = "postgres://postgres@127.0.0.1:5432"
SMALL = 10_000
LARGE = 1_000_000
# 10,000 reports then cover 14 days, the span in which reports are still open (STATUS_SQL).
PER_DAY = 700
MET_SHARE = 8  # per cent
TARGET_MS = 100.0
RATIO = 1.5
BATCH = 100_000
BENCH_PASSWORD = "bench-only-password"  # noqa: S105 - a throwaway database


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="waymark_bench")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--repeat", type=int, default=50, help="requests per page and size")
    parser.add_argument("--large", type=int, default=LARGE)
    return parser.parse_args()


def ensure_database(name: str, fresh: bool) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')


args = parse_args()
if not args.database.startswith("waymark_bench"):
    sys.exit("The benchmark database's name must start with waymark_bench: it is emptied.")
ensure_database(args.database, args.fresh)
os.environ["DATABASE_URL"] = f"{SERVER}/{args.database}"
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from portal.encryption import seal_json  # noqa: E402
from portal.services import staff_account_ensure  # noqa: E402
from reporting import priority as priority_rules  # noqa: E402
from reporting.journeys import flow_for  # noqa: E402
from reporting.models import Force, Report, StaffMember  # noqa: E402
from reporting.routing import BTP  # noqa: E402
from reporting.services import forces_sync, grade_schemes_load, staff_member_assign  # noqa: E402
from tests.factories import ANSWERS_BY_JOURNEY, journey_state  # noqa: E402

MET = "E23000001"
TYPES_SQL = """CASE WHEN (g * 31) % 100 < 60 THEN 'domestic-abuse'
                    WHEN (g * 31) % 100 < 80 THEN 'rape-sexual-assault'
                    WHEN (g * 31) % 100 < 92 THEN 'clares-law' ELSE 'sarahs-law' END"""
# g = 0 is the newest report; age in days = g / PER_DAY.
STATUS_SQL = f"""CASE
    WHEN g < {PER_DAY} THEN (ARRAY['new','new','new','new','new','new','in_triage','in_triage','in_triage','allocated'])[g % 10 + 1]
    WHEN g < {14 * PER_DAY} THEN (ARRAY['new','allocated','allocated','contact_made','contact_made','closed','closed','closed','closed','closed'])[g % 10 + 1]
    ELSE 'closed' END"""
PRIORITY_SQL = "CASE WHEN (g * 37) % 100 < 3 THEN 210 WHEN (g * 37) % 100 < 20 THEN 70 WHEN (g * 37) % 100 < 50 THEN 40 ELSE 10 END"
# The first milestone of each kind of report and its default target (reporting.service_levels).
MILESTONE_SQL = """CASE r.report_type WHEN 'domestic-abuse' THEN 'first_contact' WHEN 'rape-sexual-assault'
                   THEN 'first_contact' ELSE 'initial_checks' END"""
DUE_SQL = "r.submitted_at + CASE r.report_type WHEN 'rape-sexual-assault' THEN interval '12 hours' ELSE interval '24 hours' END"

# Built from the constants above only; the values travel as parameters.
SEED_SQL = f"""
    WITH rows AS (
        SELECT g, now() - g * interval '{86400 / PER_DAY} seconds' AS submitted,
               {STATUS_SQL} AS status
        FROM generate_series(%(low)s::bigint, %(high)s::bigint - 1) AS g
    ), placed AS (
        SELECT rows.*, f.force_id, f.officer_id FROM rows
        JOIN bench_force f ON f.position =
            CASE WHEN (g * 7919) % 100 < {MET_SHARE} THEN 0 ELSE 1 + (g * 104729) % 42 END
    ), inserted AS (
        INSERT INTO reporting_report (id, reference, report_type, force_id, status, submitted_at,
            queued_at, submission_key, answers, routing, risk_indicators, priority, priority_reasons,
            assigned_to_id, assigned_at, grade_id, graded_at, outcome, closed_at, transfer_to_id)
        SELECT gen_random_uuid(), bench_reference(g), {TYPES_SQL}, force_id, status, submitted,
            submitted + interval '2 seconds', 'bench-' || g, %(answers)s, %(routing)s, %(indicators)s,
            {PRIORITY_SQL}, NULL,
            CASE WHEN status IN ('in_triage', 'allocated', 'contact_made') THEN officer_id END,
            CASE WHEN status IN ('in_triage', 'allocated', 'contact_made') THEN submitted + interval '1 hour' END,
            NULL, NULL,
            CASE WHEN status = 'closed' THEN 'crime_recorded' ELSE '' END,
            CASE WHEN status = 'closed' THEN LEAST(now(), submitted + (1 + g % 14) * interval '1 day') END,
            NULL
        FROM placed
        RETURNING id, report_type, submitted_at, status, closed_at
    )
    INSERT INTO reporting_reportclock (report_id, milestone, due_at, met_at)
    SELECT r.id, {MILESTONE_SQL}, {DUE_SQL},
           CASE WHEN r.status = 'closed' THEN r.closed_at
                WHEN r.status = 'contact_made' THEN r.submitted_at + interval '20 hours' END
    FROM inserted r
    """.replace(" % ", " %% ")  # noqa: S608 - the modulo operator, escaped for the parameters


def setup_reference_data() -> dict:
    call_command("migrate", verbosity=0)
    forces_sync()
    grade_schemes_load()
    forces = list(Force.objects.filter(accepts_reports=True).exclude(code=BTP).order_by("code"))
    assert len(forces) == 43, len(forces)
    officers = {}
    for force in forces:
        user, _secret = staff_account_ensure(
            username=f"bench.officer.{force.code}", password=BENCH_PASSWORD, first_name="Bench", last_name="Officer"
        )
        staff_member_assign(user=user, force=force, role=StaffMember.Role.CASE_OFFICER)
        officers[force.pk] = user.pk
    supervisor, _secret = staff_account_ensure(
        username="bench.supervisor", password=BENCH_PASSWORD, first_name="Bench", last_name="Supervisor"
    )
    met = next(force for force in forces if force.code == MET)
    staff_member_assign(user=supervisor, force=met, role=StaffMember.Role.SUPERVISOR)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_force")
        cursor.execute("CREATE TABLE bench_force (position int PRIMARY KEY, force_id bigint, officer_id bigint)")
        others = [force for force in forces if force.code != MET]
        rows = [(0, met.pk, officers[met.pk])] + [
            (index + 1, force.pk, officers[force.pk]) for index, force in enumerate(others)
        ]
        cursor.executemany("INSERT INTO bench_force VALUES (%s, %s, %s)", rows)
        cursor.execute(
            """CREATE OR REPLACE FUNCTION bench_reference(g bigint) RETURNS text AS $$
            DECLARE alphabet text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
                    n bigint := (g * 2654435761) % 852891037441;  -- 31^8: a bijection
                    out text := '';
            BEGIN
                FOR i IN 1..8 LOOP
                    out := substr(alphabet, (n % 31)::int + 1, 1) || out;
                    n := n / 31;
                END LOOP;
                RETURN substr(out, 1, 4) || '-' || substr(out, 5, 4);
            END; $$ LANGUAGE plpgsql IMMUTABLE"""
        )
    return {"met": met, "supervisor": supervisor}


def placeholder_blobs() -> dict[str, str]:
    """Sealed values of realistic size bound to no row: the closed history's answers (about
    5 KB), routing record and risk indicators."""
    journey = "domestic-abuse"
    flow = flow_for(journey)
    state = journey_state(ANSWERS_BY_JOURNEY[journey][0], journey=journey)
    values = flow.answers(state)
    bound_to_nothing = b"bench:closed-history"
    return {
        "answers": seal_json(
            {"values": values, "asked": flow.record_of_questions(state)}, associated_data=bound_to_nothing
        ),
        "routing": seal_json(flow.routing(values).as_record(), associated_data=bound_to_nothing),
        "indicators": seal_json(flow.risk_indicators(values), associated_data=bound_to_nothing),
    }


def seed(start: int, end: int, blobs: dict[str, str]) -> float:
    """Reports g = start .. end - 1 (g = 0 newest), with their service-level clocks."""
    began = time.perf_counter()
    for low in range(start, end, BATCH):
        high = min(low + BATCH, end)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(
                SEED_SQL,
                {"low": low, "high": high, **blobs},
            )
        print(f"    seeded {high:,} reports ({time.perf_counter() - began:.0f} s)", flush=True)
    return time.perf_counter() - began


def seal_open_reports() -> tuple[int, float]:
    """Seals the answers of every open report properly, row by row, so each can be opened."""
    began = time.perf_counter()
    samples = {}
    for journey, (answers, _branches) in ANSWERS_BY_JOURNEY.items():
        flow = flow_for(journey)
        state = journey_state(answers, journey=journey)
        values = flow.answers(state)
        decision = flow.routing(values)
        indicators = flow.risk_indicators(values)
        assessed = priority_rules.assess(report_type=journey, answers=values, risk_indicators=indicators)
        samples[journey] = (
            {"values": values, "asked": flow.record_of_questions(state)},
            decision.as_record() if decision else {},
            indicators,
            list(assessed.reasons),
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, report_type FROM reporting_report WHERE status <> 'closed' AND priority_reasons IS NULL"
        )
        rows = cursor.fetchall()
        updates = []
        for pk, report_type in rows:
            answers, routing, indicators, reasons = samples[report_type]

            def sealed(field, value, pk=pk):
                return seal_json(value, associated_data=f"reporting.report.{field}:{pk}".encode())

            updates.append(
                (
                    sealed("answers", answers),
                    sealed("routing", routing),
                    sealed("risk_indicators", indicators),
                    sealed("priority_reasons", reasons),
                    pk,
                )
            )
        cursor.executemany(
            "UPDATE reporting_report SET answers = %s, routing = %s, risk_indicators = %s, priority_reasons = %s "
            "WHERE id = %s",
            updates,
        )
    return len(rows), time.perf_counter() - began


def vacuum() -> float:
    began = time.perf_counter()
    autocommit = connection.get_autocommit()
    connection.set_autocommit(True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE reporting_report")
        cursor.execute("VACUUM ANALYZE reporting_reportclock")
        cursor.execute("VACUUM ANALYZE portal_auditevent")
    connection.set_autocommit(autocommit)
    return time.perf_counter() - began


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user, confirmed=True).persistent_id
    session.save()
    return client


def timed(client: Client, url: str, repeat: int, expect: int) -> list[float]:
    for _ in range(3):  # warm the caches
        client.get(url)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == expect, (url, response.status_code)
    return times


def measure(context: dict, repeat: int) -> dict[str, dict[str, float]]:
    supervisor, met = context["supervisor"], context["met"]
    client = signed_in_client(supervisor)
    open_report = (
        Report.objects.filter(force=met, status=Report.Status.IN_TRIAGE, priority_reasons__isnull=False)
        .order_by("-submitted_at")
        .first()
    )
    Report.objects.filter(pk=open_report.pk).update(assigned_to=supervisor)
    closed = Report.objects.filter(force=met, status=Report.Status.CLOSED).order_by("submitted_at").first()
    pages = {
        "Queue (new, first page)": (reverse("reporting:staff_queue"), 200),
        "Queue (closed, first page)": (reverse("reporting:staff_queue") + "?status=closed", 200),
        "Report view": (reverse("reporting:staff_report", args=[open_report.reference]), 200),
        "Dashboard": (reverse("reporting:staff_dashboard"), 200),
        "Search by reference (oldest report)": (
            reverse("reporting:staff_search") + "?reference=" + closed.reference,
            302,
        ),
    }
    results = {}
    for name, (url, expect) in pages.items():
        times = timed(client, url, repeat, expect)
        results[name] = {
            "median": statistics.median(times),
            "p95": statistics.quantiles(times, n=20)[-1],
        }
        print(f"    {name}: median {results[name]['median']:.1f} ms, p95 {results[name]['p95']:.1f} ms", flush=True)
    return results


def main() -> int:
    print(f"Benchmark database: {args.database}")
    context = setup_reference_data()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE reporting_report, reporting_reportclock, portal_auditevent CASCADE")
    blobs = placeholder_blobs()
    figures = {}

    print(f"Seeding {SMALL:,} reports")
    seed_small = seed(0, SMALL, blobs)
    sealed_small, seal_small = seal_open_reports()
    vacuum()
    counts = dict(Report.objects.values_list("status").annotate(n=Count("id")))
    print(f"    statuses: {counts}; open reports sealed properly: {sealed_small} in {seal_small:.1f} s")
    figures[SMALL] = measure(context, args.repeat)

    print(f"Growing the history to {args.large:,} reports")
    seed_large = seed(SMALL, args.large, blobs)
    sealed_large, seal_large = seal_open_reports()
    vacuum_large = vacuum()
    counts = dict(Report.objects.values_list("status").annotate(n=Count("id")))
    print(f"    statuses: {counts}; newly open reports sealed: {sealed_large} in {seal_large:.1f} s")
    print(f"    vacuum analyze {vacuum_large:.0f} s")
    figures[args.large] = measure(context, args.repeat)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('reporting_report'))")
        size = cursor.fetchone()[0]
    print()
    print(
        f"Seeding: {SMALL:,} in {seed_small:.1f} s; {args.large - SMALL:,} more in {seed_large:.0f} s "
        f"(+ {vacuum_large:.0f} s VACUUM ANALYZE); reporting_report is {size}."
    )
    print()
    print(f"| Page | {SMALL:,}: median / p95 (ms) | {args.large:,}: median / p95 (ms) | Ratio of medians |")
    print("|---|---|---|---|")
    failures = []
    for name in figures[SMALL]:
        small, large = figures[SMALL][name], figures[args.large][name]
        ratio = large["median"] / small["median"]
        print(
            f"| {name} | {small['median']:.1f} / {small['p95']:.1f} | {large['median']:.1f} / {large['p95']:.1f} "
            f"| {ratio:.2f} |"
        )
        if large["median"] >= TARGET_MS or ratio > RATIO:
            failures.append(name)
    print(json.dumps({"failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
