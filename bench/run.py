"""``make bench``: corpus → gunicorn (production settings) on loopback → wrk per
key URL, uncached and cached → load test → search bench → Lighthouse →
docs/benchmarks.md. Nothing here is a test; figures depend on the machine.

    python -m bench.run [--scale 1] [--duration 10] [--fresh] [--no-lighthouse]

The cache is Redis when one answers at ``BENCH_REDIS_URL`` (default
redis://127.0.0.1:6379/11, emptied before each server starts; set it empty for
local memory per worker).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import report
from .modes import MODES
from .rediscache import bench_redis_url, cache_used, flush_redis

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def bench_env(data, mode="cached", redis=True):
    """The environment of the benchmark's commands and servers: production settings on
    the corpus in ``data``. ``redis``: the cache in Redis when one answers at
    ``BENCH_REDIS_URL`` (``bench_redis_url``), else local memory per worker; False
    leaves ``REDIS_URL`` as the caller's environment has it (``bench.scale``, which
    times cold pages in one process)."""
    switches = {name: "true" if on else "false" for name, on in MODES[mode].items()}
    env = dict(os.environ)
    if redis:
        env.pop("REDIS_URL", None)
        if url := bench_redis_url():
            env["REDIS_URL"] = url
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=env.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=env.get("BENCH_DATABASE_URL") or f"sqlite:///{data / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(data / "media"),
        DJANGO_STATIC_ROOT=str(data / "static"),
        PAGE_CACHE_STAMP=str(data / "pagecache.stamp"),
        **switches,
        # No db_worker runs beside the benchmark: index the corpus as it is built.
        TASKS_BACKEND="immediate",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_SERVE_MEDIA="true",
    )
    return env


def manage(env, *args, capture=False):
    print("$ manage.py", " ".join(args), flush=True)
    stdout = subprocess.PIPE if capture else None  # stderr stays on the terminal: progress bars show
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=stdout, text=True)
    return result.stdout if capture else None


def cli(env, *args):
    result = subprocess.run(
        [PY, "-m", "bench.cli", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


class Server:
    """granian (default) or gunicorn on loopback; remembers its workers' peak RSS."""

    def __init__(self, env, port, workers, kind="granian"):
        self.env, self.port, self.workers, self.kind = env, port, workers, kind

    def command(self):
        bin_dir = Path(PY).parent
        if self.kind == "gunicorn":
            return [
                str(bin_dir / "gunicorn"),
                "cms.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                "--max-requests",
                "0",
            ]
        return [
            str(bin_dir / "granian"),
            "--interface",
            "wsgi",
            "cms.wsgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--blocking-threads",  # one Python thread per worker: CPU-bound, no GIL contention
            "1",
            "--log-level",
            "warning",
            "--no-ws",
        ]

    def __enter__(self):
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=self.env)
        for _ in range(100):
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} exited ({self.proc.returncode})")
            try:
                urllib.request.urlopen(self.url("/robots.txt"), timeout=2)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.kind} did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_peak_rss_mib(self):
        peaks = []
        pid = self.proc.pid
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            status = Path(f"/proc/{child}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks) if peaks else None

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wrk(url, duration, connections, threads=2, script=None):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout

    def grab(pattern, default=None):
        m = re.search(pattern, out)
        return m.group(1) if m else default

    def ms(value):
        if value is None:
            return None
        match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
        if not match:
            return None
        number, unit = match.groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = grab(r"Socket errors: (.*)")
    return {
        "rps": float(grab(r"Requests/sec:\s+([\d.]+)", 0)),
        "p50_ms": ms(grab(r"(?m)^\s+50%\s+(\S+)")),
        "p99_ms": ms(grab(r"(?m)^\s+99%\s+(\S+)")),
        "requests": int(grab(r"(\d+) requests in", 0)),
        "non_2xx": int(grab(r"Non-2xx or 3xx responses: (\d+)", 0)),
        "socket_errors": errors.strip() if errors else "none",
    }


def nginx_twin(server, key_urls, args):
    """wrk on nginx serving each cached response's bytes and headers (``bench.nginx``),
    in the same run, right after the site's cached runs: ``{"rows": {name: wrk row}}``,
    or ``{"skipped": reason}``."""
    from . import nginx

    if not nginx.available():
        return {"skipped": "nginx is not installed (apt-get install nginx-light)"}
    slugs = {name: name.replace(" ", "-") for name in key_urls}
    twin_urls = {slugs[name]: server.url(path) for name, path in key_urls.items()}
    import socket

    with socket.socket() as probe:  # a free port of its own
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    rows = {}
    with nginx.Twin(twin_urls, port, args.workers) as twin:
        for name in key_urls:
            print(f"wrk nginx    {name:<14} same bytes as the cached page", flush=True)
            rows[name] = wrk(twin.url(slugs[name]), args.duration, args.connections)
            rows[name]["bytes"] = twin.bytes[slugs[name]]
    return {"rows": rows}


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
    return bool(shutil.which("wrk"))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark Nhà Rông; writes docs/benchmarks.md")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="corpus size: 1 = 10,000 pages, 20,000 learners, 1,000,000 events"
    )
    parser.add_argument("--data", default=str(ROOT / "bench-data"))
    parser.add_argument("--fresh", action="store_true", help="rebuild the corpus database")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--server", choices=["granian", "gunicorn"], default="granian")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=50)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-search-bench", action="store_true", help="skip manage.py bench_search")
    parser.add_argument(
        "--corpus-only",
        action="store_true",
        help="build (or keep) the corpus in --data and stop; a later run reuses it",
    )
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args(argv)
    if not ensure_wrk():
        raise SystemExit("wrk is missing (apt-get install wrk) and could not be installed.")

    if not args.port:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    data = Path(args.data)
    if args.fresh and data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True, exist_ok=True)
    env = bench_env(data)
    results = {
        "command": "python -m bench.run " + " ".join(argv or sys.argv[1:]),
        "scale": args.scale,
        "workers": args.workers,
        "connections": args.connections,
        "duration": args.duration,
        "server": args.server,
        "cache": cache_used(env),
    }
    started = time.time()
    corpus_file = data / "corpus.json"
    if not corpus_file.exists():
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "compile_catalogues")
        manage(env, "load_demo_content")
        t = time.time()
        corpus = cli(env, "corpus", str(args.scale))
        corpus["seconds"] = round(time.time() - t)
        corpus_file.write_text(json.dumps(corpus))
    results["corpus"] = json.loads(corpus_file.read_text())
    if args.corpus_only:
        print(f"Corpus ready in {data}: {results['corpus']}")
        return
    manage(env, "collectstatic", "--noinput", "-v0")

    print("Measuring SQL queries and bytes in-process…", flush=True)
    results["inprocess"] = cli(env, "queries")
    urls = cli(env, "urls")
    results["urls"] = urls

    results["wrk"] = {}
    for mode in MODES:
        mode_env = bench_env(data, mode)
        flush_redis(mode_env)
        with Server(mode_env, args.port, args.workers, args.server) as server:
            rows = {}
            for name, path in urls["key"].items():
                try:  # warm-up (renditions, kept fragments); slow views may still be busy
                    urllib.request.urlopen(server.url(path), timeout=120).read()
                except OSError as error:
                    print(f"warm-up of {path} failed: {error}", flush=True)
                print(f"wrk {mode:<8} {name:<14} {path}", flush=True)
                rows[name] = wrk(server.url(path), args.duration, args.connections)
            results["wrk"][mode] = {"rows": rows, "peak_rss_mib": server.worker_peak_rss_mib()}
            if mode == "cached":
                results["nginx"] = nginx_twin(server, urls["key"], args)
            if mode == "cached":
                results["load"] = load_test(server, env, urls["key"], args)
                if not args.no_lighthouse:
                    from .lighthouse import run_all

                    results["lighthouse"] = run_all(server, urls["lighthouse"])
    if not args.no_search_bench:
        results["search_bench"] = search_bench(env, args.scale)
    results["seconds"] = round(time.time() - started)
    (data / "results.json").write_text(json.dumps(results, indent=2))
    from .scale import keep_section

    Path(args.output).write_text(keep_section(report.render(results), args.output))
    print(f"Wrote {args.output}")


