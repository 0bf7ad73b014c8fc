"""Playwright (Python) driving Debian's chromium against pytest-django's
live_server. Never downloads a browser: without /usr/bin/chromium the tests
skip. A failing test leaves a screenshot in test-artifacts/."""

import contextlib
import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@contextlib.contextmanager
def launched_chromium(*extra_args):
    """Debian chromium under Playwright (skips the test when either is missing)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (PyPI) is not installed")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made
    # by the test itself (factories) are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra_args])
            yield instance
            instance.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 412, "height": 915}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.console_errors = errors
    yield tab
    screenshot_if_failed(request, tab)
    context.close()


def screenshot_if_failed(request, tab, name=""):
    """A full-page screenshot in test-artifacts/ when the test's call failed."""
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", "-".join(filter(None, [request.node.nodeid, name])))
        tab.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)


@pytest.fixture
def home(locales):
    """The shared ``home`` fixture, after restoring the tree root and root
    collection that an earlier transactional test's flush removed."""
    from wagtail.models import Collection, Locale, Page

    vi, _ = Locale.objects.get_or_create(language_code="vi")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    import io

    from content.demo_loader import DemoLoader, ensure_root_home

    loader = DemoLoader(io.StringIO())
    home = ensure_root_home(loader)
    loader.translate(home, "en", title="Nhà Rông", summary="Heritage and learning")
    return home


@pytest.fixture
def open_tab(browser, request):
    """``open_tab(name)``: a tab in a fresh browser context (its own cookies, so one per
    person: editor, moderator, visitor), desktop-sized and in English for the Wagtail
    admin. A failing test leaves a screenshot of every tab it opened."""
    opened = []

    def factory(name, **options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "en-US", **options})
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        opened.append((name, context, tab))
        return tab

    yield factory
    for name, context, tab in opened:
        screenshot_if_failed(request, tab, name)
        context.close()
