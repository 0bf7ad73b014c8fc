"""A real server for tests: ``LiveSite`` serves the pytest database from a gunicorn
process on loopback (SQLite: a snapshot of the in-memory test database in a file,
copied back with ``refresh()``; PostgreSQL: the test database itself).

Used by ``tests/perf/test_load.py`` (the load of ``bench/load.py``) and
``tests/ops/test_faults.py`` (connections cut mid-request); ``tests/validators`` serves its
own demo database with it (``database_url``).
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def wsgi_app():
    """gunicorn ``tests.live_site:wsgi_app()``: the site as the test suite configures it
    (settings imported with ``DJANGO_DEBUG=true``, so plain static files and loopback
    hosts, then ``DEBUG`` off at run time as pytest-django does)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    from django.conf import settings

    settings.DEBUG = os.environ.get("LIVE_SITE_DEBUG", "false") == "true"
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """gunicorn on loopback serving the current (pytest) database.

    Use in a ``transactional_db`` test, after creating the data::

        with LiveSite(tmp_path, workers=2, threads=8) as site:
            urllib.request.urlopen(site.url("/vi/"))
            site.refresh()  # SQLite: the server's writes, copied into the test database
    """

    def __init__(self, tmp_path, workers=1, threads=1, media_root=None, env=None, database_url=None):
        self.tmp = Path(tmp_path)
        self.database_url = database_url  # another database than the test one (tests/validators)
        self.workers, self.threads = workers, threads
        self.media_root, self.extra_env = media_root, env or {}
        self.port = _free_port()
        self.proc = None
        self.sqlite_file = None

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def _database_url(self):
        from django.db import connection

        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            self.sqlite_file = self.tmp / "live-site.sqlite3"
            self.sqlite_file.unlink(missing_ok=True)
            connection.ensure_connection()
            with sqlite3.connect(self.sqlite_file) as target:
                connection.connection.backup(target)
            target.close()
            return f"sqlite:///{self.sqlite_file}"
        if connection.vendor == "postgresql":
            user = quote(settings_dict.get("USER") or "", safe="")
            password = quote(settings_dict.get("PASSWORD") or "", safe="")
            auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
            host = settings_dict.get("HOST") or "127.0.0.1"
            port = settings_dict.get("PORT") or 5432
            return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
        raise RuntimeError(f"LiveSite does not support {connection.vendor}")

    def __enter__(self):
        from django.conf import settings

        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings",
            DJANGO_DEBUG="true",
            DATABASE_URL=self.database_url or self._database_url(),
            DJANGO_MEDIA_ROOT=str(self.media_root or settings.MEDIA_ROOT),
            DJANGO_LOG_LEVEL="ERROR",
            PAGE_CACHE_STAMP=str(self.tmp / "live-site-pagecache.stamp"),
            PYTHONPATH=str(ROOT),
            WAGTAILADMIN_BASE_URL=self.url(),  # absolute URLs name this server (content.baseurl)
            **self.extra_env,
        )
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.log = open(self.tmp / "live-site.log", "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [
                str(gunicorn),
                "tests.live_site:wsgi_app()",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "-k",
                "gthread" if self.threads > 1 else "sync",
                "--threads",
                str(self.threads),
                "--log-level",
                "warning",
                "--graceful-timeout",
                "10",
                "--timeout",
                "120",
                "--backlog",
                "512",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(200):
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}): {self.output()}")
            try:
                urllib.request.urlopen(self.url("/robots.txt"), timeout=5).read()
                return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start: {self.output()}")

    def output(self):
        self.log.flush()
        return (self.tmp / "live-site.log").read_text(errors="replace")[-4000:]

    def refresh(self):
        """SQLite: copy the server's database back into the test database (so the test
        reads what the server wrote). PostgreSQL shares the database: nothing to do."""
        from django.db import connection

        if self.sqlite_file is not None:
            connection.ensure_connection()
            with sqlite3.connect(self.sqlite_file) as source:
                source.backup(connection.connection)
            source.close()

    def __exit__(self, *exc):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        if self.database_url is None:
            self.refresh()
