"""Server time for a domestic abuse journey page and for sending a report, and page weight.

Runs Django in-process (the test client, no network) against a database of its own:

    .venv/bin/python bench/journey_bench.py                      # SQLite, a file under var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/waymark_bench .venv/bin/python bench/journey_bench.py

Prints median and 95th percentile per operation, the HTML size of every page of the journey,
and what a first visit transfers (gzip, as WhiteNoise serves it). Not a test: nothing fails.
"""

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{REPO / 'var' / 'bench-journey.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from reporting.services import forces_sync  # noqa: E402
from tests.factories import DOMESTIC_ABUSE_ANSWERS, DOMESTIC_ABUSE_BRANCHES  # noqa: E402
from tests.pages import client_with_draft, first_visit_gzip_bytes, journey_page_sizes  # noqa: E402

ROUNDS = 200
SLUG = "domestic-abuse"


def timed(action, rounds=ROUNDS) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    (REPO / "var").mkdir(exist_ok=True)
    call_command("migrate", verbosity=0)
    forces_sync()
    print(f"Database: {connection.vendor} ({settings.DATABASES['default']['NAME']}); {ROUNDS} rounds each\n")

    client, _ = client_with_draft(DOMESTIC_ABUSE_ANSWERS)
    page_url = f"/report/{SLUG}/what-happened/"
    answer = {"what_happened": DOMESTIC_ABUSE_ANSWERS["what_happened"]}
    results = {
        "GET a question page": timed(lambda: client.get(page_url)),
        "POST an answer (saves the encrypted draft)": timed(lambda: client.post(page_url, answer)),
        "GET check your answers": timed(lambda: client.get(f"/report/{SLUG}/check-your-answers/")),
    }

    def send_one():
        sender, draft = client_with_draft(DOMESTIC_ABUSE_ANSWERS)
        started = time.perf_counter()
        response = sender.post(f"/report/{SLUG}/check-your-answers/", {"submission_key": draft.submission_key})
        assert response.status_code == 302, response.status_code
        return (time.perf_counter() - started) * 1000

    sends = sorted(send_one() for _ in range(ROUNDS))
    results["POST send the report (report, clocks, outbox)"] = (statistics.median(sends), sends[int(ROUNDS * 0.95) - 1])

    print(f"{'operation':50} {'median ms':>10} {'p95 ms':>8}")
    for name, (median, p95) in results.items():
        print(f"{name:50} {median:10.1f} {p95:8.1f}")

    sizes = journey_page_sizes(SLUG, [DOMESTIC_ABUSE_ANSWERS, *DOMESTIC_ABUSE_BRANCHES])
    pages = {slug: size for slug, size in sizes.items() if slug != "check-your-answers"}
    print(f"\nHTML: {len(pages)} question pages, largest {max(pages.values()):,} bytes; ", end="")
    print(f"check your answers {sizes['check-your-answers']:,} bytes (budget 30,000 each)")
    print(
        f"First visit to the start page, gzip as served: {first_visit_gzip_bytes(f'/report/{SLUG}/'):,} bytes (budget 60,000)"
    )


if __name__ == "__main__":
    main()
