"""The statistics at the province's scale (issue 14): approved data values in bulk, and
what a commune profile, an indicator page and the CSV export of every value cost with
them loaded. Run inside Django on the benchmark database (``python -m bench.cli``).

Values are sample data (``sample=True``, source ``bench``): every public indicator,
every commune the database knows (before and after the 2025 reorganisation), yearly
then quarterly periods, the total and each sex; bulk inserts of 5,000 rows, so 100,000
values take seconds. Additive: a larger count adds the difference.
"""

import itertools
import random
import statistics
import time
import tracemalloc
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from .modes import MODES
from .progress import Progress

SOURCE = "bench"
YEARS = [str(y) for y in range(2025, 1999, -1)]
QUARTERS = [f"{y}Q{q}" for y in range(2025, 1999, -1) for q in (1, 2, 3, 4)]


def generate_values(count, out, seed=20):
    """Approved sample values until ``count`` bench values exist; returns how many were added."""
    from content.models import AdministrativeUnit
    from stats.models import DataValue, DisaggregationOption, Indicator

    have = DataValue.objects.filter(source=SOURCE).count()
    wanted = count - have
    if wanted <= 0:
        return 0
    indicators = list(Indicator.objects.filter(restricted=False).order_by("code"))
    units = list(AdministrativeUnit.objects.communes().order_by("code", "pk"))
    if not indicators or not units:
        raise SystemExit("No indicators or communes: run load_demo_content first.")
    breakdowns = ["", *(o.key for o in DisaggregationOption.objects.filter(category="sex").order_by("code"))]
    taken = set(DataValue.objects.values_list("indicator_id", "unit_id", "period", "disaggregation"))
    rng = random.Random(seed + have)
    progress = Progress(out, "Statistics values", wanted)
    batch, added = [], 0
    for period, indicator, unit, breakdown in itertools.product(YEARS + QUARTERS, indicators, units, breakdowns):
        key = (indicator.pk, unit.pk, period, breakdown)
        if key in taken:
            continue
        batch.append(
            DataValue(
                indicator=indicator,
                unit=unit,
                period=period,
                disaggregation=breakdown,
                value=Decimal(rng.randint(1, 5000)),
                status=DataValue.Status.APPROVED,
                sample=True,
                source=SOURCE,
            )
        )
        if len(batch) >= min(5000, wanted - added):
            DataValue.objects.bulk_create(batch)
            added += len(batch)
            batch = []
            progress.update(added)
            if added >= wanted:
                break
    from content.cache import bump
    from content.planner import refresh_statistics

    refresh_statistics()
    bump()  # bulk inserts send no signal
    return added


def timed_get(url, repeat, mode="cold"):
    """Median and p95 milliseconds, SQL queries, status and bytes of ``repeat`` GETs of
    ``url`` in ``mode`` (bench/modes.py), after one warm-up."""
    with override_settings(**MODES[mode]):
        client = Client()
        client.get(url)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as counter:
                response = client.get(url)
                body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "url": url,
        "status": response.status_code,
        "queries": len(counter),
        "bytes": len(body),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
        "runs": repeat,
        "times": [round(t, 2) for t in times],
    }


def stream_memory(url):
    """Peak Python memory (tracemalloc) while the streamed CSV at ``url`` is read chunk by
    chunk and thrown away, with its size in bytes and lines and the SQL queries it ran."""
    with override_settings(**MODES["cold"]):
        client = Client()
        tracemalloc.start()
        size = lines = 0
        with CaptureQueriesContext(connection) as counter:
            response = client.get(url)
            for chunk in response.streaming_content:
                size += len(chunk)
                lines += chunk.count(b"\n")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "url": url,
        "status": response.status_code,
        "streaming": response.streaming,
        "bytes": size,
        "lines": lines,
        "queries": len(counter),
        "peak_python_mib": round(peak / 2**20, 2),
    }


def measure(repeat=5):
    """A commune profile (the commune with the most values) and an indicator page, cold
    and uncached; the CSV export of every approved value, its peak memory."""
    from django.db.models import Count

    from stats.models import DataValue

    approved = DataValue.objects.approved().filter(indicator__restricted=False)
    busiest = (
        approved.filter(unit__valid_to__isnull=True)
        .values("unit__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__code")
        .first()
    )
    indicator = approved.values("indicator__code").annotate(n=Count("pk")).order_by("-n").first()
    out = {"approved_values": approved.count(), "bench_values": DataValue.objects.filter(source=SOURCE).count()}
    pages = {
        "commune profile": f"/vi/statistics/communes/{busiest['unit__code']}/",
        "indicator page": f"/vi/statistics/indicators/{indicator['indicator__code']}/",
    }
    for name, url in pages.items():
        out[name] = {mode: timed_get(url, repeat, mode) for mode in ("cold", "uncached")}
    out["csv export"] = stream_memory("/api/v1/stats/values.csv")
    return out
