"""Recorded narration (content.recordings, content.admin_recordings): conversion of real
browser recordings, bad uploads, review, privacy of what is not approved, precedence over
the machine voice, and a page heard in Bahnar counting as available in Bahnar."""

import io
import json
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from content import audio as mp3
from content import recordings
from content.models import PageAudio, SyncEvent
from content.narration import items
from content.roles import CONTRIBUTORS, MODERATORS
from tests.factories import StoryPageFactory, UserFactory
from tests.speech.sounds import tone


@pytest.fixture
def story(home):
    page = StoryPageFactory(
        parent=home,
        title="Sự tích nhà rông",
        slug="su-tich-nha-rong",
        show_in_menus=True,
        body=[{"type": "paragraph", "value": "<p>Nhà rông là nơi họp của cả làng.</p>"}],
    )
    return page


@pytest.fixture
def contributor(db):
    return UserFactory(username="ghiam", groups=[CONTRIBUTORS])


@pytest.fixture
def moderator(db):
    return UserFactory(username="kiemduyet", groups=[MODERATORS])


def record(page, language="bdq", user=None, approve=False, **extra):
    return recordings.submit(page, language, tone("webm", "libopus"), user=user, approve_now=approve, **extra)


# -- conversion ---------------------------------------------------------------------------


@pytest.mark.parametrize("container", ["webm", "ogg"])
def test_a_browser_recording_becomes_a_mono_32_kbps_mp3_with_its_duration(container):
    data = tone(container, "libopus", seconds=2.0)
    encoded, seconds = recordings.convert(data)
    assert seconds == pytest.approx(2.0, abs=0.15)
    frames = list(mp3.frames(encoded))
    assert frames and {rate for rate, _s, _l in frames} == {recordings.SAMPLE_RATE}
    assert encoded[3] & 0xC0 == 0xC0 or encoded[:3] == b"ID3"  # channel mode bits: mono
    assert len(encoded) / seconds < 32_000 / 8 * 1.1  # about 4 kB a second


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text, not sound" * 50, b"\x1aE\xdf\xa3" + b"\x00" * 300, b"RIFF\x00\x00\x00\x00WAVE"],
    ids=["empty", "text", "broken-webm", "broken-wav"],
)
def test_what_is_not_sound_is_a_recording_error(data):
    with pytest.raises(recordings.RecordingError):
        recordings.convert(data)