def _load_cli(env, *args):
    out = subprocess.run(
        [PY, "-m", "bench.load", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def load_test(server, env, key_urls, args):
    """``--load-connections`` clients for ``--load-seconds`` mixing reads, searches and
    progress uploads (bench/load.py); afterwards the stored events are counted."""
    from .load import run_load

    learners = _load_cli(env, "learners", str(args.load_connections))
    before = _load_cli(env, "events")["events"]
    reads = [path for name, path in key_urls.items() if name not in ("search", "sync")]
    searches = [
        key_urls["search"],
        "/vi/search/?q=le+hoi",
        "/vi/search/?q=tho+cam",
        "/en/search/?q=gong",
        "/vi/search/?q=bana",
    ]
    print(
        f"Load test: {args.load_connections} clients, {args.load_seconds} s, reads + searches + progress uploads",
        flush=True,
    )
    result = run_load(
        server.url(""),
        args.load_connections,
        args.load_seconds,
        learners["tokens"],
        reads,
        searches,
        lessons=learners["lessons"],
    )
    stored = _load_cli(env, "events")["events"] - before
    acknowledged = set(result.pop("acknowledged"))
    unconfirmed = set(result.pop("events_unconfirmed", []) or [])
    result.update(
        events_stored=stored,
        events_acknowledged=len(acknowledged),
        events_unconfirmed=len(unconfirmed),
        learners=len(learners["tokens"]),
    )
    return result


def search_bench(env, scale):
    """Search timed on the benchmark's own corpus (indexed as it was generated)."""
    try:
        out = manage(env, "bench_search", "--corpus", capture=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        return f"bench_search failed: {error}"
    return out


if __name__ == "__main__":
    main()
