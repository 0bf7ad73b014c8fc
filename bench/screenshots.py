"""Screenshots of the key pages at 360 px (a cheap phone) and 1280 px (a desktop), so a
reviewer can look at the site without running it (``make screenshots``).

Serves whatever the database holds (``make screenshots`` loads the demo first) with
``runserver --noreload --insecure`` on a free port, drives Debian's chromium through
Playwright (never downloads a browser) and writes full-page PNGs to docs/screenshots/,
one progress line per picture. Without chromium or playwright it says why and stops.

    python -m bench.screenshots [--out docs/screenshots] [--widths 360,1280]
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]


def unavailable():
    """None when screenshots can be taken, else the reason they cannot."""
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (make install-dev)"
    return None


def key_pages():
    """name → path of the pages a reviewer looks at, found in the database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    django.setup()
    from django.apps import apps

    from content.public import public_pages

    def first(label, locale="vi", test=None):
        model = apps.get_model(label)
        for page in public_pages(model.objects.filter(locale__language_code=locale)).order_by("path"):
            if test is None or test(page):
                return page.url
        return None

    def has_picture_quiz(lesson):
        return any(q["kind"] == "picture" for b in lesson.quiz_blocks() for q in b.value["questions"])

    pages = {
        "home": "/vi/",
        "home-bahnar": "/bdq/",
        "ethnic-group": first("heritage.EthnicGroupPage"),
        "festival": first("heritage.FestivalPage"),
        "story": first("heritage.StoryPage"),
        "product": first("heritage.ProductPage"),
        "course": first("lessons.CoursePage"),
        "lesson-with-quiz": first("lessons.LessonPage", test=has_picture_quiz),  # the quiz itself needs a learner
        "search": "/vi/search/?q=cong+chieng",
    }
    return {name: path for name, path in pages.items() if path}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port):
    """Start runserver (our own child process) and wait until it answers."""
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/vi/", timeout=2)  # noqa: S310 (our own server)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("runserver stopped before answering (is the database migrated?)") from None
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("runserver did not answer within a minute")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--widths", default="360,1280")
    options = parser.parse_args(argv)
    reason = unavailable()
    if reason:
        print(f"Screenshots skipped: {reason}")
        return 0
    widths = [int(w) for w in options.widths.split(",")]
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = key_pages()
    port = free_port()
    server = serve(port)
    total = len(pages) * len(widths)
    done = 0
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 800}, locale="vi-VN")
                tab = context.new_page()
                for name, path in pages.items():
                    done += 1
                    target = out / f"{name}-{width}.png"
                    response = tab.goto(f"http://127.0.0.1:{port}{path}", wait_until="networkidle")
                    tab.screenshot(path=str(target), full_page=True)
                    status = response.status if response else "?"
                    size = target.stat().st_size // 1024
                    line = f"[{done:>2}/{total}] {width:>4} px  {name:<16} {path}"
                    print(f"{line}  → {target.name} ({size} KiB, HTTP {status})", flush=True)
                    fold = tab.locator(".menu-fold > summary")
                    if name.startswith("home") and fold.is_visible():  # a phone: the folded menu, opened
                        fold.click()
                        opened = out / f"{name}-menu-{width}.png"
                        tab.screenshot(path=str(opened))
                        print(f"{'':>10}{width:>4} px  {name + ' menu':<16} → {opened.name}", flush=True)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{done} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
