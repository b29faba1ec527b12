"""Benchmark reporting.routing: load time, memory held by the data, decisions/s.

Run from the repository root with ``python bench/routing_bench.py``. It is a
script rather than a test because timings depend on the machine; it exits
non-zero if throughput falls below the 100,000 decisions/s the spec requires,
so it can still gate a release by hand.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from reporting import routing  # noqa: E402

REQUIRED_DECISIONS_PER_SECOND = 100_000
MIX_SECONDS = 1.5
CATEGORY_SECONDS = 0.4
RELOADS = 20
SEED = 20250101
_DECIDED = {routing.Outcome.ROUTED, routing.Outcome.OUT_OF_SCOPE}

# Run in a fresh interpreter so "cold" really is cold: module import, file
# reads, parsing and indexing, with nothing cached by an earlier run.
_COLD_PROCESS_PROBE = """
import json, resource, time
started = time.perf_counter()
from reporting import routing
imported = time.perf_counter()
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
routing.data_version()
loaded = time.perf_counter()
rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "import_s": imported - started,
    "load_s": loaded - imported,
    "rss_kib": rss_after - rss_before,
}))
"""


def cold_process_figures() -> dict[str, float]:
    """Time import and first load in a new interpreter; ru_maxrss is in KiB on Linux."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    output = subprocess.run(
        [sys.executable, "-c", _COLD_PROCESS_PROBE],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
    ).stdout
    return json.loads(output)


def reload_seconds() -> float:
    """Median in-process reload with the cache cleared, to smooth out disk-cache noise."""
    timings = []
    for _ in range(RELOADS):
        routing._reference_data.cache_clear()
        started = time.perf_counter()
        routing.data_version()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def data_memory_bytes() -> tuple[int, int]:
    """Return (retained, peak) bytes Python allocates to load the data."""
    routing._reference_data.cache_clear()
    gc.collect()
    tracemalloc.start()
    routing.data_version()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return retained, peak


def sample_inputs(rng: random.Random) -> dict[str, list[str]]:
    """Build inputs per category from the real districts, shaped like what people type."""
    path = routing.DATA_DIR / "postcode_district_to_force.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        districts = sorted({row["district"] for row in csv.DictReader(handle)})
    # Classify through the public API; a district nobody can type (the retired
    # "NPT") comes back invalid and so lands in neither list.
    outcomes = {d: routing.route_postcode(d).outcome for d in districts}
    single = [d for d, o in outcomes.items() if o in _DECIDED]
    split = [d for d, o in outcomes.items() if o == routing.Outcome.CHOOSE_FORCE]
    letters = "ABDEFGHJLNPQRSTUWXYZ"

    def full(district: str) -> str:
        inward = f"{rng.randint(0, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        style = rng.random()
        if style < 0.6:
            return f"{district} {inward}"
        if style < 0.85:
            return f"{district}{inward}".lower()
        return f"  {district.lower()}  {inward} "

    malformed = ["hello", "12345", "SW1A 1A", "", "B1 1", "my house", "SW1A-1AA", "N/A"]
    return {
        "full postcode": [full(rng.choice(single)) for _ in range(5_000)],
        "partial postcode": [rng.choice(single).lower() for _ in range(2_000)],
        "straddling district": [full(rng.choice(split)) for _ in range(1_000)],
        "malformed": [rng.choice(malformed) for _ in range(1_000)],
    }


def decisions_per_second(inputs: list[str], seconds: float) -> float:
    """Loop over ``inputs`` until ``seconds`` have passed; return the rate."""
    route: Callable[[str], routing.RoutingDecision] = routing.route_postcode
    done = 0
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for text in inputs:
            route(text)
        done += len(inputs)
        elapsed = time.perf_counter() - started
    return done / elapsed


def main() -> int:
    cold = cold_process_figures()
    reload = reload_seconds()
    retained, peak = data_memory_bytes()

    rng = random.Random(SEED)
    by_category = sample_inputs(rng)
    mix = [text for texts in by_category.values() for text in texts]
    rng.shuffle(mix)
    routing.data_version()  # warm the cache so throughput excludes loading
    mix_rate = decisions_per_second(mix, MIX_SECONDS)

    rows = [
        ("data version", routing.data_version()),
        ("cold import (fresh process)", f"{cold['import_s'] * 1000:.1f} ms"),
        ("cold data load (fresh process)", f"{cold['load_s'] * 1000:.1f} ms"),
        (f"reload, cache cleared (median of {RELOADS})", f"{reload * 1000:.1f} ms"),
        ("memory retained by data (tracemalloc)", f"{retained / 1024:.0f} KiB"),
        ("memory peak while loading (tracemalloc)", f"{peak / 1024:.0f} KiB"),
        ("max RSS growth on load (fresh process)", f"{cold['rss_kib']:.0f} KiB"),
        (f"decisions/s, mix of {len(mix):,} inputs", f"{mix_rate:,.0f}"),
    ]
    rows += [
        (f"decisions/s, {name} only", f"{decisions_per_second(texts, CATEGORY_SECONDS):,.0f}")
        for name, texts in by_category.items()
    ]
    width = max(len(label) for label, _ in rows)
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} CPU(s)")
    for label, value in rows:
        print(f"{label:<{width}}  {value:>14}")

    if mix_rate < REQUIRED_DECISIONS_PER_SECOND:
        print(f"FAIL: below {REQUIRED_DECISIONS_PER_SECOND:,} decisions/s")
        return 1
    print(f"OK: at least {REQUIRED_DECISIONS_PER_SECOND:,} decisions/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