def test_a_truncated_recording_is_an_error_or_a_shorter_sound():
    data = tone("webm", "libopus", seconds=2.0)
    try:
        _encoded, seconds = recordings.convert(data[: len(data) // 3])
    except recordings.RecordingError:
        return
    assert seconds < 2.0


# -- the admin ----------------------------------------------------------------------------


def test_a_bad_upload_is_a_form_error_not_a_500(client, story, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("content_record"),
        {"page": story.pk, "language": "bdq", "audio": SimpleUploadedFile("x.webm", b"not sound" * 40)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không đọc được tệp này thành âm thanh" in html or "could not be read as sound" in html
    assert not PageAudio.objects.filter(kind="recorded").exists()


def test_a_contributor_records_and_a_moderator_approves(client, story, contributor, moderator):
    client.force_login(contributor)
    form = client.get(reverse("content_record") + f"?page={story.pk}&language=bdq")
    assert form.status_code == 200 and "data-recorder" in form.content.decode()
    response = client.post(
        reverse("content_record"),
        {"page": story.pk, "language": "bdq", "note": "Y Blông", "audio": SimpleUploadedFile("r.webm", tone())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = PageAudio.objects.get(kind="recorded")
    assert row.status == "submitted" and row.submitted_by == contributor and row.note == "Y Blông"
    assert row.duration_seconds == pytest.approx(1.5, abs=0.15) and row.bytes == len(row.file.read())
    # The contributor cannot approve their own recording.
    response = client.post(reverse("content_recording_review", args=[row.pk]), {"action": "approve"})
    assert response.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect
    row.refresh_from_db()
    assert row.status == "submitted"
    listing = client.get(reverse("content_recordings")).content.decode()
    assert "Sự tích nhà rông" in listing
    client.force_login(moderator)
    response = client.post(reverse("content_recording_review", args=[row.pk]), {"action": "approve"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "approved" and row.reviewed_by == moderator


def test_a_moderators_own_recording_is_approved_at_once(client, story, moderator):
    client.force_login(moderator)
    client.post(
        reverse("content_record"),
        {"page": story.pk, "language": "vi", "audio": SimpleUploadedFile("r.ogg", tone("ogg"))},
    )
    assert PageAudio.objects.get(kind="recorded").status == "approved"


def test_approving_replaces_the_previous_recording_of_that_language(story, moderator):
    first = record(story, approve=True)
    second = record(story, user=moderator)
    assert [i["url"] for i in items(story)] == [first.url]
    recordings.approve(second, moderator)
    assert not PageAudio.objects.filter(pk=first.pk).exists()
    assert [i["url"] for i in items(story)] == [second.url]


# -- privacy ------------------------------------------------------------------------------


def test_an_unapproved_recording_reaches_nobody(story, contributor, moderator):
    row = record(story, user=contributor)
    anonymous = Client()
    assert anonymous.get(row.url).status_code == 404
    detail = anonymous.get(f"/api/v1/stories/{story.pk}").json()
    assert detail["narrations"] == []
    assert row.url not in anonymous.get("/vi/su-tich-nha-rong/").content.decode()
    sync = anonymous.get("/api/v1/sync", {"locale": "bdq"}).json()
    assert story.pk not in {item["id"] for item in sync["items"]}
    # The file is under a media folder that is never served directly.
    from cms.views import PRIVATE_MEDIA_FOLDERS

    assert row.file.name.startswith("recordings/") and "recordings" in PRIVATE_MEDIA_FOLDERS
    # Its author and the reviewers hear it in the admin.
    author = Client()
    author.force_login(contributor)
    response = author.get(row.url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    reviewer = Client()
    reviewer.force_login(moderator)
    assert reviewer.get(row.url).status_code == 200
    other = Client()
    other.force_login(UserFactory(username="khac", groups=[CONTRIBUTORS]))
    assert other.get(row.url).status_code == 404
    recordings.reject(row, moderator)
    assert anonymous.get(row.url).status_code == 404


def test_an_approved_recording_is_served_with_ranges_and_leaves_with_its_page(story):
    row = record(story, language="vi", approve=True)
    client = Client()
    response = client.get(row.url)
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    body = b"".join(response.streaming_content)
    assert len(body) == row.bytes and mp3.duration(body) == pytest.approx(row.duration_seconds, abs=0.05)
    part = client.get(row.url, HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and part.content == body[10:20]
    assert part["Content-Range"] == f"bytes 10-19/{row.bytes}"
    assert client.get(row.url, HTTP_RANGE=f"bytes={row.bytes + 5}-").status_code == 416
    story.unpublish()
    assert client.get(row.url).status_code == 404


# -- precedence ---------------------------------------------------------------------------


def test_a_recording_wins_over_the_machine_voice(speech, home, committed):
    with committed():
        page = StoryPageFactory(
            parent=home, title="Lễ hội", body=[{"type": "paragraph", "value": "<p>Lễ hội đâm trâu.</p>"}]
        )
    generated = PageAudio.objects.get(page=page, kind="generated")
    assert [(i["kind"], i["language"]) for i in items(page)] == [("generated", "vi")]
    pending = record(page, language="vi")
    assert [i["kind"] for i in items(page)] == ["generated"]  # not before approval
    recordings.approve(pending)
    found = items(page)
    assert [(i["kind"], i["language"]) for i in found] == [("recorded", "vi")]
    # Publishing again regenerates nothing over it; the machine voice stays only as a spare.
    with committed():
        page.save_revision().publish()
    assert [(i["kind"], i["language"]) for i in items(page)] == [("recorded", "vi")]
    assert PageAudio.objects.filter(pk=generated.pk).exists()
    detail = Client().get(f"/api/v1/stories/{page.pk}").json()
    assert [(n["kind"], n["language"]) for n in detail["narrations"]] == [("recorded", "vi")]
    assert detail["narrations"][0]["url"].endswith(pending.url)
    html = Client().get(page.url).content.decode()
    assert pending.url in html and generated.file.url not in html and "Giọng máy đọc" not in html


# -- available in a language by a recording -----------------------------------------------


def test_a_page_heard_in_bahnar_is_available_in_bahnar(story, all_homes, moderator):
    client = Client()
    before = client.get("/bdq/su-tich-nha-rong/").content.decode()
    assert "Chưa được dịch" in before or "Not yet translated" in before or "untranslated" in before
    assert 'rel="alternate" hreflang="bdq"' not in client.get("/vi/su-tich-nha-rong/").content.decode()
    events = SyncEvent.objects.count()
    row = record(story, user=moderator, approve=True)
    assert SyncEvent.objects.filter(pk__gt=0, locale="bdq", page_id=story.pk).count() == 1
    assert SyncEvent.objects.count() > events
    page = client.get("/bdq/su-tich-nha-rong/").content.decode()
    assert "Nghe bằng tiếng Ba Na · chữ bằng tiếng Việt" in page
    assert 'class="notice untranslated"' not in page
    assert row.url in page
    # The Bahnar recording plays first for a Bahnar reader.
    assert page.index(row.url) < page.find("Giọng máy đọc") or "Giọng máy đọc" not in page
    english = client.get("/en/su-tich-nha-rong/").content.decode()
    assert "Listen in Bahnar · text in Vietnamese" in english
    vi_page = client.get("/vi/su-tich-nha-rong/").content.decode()
    assert re.search(r'rel="alternate" hreflang="bdq" href="http://testserver/bdq/su-tich-nha-rong/"', vi_page)
    # The menu of a Bahnar reader marks it as heard in Bahnar.
    # text in Vietnamese (the VI mark of the menu), heard in Bahnar ("· listen")
    assert re.search(
        r"Sự tích nhà rông(<small class=\"lang-mark\">.*?</small>)? <small class=\"menu-spoken\">", page
    )
    # The Bahnar sync feed carries it; the Hre one does not.
    feed = client.get("/api/v1/sync", {"locale": "bdq"}).json()
    item = next(i for i in feed["items"] if i["id"] == story.pk)
    assert item["locale"] == "bdq" and item["page"]["narrations"][0]["language"] == "bdq"
    assert story.pk not in {i["id"] for i in client.get("/api/v1/sync", {"locale": "hre"}).json()["items"]}
    # The sitemap announces the Bahnar address.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert re.search(r"<loc>http://[^<]+/bdq/su-tich-nha-rong/</loc>", sitemap)
    assert re.search(r"hreflang=\"bdq\" href=\"http://[^\"]+/bdq/su-tich-nha-rong/\"", sitemap)


def test_withdrawing_the_recording_takes_the_page_out_of_the_bahnar_feed(story, moderator):
    client = Client()
    row = record(story, user=moderator, approve=True)
    feed = client.get("/api/v1/sync", {"locale": "bdq"}).json()
    assert story.pk in {i["id"] for i in feed["items"]}
    cursor = feed["next_cursor"]
    recordings.reject(row, moderator)
    delta = client.get("/api/v1/sync", {"locale": "bdq", "cursor": cursor}).json()
    assert [(i["action"], i["id"]) for i in delta["items"]] == [("delete", story.pk)]
    page = client.get("/bdq/su-tich-nha-rong/").content.decode()
    assert "Nghe bằng tiếng Ba Na" not in page
    assert 'rel="alternate" hreflang="bdq"' not in client.get("/vi/su-tich-nha-rong/").content.decode()


def test_a_bahnar_translation_wins_over_a_recording_of_the_vietnamese_page(story, all_homes, demo_loader):
    from content.locales import spoken_languages

    record(story, approve=True)
    assert spoken_languages([story]) == {story.pk: {"bdq"}}
    demo_loader.translate(story, "bdq", title="Hơ amon rông")
    assert spoken_languages([story]) == {}


# -- offline ------------------------------------------------------------------------------


def test_the_course_bundle_packs_approved_recordings_only(lesson, course):
    pending = record(lesson, language="bdq")
    approved = record(lesson, language="hre", approve=True)
    response = Client().get(f"/api/v1/courses/{course.pk}/bundle?locale=vi")
    assert response.status_code == 200, response.content[:300]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    data = json.loads(archive.read(f"lessons/{lesson.pk}.json"))
    urls = [item["url"] for item in data["narrations"]]
    assert any(url.endswith(approved.url) for url in urls)
    assert not any(pending.url in url for url in json.dumps(manifest).split('"'))
    url = next(url for url in urls if url.endswith(approved.url))
    assert archive.read(manifest["files"][url]) == approved.file.open("rb").read()
    from lessons.offline_files import course_files

    listed = {f["url"] for f in course_files(course.specific)["files"]}
    assert approved.url in listed and pending.url not in listed


# -- the demo -----------------------------------------------------------------------------


def test_the_demo_recording_is_labelled_a_synthesised_demonstration(speech, story, demo_loader):
    from heritage.demo import DATA, DEMO_RECORDING

    assert DEMO_RECORDING in {item["slug"] for item in json.loads((DATA / "stories.json").read_text())}
    row = demo_loader.demo_recording(story, "bdq", "Nhà rông. Ngôi nhà chung của làng.")
    assert row.approved and row.demonstration and "Không phải giọng người thật" in row.note
    assert row.duration_seconds > 1
    assert demo_loader.demo_recording(story, "bdq", "lần nữa") is None  # kept once made
    assert PageAudio.objects.filter(page=story, kind="recorded").count() == 1
    html = Client().get("/bdq/su-tich-nha-rong/").content.decode()
    assert "Mẫu trình diễn: máy tổng hợp, không phải người nói thật" in html
    assert "Nghe bằng tiếng Ba Na · chữ bằng tiếng Việt" in html
    english = Client().get("/en/su-tich-nha-rong/").content.decode()
    assert "Demonstration sample: synthesised by a machine, not a real speaker" in english
    item = Client().get(f"/api/v1/stories/{story.pk}").json()["narrations"][0]
    assert item["demonstration"] is True and item["kind"] == "recorded" and item["language"] == "bdq"


def test_the_admin_links_to_the_recorder_from_the_menu_and_the_page(client, story, contributor):
    client.force_login(contributor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert f"{reverse('content_record')}?page={story.pk}&amp;language=vi" in edit
    assert "Ghi âm lời đọc" in edit or "Record narration" in edit
    assert reverse("content_recordings") in client.get("/admin/").content.decode()
