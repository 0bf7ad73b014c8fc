"""Cold cost at the province's scale, on SQLite and PostgreSQL (issue 20, issue 14).

    python -m bench.scale --database sqlite   [--sizes 1000,10000] [--values 100000] [--repeat 7]
    python -m bench.scale --database postgres [--postgres-url postgres://postgres@127.0.0.1:5432/wt_perf]
    python -m bench.scale --render            # the section of docs/benchmarks.md from both runs

One database per engine (``bench-data/scale/``): demo content, then generated pages
(``bench/corpus.py``, search-indexed) up to each size in turn (additive), and at each
size every key URL timed in-process with Django's test client, **cold** (nothing kept:
no response cache, no kept fragments, routes or menus) and **uncached** (views run,
what is kept per generation reused), with its SQL queries. After the first size,
100,000 approved statistics values (``bench/statsvalues.py``), a commune profile and
an indicator page timed the same way, and the CSV export of every value streamed with
its peak Python memory. Results go to ``bench-data/scale/<engine>.json``; ``--render``
writes them between the markers of ``docs/benchmarks.md``.
"""

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .run import PY, ROOT, bench_env, manage

BEGIN = "<!-- bench.scale: begin -->"
END = "<!-- bench.scale: end -->"
CORPUS_BEGIN = "<!-- corpus: begin -->"
CORPUS_END = "<!-- corpus: end -->"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wt_perf"


