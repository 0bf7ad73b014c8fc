"""The demo site, built once per session in a SQLite file of its own and served by gunicorn
(``tests.live_site.LiveSite``), and the pages of every type fetched from it once."""

import fcntl
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import browser  # noqa: F401 - Debian chromium, shared with tests/browser
from tests.live_site import LiveSite

from . import demo_site

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """A running LiveSite with ``demo.pages`` ({name: path}, public),
    ``demo.learner_pages`` (need ``demo.session``, a learner's session cookie)."""
    tmp = _shared_dir(tmp_path_factory)
    with open(tmp / "build.lock", "w") as lock:  # under pytest-xdist: one worker builds, the others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tmp / "built.json").exists():
            built = demo_site.build(tmp / "demo.sqlite3", tmp / "media", tmp / "static")
            (tmp / "built.json").write_text(json.dumps(built))
        built = json.loads((tmp / "built.json").read_text())
    database_url = f"sqlite:///{tmp / 'demo.sqlite3'}"
    env = {"DJANGO_STATIC_ROOT": str(tmp / "static")}  # collected by the build
    own = tmp_path_factory.mktemp("validators-site")  # this worker's server log and page-cache stamp
    with LiveSite(own, workers=2, media_root=tmp / "media", database_url=database_url, env=env) as site:
        site.pages = built["pages"]
        site.learner_pages = built["learner_pages"]
        site.session = built["session"]
        yield site


def _shared_dir(tmp_path_factory):
    """One folder for the whole run, shared by pytest-xdist's workers."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    path = base / "validators-demo"
    path.mkdir(exist_ok=True)
    return path


def fetch(site, path, session=None):
    """(status, body) of a GET, error statuses included (the 404 page is checked too)."""
    request = urllib.request.Request(site.url(path))
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="session")
def rendered(demo):
    """{name: (path, status, html bytes)} of every page to check."""
    pages = {name: (path, *fetch(demo, path)) for name, path in demo.pages.items()}
    for name, path in demo.learner_pages.items():
        pages[name] = (path, *fetch(demo, path, demo.session))
    return pages
