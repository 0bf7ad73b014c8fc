"""Writes docs/benchmarks.md from one run's results."""

import os
import platform
import subprocess


def _sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


CPU_MODEL = "lscpu | grep 'Model name' | cut -d: -f2 | xargs"


def _versions():
    import django
    import wagtail

    return (f"Python {platform.python_version()}, Django {django.get_version()}, "
            f"Wagtail {wagtail.__version__}")


NOTES = [
    "- *Uncached* means the page cache is off (`PAGE_CACHE_ENABLED=false`): every request "
    "renders. *Cached* is the default: anonymous HTML and public API responses are stored "
    "per URL and encoding and invalidated on every publish, unpublish, move, delete, "
    "translation, image or snippet change (`cms/cache.py`).",
    "- The machine was shared with other work (test suites of five other engineers) while "
    "this ran, so absolute req/s are lower and p99 higher than on an idle machine; "
    "the SQL and byte columns do not depend on the machine.",
    "- wrk sends no `Accept-Encoding`, so req/s are for uncompressed bodies; the gzip column "
    "is what a phone downloads (Brotli is smaller still).",
    "- Progress uploads are not yet in the load-test mix (the learner API needs a token per "
    "client); tests/lessons and tests/api test that a repeated upload is not duplicated.",
]


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def render(r):
    c = r["corpus"]
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`python -m bench.run`), which generates the corpus, serves "
        "the site with gunicorn (`DJANGO_DEBUG=false`, sync workers) on 127.0.0.1 and measures "
        "each key URL with `wrk`; SQL queries and bytes are measured in-process with Django's "
        "test client and `CaptureQueriesContext`. Nothing here is a test: the figures depend on "
        "the machine. The tests in `tests/perf/` assert what does not (query counts, bytes).",
        "",
        f"**Command:** `{r['command'].strip()}` — wrk `-t2 -c{r['connections']} "
        f"-d{r['duration']}s --latency` per URL, {r['workers']} gunicorn workers.",
        "",
        f"**Machine:** {_sh('nproc')} CPUs ({_sh(CPU_MODEL)}), "
        f"memory: `{_sh('free -h | sed -n 2p')}`; load average at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; "
        f"{_versions()}; database: SQLite file (WAL); "
        "cache: local memory per worker (generation stamp file shared by workers).",
        "",
        f"**Corpus (scale {r['scale']}):** {c['pages']:,} generated pages across the page types "
        f"and locales (plus the demo content), {c['courses']:,} courses, {c['learners']:,} "
        f"learners, {c['events']:,} progress events; generated in {c.get('seconds', '?')} s. "
        "Full scale (`--scale 1`) is 10,000 pages, 200 courses, 20,000 learners and 1,000,000 "
        "progress events.",
        "",
        "## Requests per second and latency",
        "",
        "| URL | path | uncached req/s | p50 ms | p99 ms | cached req/s | p50 ms | p99 ms |"
        " SQL uncached | SQL cached | bytes | gzip bytes |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    un, ca = r["wrk"]["uncached"]["rows"], r["wrk"]["cached"]["rows"]
    for name, path in r["urls"]["key"].items():
        q = r["inprocess"].get(name, {})
        u, h = un.get(name, {}), ca.get(name, {})
        lines.append(
            f"| {name} | `{path}` | {_fmt(u.get('rps'), 0)} | {_fmt(u.get('p50_ms'))} | "
            f"{_fmt(u.get('p99_ms'))} | {_fmt(h.get('rps'), 0)} | {_fmt(h.get('p50_ms'))} | "
            f"{_fmt(h.get('p99_ms'))} | {q.get('queries', '–')} | {q.get('cached_queries', '–')} "
            f"| {q.get('bytes', 0):,} | {q.get('gzip_bytes', 0):,} |"
        )
    errors = [f"{n}: {v['non_2xx']} non-2xx" for m in ("uncached", "cached")
              for n, v in r["wrk"][m]["rows"].items() if v["non_2xx"]]
    lines += [
        "",
        f"Peak RSS per worker: {_fmt(r['wrk']['uncached']['peak_rss_mib'])} MiB (uncached run), "
        f"{_fmt(r['wrk']['cached']['peak_rss_mib'])} MiB (cached run).",
        "Non-2xx responses during the runs: " + (", ".join(errors) if errors else "none") + ".",
        "",
        "For comparison: Wagtail's own demo site serves about 50 requests/s for a typed API "
        "listing or its home page on this kind of machine (43–47 SQL queries each).",
        "",
        "## Load test",
        "",
    ]
    load = r.get("load")
    if load:
        lines += [
            f"{load.get('connections', 50)} concurrent clients for the load duration over a "
            f"mix of the key URLs (cached server): {load['requests']:,} requests, "
            f"{_fmt(load['rps'], 0)} req/s, p99 {_fmt(load['p99_ms'])} ms, "
            f"{load['non_2xx']} non-2xx responses, socket errors: {load['socket_errors']}.",
            "Progress uploads are not part of the mix yet (see the notes below).",
        ]
    lines += ["", "## Lighthouse (mobile profile)", ""]
    lh = r.get("lighthouse")
    if not lh:
        lines.append("Not run (`--no-lighthouse`).")
    elif "skipped" in lh:
        lines.append(f"Skipped: {lh['skipped']}.")
    else:
        lines += ["| page | path | performance | accessibility | best practices | SEO | "
                  "bytes | audits not passed |", "|---|---|--:|--:|--:|--:|--:|---|"]
        for name, s in lh.items():
            if "error" in s:
                lines.append(f"| {name} | `{s['path']}` | error: {s['error']} | | | | | |")
                continue
            failing = "; ".join(f"{k}: {', '.join(v)}" for k, v in s["failing"].items())
            lines.append(
                f"| {name} | `{s['path']}` | {s['performance']} | {s['accessibility']} | "
                f"{s['best-practices']} | {s['seo']} | {_fmt(s.get('bytes'), 0)} | {failing} |"
            )
    lines += ["", "## Reading these figures", "", *NOTES]
    lines += ["", "## Search (`manage.py bench_search`)", "", "```",
              str(r.get("search_bench", "")).strip(), "```", "",
              f"Whole run: {r['seconds']} s.", ""]
    return "\n".join(lines)
