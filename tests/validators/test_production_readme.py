"""The README's "Running in production" steps, followed word by word (issue 16, cases 18
and 19): on a copy of the demo database, with DEBUG off, they serve all five languages
under granian, and every absolute URL (API, ``/api/v2/``, sitemap, JSON-LD, ``.ics``) is
made from the one address the steps export (``WAGTAILADMIN_BASE_URL``), whatever host
the request came in by.

Marked ``validators``: it runs its own server on its own database, so it runs once (in
the SQLite stage), not again per database."""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import _shared_dir

pytestmark = pytest.mark.validators

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://example.org"  # as the README writes it
LANGUAGES = ("vi", "en", "bdq", "hre", "hro")


def readme_steps():
    """The commands of the production section's shell block: continuation lines joined,
    comments dropped."""
    readme = (ROOT / "README.md").read_text()
    production = readme.split("## Running in production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", production, re.S).group(1)
    block = re.sub(r"\\\n\s*", " ", block)
    return [line.split("  #")[0].split(" # ")[0].strip() for line in block.splitlines() if line.strip()]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port, path):
    """GET through loopback as a visitor of example.org would arrive behind its TLS proxy."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "example.org", "X-Forwarded-Proto": "https"}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def production(demo, tmp_path_factory):
    """The README's steps run on a copy of the demo database; granian serving it."""
    shared = _shared_dir(tmp_path_factory)
    tmp = tmp_path_factory.mktemp("production-readme")
    shutil.copy(shared / "demo.sqlite3", tmp / "site.sqlite3")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WAGTAIL"))}
    env.pop("REDIS_URL", None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(shared / "media"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, as the README says
        PAGE_CACHE_STAMP=str(tmp / "stamp"),
    )
    port = _free_port()
    server = None
    log = open(tmp / "granian.log", "w")  # noqa: SIM115 - closed at teardown
    for step in readme_steps():
        step = step.replace("…", secrets.token_urlsafe(40))
        if step.startswith("export "):
            for name, value in re.findall(r"(\w+)=(\S+)", step):
                env[name] = value
            continue
        if "db_worker" in step:
            continue  # "a second service": not needed to read pages
        if "granian" in step:
            step = step.replace("--port 8000", f"--port {port}").replace('"$(nproc)"', "1")
            server = subprocess.Popen(
                ["bash", "-c", f"exec {step}"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
            continue
        done = subprocess.run(["bash", "-c", step], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"README step failed: {step}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert env.get("WAGTAILADMIN_BASE_URL") == BASE and server is not None
    for _ in range(240):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert server.poll() is None, (tmp / "granian.log").read_text()[-3000:]
            time.sleep(0.5)
    try:
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_all_five_languages_are_served_without_a_detour(production):
    for code in LANGUAGES:
        status, headers, body = _get(production, f"/{code}/")
        assert status == 200, (code, status, headers.get("Location"))  # no redirect to /vi/<code>/
    assert '<html lang="en"' in _get(production, "/en/")[2]


def _absolute_urls(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


def test_every_absolute_url_comes_from_the_one_address(production):
    status, _h, body = _get(production, "/api/v1/festivals?locale=vi&limit=5")
    assert status == 200
    items = json.loads(body)["results"]
    assert items and all(item["url"].startswith(BASE + "/") for item in items)
    festival = items[0]["url"][len(BASE) :]

    status, _h, body = _get(production, "/api/v2/pages/?type=heritage.FestivalPage&limit=3")
    assert status == 200
    details = [item["meta"]["detail_url"] for item in json.loads(body)["items"]]
    assert details and all(url.startswith(BASE + "/") for url in details)

    status, _h, body = _get(production, "/sitemap.xml")
    assert status == 200
    locs = re.findall(r"<loc>(.*?)</loc>", body)
    assert locs and all(loc.startswith(BASE + "/") for loc in locs)

    status, _h, body = _get(production, festival)
    assert status == 200
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S):
        urls = [u for u in _absolute_urls(block) if "schema.org" not in u and "creativecommons" not in u]
        assert all(u.startswith(BASE + "/") for u in urls if "example.org" in u or "127.0.0.1" in u), urls
        assert not any("127.0.0.1" in u or "localhost" in u or "testserver" in u for u in urls), urls

    status, _h, body = _get(production, "/vi/festivals/calendar.ics")
    assert status == 200
    ics_urls = [line[4:].strip() for line in body.replace("\r\n ", "").splitlines() if line.startswith("URL:")]
    assert ics_urls and all(url.startswith(BASE + "/") for url in ics_urls)
