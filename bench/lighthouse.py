"""Lighthouse (npm ``lighthouse`` in bench/node_modules, Debian's chromium),
mobile profile: scores for performance, accessibility, best practices, SEO.

    python -m bench.lighthouse http://127.0.0.1:8000 /vi/ /vi/le-hoi/...   (make lighthouse)
    python -m bench.lighthouse --runs 3 --write docs/benchmarks.md http://127.0.0.1:8000 /vi/ ...

``--runs N`` scores each page N times and keeps the run of median performance (Lighthouse's
own advice against run-to-run variance: its simulated throttling scales what the host's CPU
did, so a busy machine lowers the figure); ``--write`` replaces the Lighthouse section of
that Markdown file with the table, the command, the versions and the commit.
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CLI = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def available():
    """None when Lighthouse can run, else the reason it cannot."""
    if not shutil.which("node"):
        return "node is not installed"
    if not CLI.exists():
        return "lighthouse is not installed (npm install --prefix bench lighthouse)"
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def score(url):
    result = subprocess.run(
        [
            "node",
            str(CLI),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:] or ["failed"]}
    report = json.loads(result.stdout)
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = {}
    for c in CATEGORIES:
        for ref in report["categories"][c]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                failing.setdefault(c, []).append(ref["id"])
    scores["failing"] = failing
    scores["bytes"] = report["audits"].get("total-byte-weight", {}).get("numericValue")
    scores["lighthouse"] = report.get("lighthouseVersion")
    scores["benchmark_index"] = report.get("environment", {}).get("benchmarkIndex")
    return scores


def score_with_retries(url, attempts=3):
    """Lighthouse sometimes fails to record a trace (NO_NAVSTART, a known flake of
    headless Chrome); such a run has no scores, so it is tried again, and the report
    says how many attempts it took."""
    tried = 0
    while True:
        tried += 1
        result = score(url)
        if "error" not in result or tried >= attempts:
            result["attempts"] = tried
            return result


def score_median(url, runs=1):
    """The run of median performance among ``runs`` scored runs (an error if none scored)."""
    results = [score_with_retries(url) for _ in range(runs)]
    scored = sorted((r for r in results if "error" not in r), key=lambda r: r["performance"])
    if not scored:
        return results[-1]
    chosen = scored[(len(scored) - 1) // 2]
    if runs > 1:
        chosen["performance_runs"] = [r["performance"] for r in scored]
    return chosen


def run_all(server, paths, runs=1):
    reason = available()
    if reason:
        print(f"Skipping Lighthouse: {reason}")
        return {"skipped": reason}
    out = {}
    for name, path in paths.items():
        print(f"lighthouse {name:<10} {path}", flush=True)
        out[name] = {"path": path, **score_median(server.url(path), runs)}
    return out


HEADING = "## Lighthouse (mobile profile)"


def write_section(output, results, command):
    """Replace the Lighthouse section of ``output`` (up to the next ``## `` heading)."""
    from .report import lighthouse_lines

    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=BENCH).stdout.strip()
        except OSError:
            return "?"

    scored = [s for s in results.values() if isinstance(s, dict) and "lighthouse" in s]
    version = scored[0]["lighthouse"] if scored else "?"
    indexes = sorted(s["benchmark_index"] for s in scored if s.get("benchmark_index"))
    chromium = run([CHROMIUM, "--version"]).splitlines()[-1:] or ["?"]
    commit = run(["git", "rev-parse", "--short", "HEAD"]) or "?"
    section = [
        HEADING,
        "",
        f"**Command:** `{command}` — Lighthouse {version}, {chromium[0].strip()}, commit `{commit}`"
        + (
            f"; Lighthouse's CPU benchmark index of the host {indexes[0]:.0f}–{indexes[-1]:.0f}."
            if indexes
            else "."
        ),
        "",
        *lighthouse_lines(results),
        "",
    ]
    path = Path(output)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        rest = text[end + 1 :] if end != -1 else ""
        text = text[:start] + "\n".join(section) + "\n" + rest
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section)
    path.write_text(text)
    print(f"Wrote the Lighthouse section of {output}")


class _Base:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def url(self, path):
        return self.base + path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance is kept")
    parser.add_argument("--write", metavar="MARKDOWN", help="replace the Lighthouse section of this file")
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+", help="a path, or name=path")
    args = parser.parse_args(argv)
    paths = dict(p.split("=", 1) if "=" in p.split("/", 1)[0] else (p, p) for p in args.paths)
    results = run_all(_Base(args.base), paths, args.runs)
    print(json.dumps(results, indent=2))
    if args.write and "skipped" not in results:
        command = "python -m bench.lighthouse " + shlex.join(sys.argv[1:] if argv is None else argv)
        write_section(args.write, results, command)


if __name__ == "__main__":
    main()