def cli(env, *args):
    print("$ python -m bench.cli", " ".join(args), flush=True)
    result = subprocess.run(
        [PY, "-m", "bench.cli", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def reset_postgres(url):
    """Drop and create the database of ``url`` (a benchmark starts from nothing)."""
    name = url.rsplit("/", 1)[1]
    base = url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", base, "-q", "-c", sql], check=True)


def snapshot_url(env, database, size):
    """The URL of a copy of the database as it was at ``size`` pages (``keep_snapshot``)."""
    url = env["DATABASE_URL"]
    if database == "postgres":
        return f"{url}_{size}"
    return url.replace(".sqlite3", f"-{size}.sqlite3")


def keep_snapshot(env, database, size):
    """Copy the database as it is now, at ``size`` pages, so that every size can be timed
    again at the end, in turns (``interleave``): PostgreSQL ``CREATE DATABASE … TEMPLATE``,
    SQLite's online backup."""
    copy = snapshot_url(env, database, size)
    if database == "postgres":
        base, name = env["DATABASE_URL"].rsplit("/", 1)
        for sql in (
            f'DROP DATABASE IF EXISTS "{name}_{size}" WITH (FORCE)',
            f'CREATE DATABASE "{name}_{size}" TEMPLATE "{name}"',
        ):
            subprocess.run(["psql", base + "/postgres", "-q", "-c", sql], check=True)
    else:
        source = sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"))
        target = sqlite3.connect(copy.removeprefix("sqlite:///"))
        with target:
            source.backup(target)
        source.close()
        target.close()
    return copy


def _merge(rows):
    """One row from several runs of the same URL and mode: median and p95 of every time."""
    times = sorted(t for row in rows for t in row["times"])
    return {
        **rows[0],
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
        "runs": len(times),
        "times": times,
    }


def interleave(env, urls_by_size, rounds, repeat):
    """Time every size again, in turns (1,000, 10,000, 1,000, 10,000…), and merge each
    URL's times: a size measured minutes after another met another load on a shared
    machine, and the growth between them measured the load as much as the corpus."""
    runs = {size: [] for size in urls_by_size}
    for n in range(rounds):
        for size, url in urls_by_size.items():
            print(f"round {n + 1}/{rounds}, {size} pages", flush=True)
            runs[size].append(cli({**env, "DATABASE_URL": url}, "cold", str(repeat)))
    return {
        size: {
            name: {mode: _merge([r[name][mode] for r in results]) for mode in results[0][name]}
            for name in results[0]
        }
        for size, results in runs.items()
    }


def run(args):
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    results_file = data / f"{args.database}.json"
    results = json.loads(results_file.read_text()) if results_file.exists() and not args.fresh else {}
    env = bench_env(data, "cold", redis=False)  # in one process: the figures stay comparable
    if args.database == "postgres":
        env["DATABASE_URL"] = args.postgres_url
    else:
        env["DATABASE_URL"] = f"sqlite:///{data / 'scale.sqlite3'}"
    env["PAGE_CACHE_STAMP"] = str(data / f"{args.database}.stamp")

    def save():
        results_file.write_text(json.dumps(results, indent=2))

    if "setup" not in results:
        if args.database == "postgres":
            reset_postgres(args.postgres_url)
        else:
            (data / "scale.sqlite3").unlink(missing_ok=True)
        started = time.time()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "compile_catalogues")
        manage(env, "load_demo_content")
        results["setup"] = {"seconds": round(time.time() - started)}
        results["sizes"] = {}
        save()
    manage(env, "collectstatic", "--noinput", "-v0")  # production settings: a manifest of static files
    for n, size in enumerate(args.sizes):
        key = str(size)
        if key not in results["sizes"]:
            started = time.time()
            corpus = cli(env, "pages", key)
            corpus["seconds"] = round(time.time() - started)
            urls = cli(env, "cold", str(args.repeat))
            results["sizes"][key] = {
                "corpus": corpus,
                "urls": urls,
                "at": time.strftime("%H:%M UTC", time.gmtime()),
            }
            save()
        if n == 0 and args.values and "stats" not in results:  # the statistics do not depend on the pages
            started = time.time()
            added = cli(env, "stats-values", str(args.values))
            added["seconds"] = round(time.time() - started)
            measured = cli(env, "stats-measure", str(args.repeat))
            results["stats"] = {"generate": added, **measured, "at": time.strftime("%H:%M UTC", time.gmtime())}
            save()
        if args.rounds and n < len(args.sizes) - 1:
            results["sizes"][key]["snapshot"] = keep_snapshot(env, args.database, size)
            save()
    earlier = [str(s) for s in args.sizes[:-1]]
    if args.rounds and earlier and all("snapshot" in results["sizes"][k] for k in earlier):
        began = time.strftime("%H:%M", time.gmtime())
        targets = {k: results["sizes"][k]["snapshot"] for k in earlier}
        targets[str(args.sizes[-1])] = env["DATABASE_URL"]
        for key, urls in interleave(env, targets, args.rounds, args.repeat).items():
            results["sizes"][key]["urls"] = urls
            results["sizes"][key]["at"] = f"{began}–{time.strftime('%H:%M UTC', time.gmtime())}, in turns"
        results["rounds"] = args.rounds
        save()
    results["command"] = "python -m bench.scale " + " ".join(sys.argv[1:])
    save()
    print(f"Wrote {results_file}")


def _ms(row):
    return f"{row['median_ms']:.0f} / {row['p95_ms']:.0f}"


def render_section(runs, note=""):
    lines = [
        BEGIN,
        "## Cold pages at 1,000 and 10,000 pages, SQLite and PostgreSQL (`bench/scale.py`)",
        "",
        "Commands (each engine builds its own database in `bench-data/scale/`; the second",
        "size adds pages to the first):",
        "",
        "```",
        "python -m bench.scale --database sqlite --sizes 1000,10000 --values 100000 --repeat 7 --rounds 3",
        "python -m bench.scale --database postgres --sizes 1000,10000 --values 100000 --repeat 7 --rounds 3",
        "python -m bench.scale --render",
        "```",
        "",
        "Times are in-process (Django's test client, one process, no HTTP server). Each size's",
        "database is copied when it is built; at the end the sizes are timed **in turns**, 3 rounds",
        "(1,000, 10,000, 1,000, 10,000, …), each of 7 requests per URL and mode after one warm-up,",
        "so that both sizes meet the same load; shown: the median and p95 in ms of the 21 requests.",
        "**cold**: nothing kept (no response cache, no",
        "kept fragments, routes, menus or lists: `FRAGMENT_CACHE_ENABLED=false`); **uncached**: the",
        "view runs, what is kept per content generation is reused. SQL queries are counted per",
        "request. The pages include the demo content; the search URL searches the generated corpus,",
        "which is in the search index (`bench/corpus.py` `index_pages`).",
        "",
        "**Noise:** times depend on what else the 2-core machine runs (the note below says what did);",
        "they vary by tens of percent between runs. The query counts and bytes do not depend on",
        "load; the times do. Timing the sizes in turns keeps a change of load from passing for",
        "growth, but the ratios stay indicative.",
        "",
    ]
    if note:
        lines += [note, ""]
    for engine, res in runs.items():
        sizes = res.get("sizes", {})
        if not sizes:
            continue
        keys = sorted(sizes, key=int)
        lines += [f"### {engine}", ""]
        corpus = ", ".join(
            f"{k}: {sizes[k]['corpus']['pages_in_site']} pages in the site, measured at {sizes[k]['at']}"
            for k in keys
        )
        lines += [f"Generated pages {corpus}.", ""]
        head = "| URL | " + " | ".join(f"cold ms (median / p95) at {k}" for k in keys)
        head += " | cold growth | " + " | ".join(f"cold queries at {k}" for k in keys)
        head += " | " + " | ".join(f"uncached ms at {k}" for k in keys) + " | uncached queries |"
        lines += [head, "|" + " --- |" * (head.count("|") - 1)]
        names = list(sizes[keys[0]]["urls"])
        for name in names:
            rows = [sizes[k]["urls"].get(name) for k in keys]
            if any(r is None for r in rows):
                continue
            growth = rows[-1]["cold"]["median_ms"] / max(rows[0]["cold"]["median_ms"], 0.1)
            cells = [_ms(r["cold"]) for r in rows] + [f"{growth:.2f}×"]
            cells += [str(r["cold"]["queries"]) for r in rows]
            cells += [_ms(r["uncached"]) for r in rows]
            cells += [" → ".join(str(r["uncached"]["queries"]) for r in rows)]
            lines.append(f"| {name} (`{rows[0]['cold']['url']}`) | " + " | ".join(cells) + " |")
        lines.append("")
        stats = res.get("stats")
        if stats:
            lines += [
                f"Statistics with {stats['approved_values']:,} approved values loaded "
                f"({stats['bench_values']:,} generated by `bench/statsvalues.py` in "
                f"{stats['generate']['seconds']} s, bulk insert), measured at {stats['at']}:",
                "",
                "| URL | cold ms (median / p95) | cold queries | uncached ms | uncached queries | bytes |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
            for name in ("commune profile", "indicator page"):
                row = stats[name]
                lines.append(
                    f"| {name} (`{row['cold']['url']}`) | {_ms(row['cold'])} | {row['cold']['queries']} | "
                    f"{_ms(row['uncached'])} | {row['uncached']['queries']} | {row['cold']['bytes']:,} |"
                )
            csv = stats["csv export"]
            lines += [
                "",
                f"CSV export of every approved value (`{csv['url']}`): {csv['bytes']:,} bytes, "
                f"{csv['lines']:,} lines, {csv['queries']} SQL queries, streamed: {csv['streaming']}; "
                f"peak Python memory while streaming (tracemalloc, request and whole iteration): "
                f"**{csv['peak_python_mib']} MiB**.",
                "",
            ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def keep_section(text, output):
    """``text`` (a new docs/benchmarks.md) with the sections of the file at ``output`` that
    other commands own kept: ``make bench`` rewrites the document, ``bench.scale`` and
    ``bench.searchscale`` own their sections, and the corpus generator's timings
    (``CORPUS_BEGIN``) are measured by hand and put back before the request figures,
    where the corpus is described."""
    from .searchscale import BEGIN as SEARCH_BEGIN
    from .searchscale import END as SEARCH_END

    path = Path(output)
    old = path.read_text() if path.exists() else ""
    if CORPUS_BEGIN in old and CORPUS_END in old and CORPUS_BEGIN not in text:
        corpus = old[old.index(CORPUS_BEGIN) : old.index(CORPUS_END) + len(CORPUS_END)]
        anchor = "## Requests per second"
        if anchor in text:
            text = text.replace(anchor, corpus + "\n\n" + anchor, 1)
        else:
            text = text.rstrip("\n") + "\n\n" + corpus + "\n"
    for begin, end in ((BEGIN, END), (SEARCH_BEGIN, SEARCH_END)):
        if begin in old and end in old:
            text = text.rstrip("\n") + "\n\n" + old[old.index(begin) : old.index(end) + len(end)] + "\n"
    return text


def load_runs(data):
    """``{"SQLite": results, "PostgreSQL": results}`` of the runs saved in ``data``."""
    runs = {}
    for engine, label in (("sqlite", "SQLite"), ("postgres", "PostgreSQL")):
        path = Path(data) / f"{engine}.json"
        if path.exists():
            runs[label] = json.loads(path.read_text())
    return runs


def write_section(output, begin, end, section):
    """Put ``section`` (which starts with ``begin`` and ends with ``end``) in the document
    at ``output``, in place of the one it replaces, or at the end."""
    doc = Path(output)
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + section + text[text.index(end) + len(end) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text)
    print(f"Wrote {doc}")


def render(data, output, note=""):
    write_section(output, BEGIN, END, render_section(load_runs(data), note))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Cold pages at 1,000 and 10,000 pages on SQLite and PostgreSQL")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--sizes", default="1000,10000", type=lambda v: [int(x) for x in v.split(",")])
    parser.add_argument("--values", type=int, default=100_000, help="approved statistics values (0: none)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="at the end, time every size again this many times in turns (0: each size once, as it is built)",
    )
    parser.add_argument("--data", default=str(ROOT / "bench-data" / "scale"))
    parser.add_argument("--fresh", action="store_true", help="start again from an empty database")
    parser.add_argument("--render", action="store_true", help="only write docs/benchmarks.md from the results")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--note", default="", help="with --render: a paragraph about this run")
    args = parser.parse_args(argv)
    if args.render:
        render(args.data, args.output, args.note)
    else:
        run(args)


if __name__ == "__main__":
    main()
