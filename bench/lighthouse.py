"""Lighthouse (npm ``lighthouse`` in bench/node_modules, Debian's chromium),
mobile profile: scores for performance, accessibility, best practices, SEO.

    python -m bench.lighthouse http://127.0.0.1:8000 /vi/ /vi/le-hoi/...   (make lighthouse)
"""

import json
import os
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


def run_all(server, paths):
    reason = available()
    if reason:
        print(f"Skipping Lighthouse: {reason}")
        return {"skipped": reason}
    out = {}
    for name, path in paths.items():
        print(f"lighthouse {name:<10} {path}", flush=True)
        out[name] = {"path": path, **score_with_retries(server.url(path))}
    return out


class _Base:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def url(self, path):
        return self.base + path


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    results = run_all(_Base(sys.argv[1]), {p: p for p in sys.argv[2:]})
    print(json.dumps(results, indent=2))
