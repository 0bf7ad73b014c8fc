"""Search at two corpus sizes, SQLite and PostgreSQL (issue 20 item 3).

    python -m bench.searchscale --database sqlite   [--sizes 1000,10000] [--repeat 5]
    python -m bench.searchscale --database postgres [--postgres-url postgres://postgres@127.0.0.1:5432/wt_search]
    python -m bench.searchscale --render            # the section of docs/benchmarks.md from both runs

One database per engine (SQLite: ``bench-data/searchscale/search.sqlite3``; PostgreSQL:
the URL given, emptied first). A Vietnamese home page, then ``manage.py bench_search
--keep`` at each size in turn: generated pages (with facets) added up to the size and
indexed in bulk, then its 20 queries timed in-process: **uncached** (``search()`` runs,
what is kept per content generation is reused: the median and p95 of 5 runs of each
query after one warm-up) and **cold** (a new content generation before each query), with
the SQL queries of a search. Results go to ``bench-data/searchscale/<engine>.json``.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from .run import ROOT, manage
from .scale import load_runs, reset_postgres, write_section

BEGIN = "<!-- bench.searchscale: begin -->"
END = "<!-- bench.searchscale: end -->"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wt_search"
HOME = "from content.demo_loader import DemoLoader, ensure_root_home; ensure_root_home(DemoLoader())"


def run(args):
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, TASKS_BACKEND="immediate", DJANGO_LOG_LEVEL="ERROR")
    if args.database == "postgres":
        env["DATABASE_URL"] = args.postgres_url
        reset_postgres(args.postgres_url)
    else:
        (data / "search.sqlite3").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{data / 'search.sqlite3'}"
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", HOME)
    results = {"command": "python -m bench.searchscale " + " ".join(sys.argv[1:]), "sizes": {}}
    for size in args.sizes:
        started = time.time()
        out = manage(
            env,
            "bench_search",
            "--scale",
            str(size),
            "--keep",
            "--json",
            "--repeat",
            str(args.repeat),
            capture=True,
        )
        figures = json.loads(out.strip().splitlines()[-1])
        figures.update(seconds=round(time.time() - started), at=time.strftime("%H:%M UTC", time.gmtime()))
        results["sizes"][str(size)] = figures
        print(json.dumps(figures), flush=True)
        (data / f"{args.database}.json").write_text(json.dumps(results, indent=2))


def render_section(runs):
    lines = [
        BEGIN,
        "## Search at 1,000 and 10,000 pages, SQLite and PostgreSQL (`bench/searchscale.py`)",
        "",
        "```",
        "python -m bench.searchscale --database sqlite --sizes 1000,10000",
        "python -m bench.searchscale --database postgres --sizes 1000,10000",
        "python -m bench.searchscale --render",
        "```",
        "",
        "`search.service.search()` in-process on generated pages (`manage.py bench_search`: 20",
        "queries, with and without diacritics, most matching a large share of the corpus), ranked in",
        "the database (SQLite FTS5 `bm25`, PostgreSQL `ts_rank_cd` on the `title || body` GIN index)",
        "within a window of the matches (below), top 300 candidates, facets counted by one SQL `GROUP",
        "BY`. **uncached**: median and p95 of 5 runs of each query after a warm-up (what is kept per",
        "content generation reused); **cold**: one run of each query right after a new content",
        "generation (synonyms, locales and, for queries without every word, the did-you-mean",
        "vocabulary computed again). Times are on a 2-core machine shared with other work: read the",
        "ratios as indicative.",
        "",
        "PostgreSQL is measured after `VACUUM ANALYZE` (`bench_search` runs it after generating,",
        "as autovacuum would on a running site). Without it, right after a bulk load, the planner",
        "believed the Vietnamese locale had one page, started the ranked query from the pages and",
        "ran the index match once per page: 20–37 s per query at about 7,500 entries, 20–55 ms",
        "after `ANALYZE`. After a large import, run `VACUUM ANALYZE` (or wait for autovacuum).",
        "",
        "| engine | pages | uncached ms (p50 / p95) | cold ms (p50 / p95) | SQL queries per search |",
        "| --- | --- | --- | --- | --- |",
    ]
    growth = []
    for engine, res in runs.items():
        sizes = res.get("sizes", {})
        keys = sorted(sizes, key=int)
        for key in keys:
            f = sizes[key]
            lines.append(
                f"| {engine} | {f['pages']:,} | {f['p50_ms']:.1f} / {f['p95_ms']:.1f} | "
                f"{f['cold_p50_ms']:.1f} / {f['cold_p95_ms']:.1f} | {f['queries_per_search']} |"
            )
        if len(keys) > 1:
            first, last = sizes[keys[0]], sizes[keys[-1]]
            ratio = {name: last[name] / first[name] for name in ("p50_ms", "p95_ms", "cold_p50_ms")}
            growth.append(
                f"{engine} {keys[0]} → {keys[-1]}: uncached p50 ×{ratio['p50_ms']:.2f}, "
                f"p95 ×{ratio['p95_ms']:.2f}; cold p50 ×{ratio['cold_p50_ms']:.2f}"
            )
    if growth:
        lines += ["", "Growth: " + "; ".join(growth) + "."]
    lines += [
        "",
        "The ranking query scores a bounded window of the matches (`search/backends/window.py`): the",
        "newest 400 matches and the newest 150 title matches, chosen in index order without scoring",
        "(FTS5 rowid; page id over the GIN bitmap), then ranked (`bm25`, `ts_rank_cd`) and cut to the",
        "top 300, all in the one query. The generated text draws on about 60 words, so a common word",
        "matches a third to a half of the corpus: at 1,000 pages 14 of the 20 queries have every",
        "match in the window (the same ids in the same order as when every match was scored, checked",
        "on both engines) and the other six 427 to 564 matches; at 10,000 pages the common queries",
        "match 2,900 to 5,300 entries and only the window is scored. The trade-off: beyond the",
        "window, an older page that matches only in its body is not a candidate, however well it",
        "would rank. What still grows with the corpus is finding the window: FTS5 walks the common",
        "words' doclists (newest first, until the window is full), PostgreSQL reads the GIN bitmap of",
        "every match and sorts it by page id; cheap per match but not free. Before the window every",
        "match was scored: SQLite 9.9 → 16.5 ms (×1.67), PostgreSQL 13.8 → 29.8 ms (×2.16). On",
        "PostgreSQL the `title || body` GIN index has no planner statistics (migration",
        "`search.0004`): with them, for common words, the planner preferred reading every entry (14",
        "ms for “le hoi” at 10,000 pages) to the index. Runs of this window on the shared 2-core",
        "machine (uncached p50, 1,000 → 10,000): SQLite ×1.12, ×1.47, ×1.29; PostgreSQL ×1.35, ×1.33;",
        "the table shows the last of each. The query count is the same at both sizes.",
    ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def render(data, output):
    write_section(output, BEGIN, END, render_section(load_runs(data)))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Search at two corpus sizes on SQLite and PostgreSQL")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_PG)
    parser.add_argument("--sizes", default="1000,10000", type=lambda v: [int(x) for x in v.split(",")])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", default=str(ROOT / "bench-data" / "searchscale"))
    parser.add_argument("--render", action="store_true", help="only write docs/benchmarks.md from the results")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args(argv)
    if args.render:
        render(args.data, args.output)
    else:
        run(args)


if __name__ == "__main__":
    main()
