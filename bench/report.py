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

    return f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}"


NOTES = [
    "- Three modes. *Cold*: nothing is cached (`PAGE_CACHE_ENABLED=false "
    "FRAGMENT_CACHE_ENABLED=false`): every request runs every query and renders every "
    "template, as right after a publish. *Uncached*: the response cache is off, so every "
    "request goes through the view (routing, the public rule, templates, JSON assembly), "
    "reusing what is kept per content generation: routes, menus, restricted paths, listing "
    "ids, rendered article fragments and each API item's validated JSON (`content/cache.py`). "
    "*Cached*: the default, a response-cache hit. Every kept value is invalidated by the same "
    "generation bump on publish, unpublish, move, delete, translation, image or snippet change.",
    "- wrk sends no `Accept-Encoding`, so req/s are for uncompressed bodies; the gzip column "
    "is what a phone downloads (Brotli is smaller still).",
    "- wrk runs on the same 2 CPUs as the server, so every figure includes its cost.",
]


def _fmt(value, digits=1):
    return "–" if value is None else f"{value:,.{digits}f}"


def lighthouse_lines(lh):
    """The table of the Lighthouse section (``make bench`` and ``python -m bench.lighthouse --write``)."""
    if not lh:
        return ["Not run (`--no-lighthouse`)."]
    if "skipped" in lh:
        return [f"Skipped: {lh['skipped']}."]
    lines = [
        "| page | path | performance | accessibility | best practices | SEO | bytes | audits not passed |",
        "|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for name, s in lh.items():
        if "error" in s:
            lines.append(f"| {name} | `{s['path']}` | error: {s['error']} | | | | | |")
            continue
        failing = "; ".join(f"{k}: {', '.join(v)}" for k, v in s["failing"].items())
        if s.get("attempts", 1) > 1:
            failing = (failing + "; " if failing else "") + f"scored on attempt {s['attempts']}"
        if len(s.get("performance_runs", [])) > 1:
            runs = ", ".join(str(p) for p in s["performance_runs"])
            failing = (failing + "; " if failing else "") + f"performance of the runs: {runs} (median shown)"
        lines.append(
            f"| {name} | `{s['path']}` | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {_fmt(s.get('bytes'), 0)} | {failing} |"
        )
    return lines + ["", *LIGHTHOUSE_NOTES]


LIGHTHOUSE_NOTES = [
    "- The consultation form (`/vi/consultation/`) scores 66 in SEO on purpose: "
    '`templates/community/consultation_form.html` says `<meta name="robots" content="noindex">` '
    "(a health request form has nothing to find, and it sits with the sensitive pages kept out of "
    "search engines), and Lighthouse's `is-crawlable` audit fails on every page that asks not to be "
    "indexed. Its other three categories are 100.",
    "- Performance is simulated (Lantern): what the host's CPU did is multiplied by 4, so on a busy "
    "machine total blocking time and first paint vary from run to run (the runs are listed; the "
    "median is shown). Lantern also applies one server latency per origin, estimated from every "
    "request, so with granian serving the pictures and static files (`DJANGO_SERVE_MEDIA=true`, "
    "two Python workers) a page with many pictures (festival, listing, product) gets a later "
    "simulated first paint than it would behind a static file server.",
    "- `bytes` is Lighthouse's total for its phone (412 px wide, 1.75× pixels): heroes take the 720 "
    "rendition, cards the 576 one; pictures below the fold that Chrome's lazy loading still fetches "
    "are counted.",
]


def _cache(r):
    used = r.get("cache") or "local memory"
    if used == "local memory":
        return (
            "local memory per worker (generation stamp file shared by workers; each worker keeps "
            "copies of the kept responses it served: `content/localcopy.py`)"
        )
    return (
        f"Redis (`{used}`, shared by the workers; each worker also keeps copies of the kept "
        "responses it served, checked against their cache tags on every hit: `content/localcopy.py`, "
        "and holds the generations a hit reads while Redis's key tracking says they are unchanged: "
        "`content/tagwatch.py`)"
    )


def render(r):
    c = r["corpus"]
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`python -m bench.run`), which generates the corpus, serves "
        f"the site with {r.get('server', 'gunicorn')} (WSGI, `DJANGO_DEBUG=false`) on 127.0.0.1 and measures "
        "each key URL with `wrk`; SQL queries and bytes are measured in-process with Django's "
        "test client and `CaptureQueriesContext`. Nothing here is a test: the figures depend on "
        "the machine. The tests in `tests/perf/` assert what does not (query counts, bytes).",
        "",
        f"**Command:** `{r['command'].strip()}` — wrk `-t2 -c{r['connections']} "
        f"-d{r['duration']}s --latency` per URL, {r['workers']} {r.get('server', 'gunicorn')} workers.",
        "",
        f"**Machine:** {_sh('nproc')} CPUs ({_sh(CPU_MODEL)}), "
        f"memory: `{_sh('free -h | sed -n 2p')}`; load average at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; "
        f"{_versions()}; database: SQLite file (WAL); cache: {_cache(r)}.",
        "",
        f"**Corpus (scale {r['scale']}):** {c['pages']:,} generated pages across the page types "
        f"and locales (plus the demo content), {c['courses']:,} courses, {c['learners']:,} "
        f"learners, {c['events']:,} progress events; generated in {c.get('seconds', '?')} s. "
        "Full scale (`--scale 1`) is 10,000 pages, 200 courses, 20,000 learners and 1,000,000 "
        "progress events.",
        "",
        "## Requests per second and latency",
        "",
        "| URL | path | cold req/s | uncached req/s | p50 ms | p99 ms | cached req/s | p50 ms |"
        " p99 ms | SQL cold | SQL uncached | SQL cached | bytes | gzip bytes |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    cold = r["wrk"].get("cold", {}).get("rows", {})
    un, ca = r["wrk"]["uncached"]["rows"], r["wrk"]["cached"]["rows"]
    for name, path in r["urls"]["key"].items():
        q = r["inprocess"].get(name, {})
        k, u, h = cold.get(name, {}), un.get(name, {}), ca.get(name, {})
        lines.append(
            f"| {name} | `{path}` | {_fmt(k.get('rps'), 0)} | {_fmt(u.get('rps'), 0)} | "
            f"{_fmt(u.get('p50_ms'))} | {_fmt(u.get('p99_ms'))} | {_fmt(h.get('rps'), 0)} | "
            f"{_fmt(h.get('p50_ms'))} | {_fmt(h.get('p99_ms'))} | {q.get('cold_queries', '–')} | "
            f"{q.get('queries', '–')} | {q.get('cached_queries', '–')} "
            f"| {q.get('bytes', 0):,} | {q.get('gzip_bytes', 0):,} |"
        )
    errors = [
        f"{m} {n}: {v['non_2xx']} non-2xx"
        for m in r["wrk"]
        for n, v in r["wrk"][m]["rows"].items()
        if v["non_2xx"]
    ]
    lines += [
        "",
        "Peak RSS per worker: "
        + ", ".join(f"{_fmt(v['peak_rss_mib'])} MiB ({m} run)" for m, v in r["wrk"].items())
        + ".",
        "Non-2xx responses during the runs: " + (", ".join(errors) if errors else "none") + ".",
        "",
        "For comparison: Wagtail's own demo site serves about 50 requests/s for a typed API "
        "listing or its home page on this kind of machine (43–47 SQL queries each).",
        "",
        *_nginx_lines(r),
        "## Load test",
        "",
    ]
    load = r.get("load")
    if load:
        same = load["events_stored"] == load["events_acknowledged"]
        kinds = ", ".join(f"{n:,} {k}" for k, n in load["by_kind"].items())
        errors = ", ".join(f"{k}: {n}" for k, n in load["errors"].items()) or "none"
        lines += [
            f"{load['clients']} concurrent clients for {load['seconds']} s against the cached "
            f"server, mixing reads, searches and progress uploads from {load['learners']} "
            f"learners (bench/load.py): {load['requests']:,} requests ({kinds}), "
            f"{_fmt(load['rps'], 0)} req/s, p50 {_fmt(load['p50_ms'])} ms, p99 "
            f"{_fmt(load['p99_ms'])} ms; errors: {errors}.",
            "",
            f"Progress events: {load['events_sent']:,} sent, {load['events_acknowledged']:,} "
            f"acknowledged, {load['events_stored']:,} stored in the database afterwards "
            f"({'none lost, none duplicated' if same else 'MISMATCH'}"
            f"; {load['events_unconfirmed']} never answered).",
        ]
    lines += ["", "## Lighthouse (mobile profile)", ""]
    lines += lighthouse_lines(r.get("lighthouse"))
    lines += ["", "## Reading these figures", "", *NOTES]
    lines += ["", "## Search (`manage.py bench_search`)", ""]
    if "search_bench" in r:
        lines += ["```", str(r["search_bench"]).strip(), "```"]
    else:
        lines += ["Not run in this run (`--no-search-bench`)."]
    lines += ["", f"Whole run: {r['seconds']} s.", ""]
    return "\n".join(lines)


def _nginx_lines(r):
    """Cached reads beside nginx serving the same bytes (``bench.nginx``)."""
    twin = r.get("nginx")
    if not twin:
        return []
    lines = ["## Cached reads beside nginx (same bytes)", ""]
    if "skipped" in twin:
        return [*lines, f"Not measured: {twin['skipped']}.", ""]
    lines += [
        "nginx serves a snapshot of each cached response (same body, same headers, "
        "`sendfile`, no access log, the same number of workers) on another port; wrk measures "
        "it with the same parameters right after the site's cached runs (`bench/nginx.py`).",
        "",
        "| URL | cached req/s (site) | nginx req/s (same bytes) | site / nginx | body bytes |",
        "|---|--:|--:|--:|--:|",
    ]
    cached = r["wrk"]["cached"]["rows"]
    for name, row in twin["rows"].items():
        site = cached.get(name, {}).get("rps")
        ratio = f"{site / row['rps']:.0%}" if site and row.get("rps") else "–"
        lines.append(
            f"| {name} | {_fmt(site, 0)} | {_fmt(row.get('rps'), 0)} | {ratio} | {row.get('bytes', 0):,} |"
        )
    return [*lines, ""]
