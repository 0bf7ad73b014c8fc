"""Recording narration in the browser (content/static/content/recorder.js): a community
contributor records with chromium's fake microphone (a real MediaRecorder, WebM/Opus),
saves, and the server has converted it to MP3 waiting for review."""

import re

import pytest

from tests.browser.admin import admin_user, log_in
from tests.browser.conftest import launched_chromium
from tests.factories import StoryPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def microphone_browser():
    """Chromium with a fake microphone that always says yes (a beep, as a WebM/Opus stream)."""
    with launched_chromium("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream") as instance:
        yield instance


def test_a_contributor_records_in_the_browser(microphone_browser, live_server, home):
    from content.models import PageAudio
    from content.roles import CONTRIBUTORS, ensure_roles

    ensure_roles()
    story = StoryPageFactory(parent=home, title="Nhà rông", body=[])
    admin_user("nguoighi", [CONTRIBUTORS], "vi")
    context = microphone_browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.grant_permissions(["microphone"], origin=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(tab, live_server.url, "nguoighi")
    tab.goto(f"{live_server.url}/admin/recordings/new/?page={story.pk}&language=bdq")
    toggle = tab.locator("[data-recorder-toggle]")
    assert toggle.inner_text() == "Bắt đầu ghi âm"
    toggle.click()
    try:
        tab.wait_for_function("document.querySelector('[data-recorder-status]').textContent.includes('0:02')")
    except Exception:
        status = tab.locator("[data-recorder-status]").inner_text()
        raise AssertionError(f"status {status!r}, console errors {errors}") from None
    toggle.click()
    tab.wait_for_selector("[data-recorder-preview]:not([hidden])")
    assert "Đã ghi" in tab.locator("[data-recorder-status]").inner_text()
    tab.locator("form[data-recording-form] button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/admin/recordings/$"))
    assert "chờ người kiểm duyệt" in tab.content()
    row = PageAudio.objects.get(page=story, kind="recorded")
    assert row.status == "submitted" and row.language == "bdq"
    assert 1.5 < row.duration_seconds < 6 and row.bytes > 1000
    context.close()
