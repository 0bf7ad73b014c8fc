"""Moderators are told when a recording waits (content.recording_review): one e-mail per
reviewer, in Vietnamese, when a recording is submitted, and the dashboard panel "Bản ghi âm
chờ duyệt" for those who may review it."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from content import recordings
from content.models import PageAudio
from content.recording_review import notify_reviewers
from content.roles import CONTRIBUTORS, EDITORS, MODERATORS
from tests.factories import StoryPageFactory, UserFactory
from tests.speech.sounds import tone


@pytest.fixture
def story(home):
    return StoryPageFactory(
        parent=home,
        title="Sự tích nhà rông",
        slug="su-tich-nha-rong",
        body=[{"type": "paragraph", "value": "<p>Nhà rông là nơi họp của cả làng.</p>"}],
    )


def _user(username, groups=(), **extra):
    extra.setdefault("email", f"{username}@example.org")
    return UserFactory(username=username, groups=list(groups), **extra)


def _vietnamese_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    return user


@pytest.fixture
def people(db):
    """Who may review (by group, directly, as a superuser) and who may not or does not want to."""
    reviewer = _user("kiemduyet", [MODERATORS], first_name="Hà", last_name="Lan")
    direct = _user("duyet-rieng")
    permission = Permission.objects.get(codename="review_pageaudio", content_type__app_label="content")
    direct.user_permissions.add(permission)
    admin = _user("quantri", is_superuser=True)
    quiet = _user("khong-nhan-thu", [MODERATORS])
    profile = UserProfile.get_for_user(quiet)
    profile.submitted_notifications = False
    profile.save()
    return {
        "reviewer": reviewer,
        "direct": direct,
        "admin": admin,
        "quiet": quiet,
        "inactive": _user("da-nghi", [MODERATORS], is_active=False),
        "no_address": _user("khong-email", [MODERATORS], email=""),
        "editor": _user("bientap", [EDITORS]),
        "contributor": _user("ghiam", [CONTRIBUTORS], first_name="Y", last_name="Blông"),
    }


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_submitted_upload_mails_each_reviewer_once_in_vietnamese(
    client, story, people, django_capture_on_commit_callbacks
):
    client.force_login(people["contributor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("content_record"),
            {"page": story.pk, "language": "bdq", "audio": SimpleUploadedFile("r.webm", tone())},
        )
    assert response.status_code == 302
    row = PageAudio.objects.get(kind="recorded")
    assert row.status == "submitted"

    # the group's reviewer, the one given the permission directly and the superuser; not the
    # submitter, an editor, a reviewer who turned notifications off, an inactive one or one
    # without an address
    assert _recipients() == ["duyet-rieng@example.org", "kiemduyet@example.org", "quantri@example.org"]
    assert all(len(message.to) == 1 and not message.cc and not message.bcc for message in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "Bản ghi âm chờ duyệt: Sự tích nhà rông (Tiếng Ba Na)"
    assert "Y Blông đã ghi âm trang “Sự tích nhà rông” bằng tiếng Ba Na." in message.body
    assert f"http://testserver/admin/recordings/#recording-{row.pk}\n" in message.body
    assert message.extra_headers.get("Auto-Submitted") == "auto-generated"
    # never the sound: no attachment, no link to the file
    assert message.attachments == [] and not getattr(message, "alternatives", [])
    assert row.url not in message.body and ".mp3" not in message.body and row.file.name not in message.body

    # the link leads to the recording on the review screen
    client.force_login(people["reviewer"])
    listing = client.get(reverse("content_recordings")).content.decode()
    assert f'id="recording-{row.pk}"' in listing


def test_a_recording_made_in_the_browser_by_a_reviewer_tells_the_other_reviewers(
    story, people, django_capture_on_commit_callbacks
):
    # the browser recorder posts the same form; a reviewer's own recording submitted without
    # approval (e.g. from the API of the module) tells everybody else
    with django_capture_on_commit_callbacks(execute=True):
        recordings.submit(story, "hre", tone("ogg", "libopus"), user=people["reviewer"])
    assert _recipients() == ["duyet-rieng@example.org", "quantri@example.org"]
    assert "Tiếng Hrê" in mail.outbox[0].subject
    assert "Hà Lan đã ghi âm" in mail.outbox[0].body


def test_approved_at_once_approving_and_rejecting_tell_no_reviewer(
    client, story, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mine = recordings.submit(story, "bdq", tone(), user=people["reviewer"], approve_now=True)
    assert mine.approved and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        first = recordings.submit(story, "hre", tone(), user=people["contributor"])
        second = recordings.submit(story, "hro", tone(), user=people["contributor"])
    assert len(mail.outbox) == 6  # two recordings, three reviewers
    mail.outbox.clear()

    client.force_login(people["reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("content_recording_review", args=[first.pk]), {"action": "approve"})
        client.post(reverse("content_recording_review", args=[second.pk]), {"action": "reject"})
    assert PageAudio.objects.get(pk=first.pk).approved
    assert PageAudio.objects.get(pk=second.pk).status == "rejected"
    assert mail.outbox == []


def test_a_recording_reviewed_before_the_worker_runs_is_not_announced(story, people):
    row = recordings.submit(story, "bdq", tone(), user=people["contributor"])  # no commit: not queued
    recordings.reject(row, people["reviewer"])
    assert notify_reviewers.call(row.pk) == 0
    assert mail.outbox == []


# -- the dashboard --------------------------------------------------------------------------


def _panel(html, panel_id="nharong-recordings"):
    start = html.index(f'id="{panel_id}')
    return html[start : html.index("</section>", start)]


def _waiting(page, language="bdq", user=None, at=None):
    row = PageAudio.objects.create(
        page=page,
        language=language,
        kind=PageAudio.Kind.RECORDED,
        status=PageAudio.Status.SUBMITTED,
        file=f"recordings/{page.pk}-{language}.mp3",
        submitted_by=user,
    )
    if at is not None:
        PageAudio.objects.filter(pk=row.pk).update(created_at=at)
    return row


def test_a_moderator_sees_the_waiting_recording_on_the_dashboard(client, story, people):
    # 20:30 UTC on 1 March is 03:30 on 2 March in Vietnam
    at = datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)
    row = _waiting(story, "bdq", people["contributor"], at=at)
    _waiting(story, "hre", people["contributor"]).delete()  # gone: not listed
    done = _waiting(story, "hro", people["contributor"])
    recordings.approve(done, people["reviewer"])  # approved: not listed

    moderator = _vietnamese_admin(people["reviewer"])
    profile = UserProfile.get_for_user(moderator)
    profile.current_time_zone = "Europe/Paris"  # the date is still Vietnam's
    profile.save()
    client.force_login(moderator)
    panel = _panel(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Bản ghi âm chờ duyệt" in panel
    assert "Sự tích nhà rông" in panel
    assert reverse("wagtailadmin_pages:edit", args=[story.pk]) in panel
    assert f"{reverse('content_recordings')}#recording-{row.pk}" in panel
    assert "Tiếng Ba Na" in panel and "Tiếng Chăm H&#x27;roi" not in panel
    assert "Y Blông" in panel
    assert "02/03/2026" in panel
    assert "Bản ghi âm chờ bạn nghe và duyệt: 1." in panel


def test_the_panel_counts_past_the_first_ten(client, story, people):
    pages = [StoryPageFactory(parent=story.get_parent(), title=f"Truyện {n:02d}") for n in range(12)]
    for page in pages:
        _waiting(page, "bdq", people["contributor"])
    client.force_login(_vietnamese_admin(people["admin"]))
    panel = _panel(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Bản ghi âm chờ bạn nghe và duyệt: 12." in panel
    assert "Truyện 09" in panel and "Truyện 10" not in panel  # oldest first, ten shown
    assert "Và 2 mục khác." in panel


def test_an_editor_without_the_permission_gets_no_recordings_panel(client, story, people):
    _waiting(story, "bdq", people["contributor"])
    client.force_login(_vietnamese_admin(people["editor"]))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="nharong-review' in html  # the dashboard is there, with its other panels
    assert 'id="nharong-recordings' not in html
    assert "Bản ghi âm chờ duyệt" not in html


def test_the_dashboard_costs_the_same_queries_with_one_or_five_waiting_recordings(client, story, people):
    pages = [StoryPageFactory(parent=story.get_parent(), title=f"Trang ghi âm {n}") for n in range(5)]
    languages = ["bdq", "hre", "hro", "en", "vi"]
    authors = [people["contributor"], people["editor"], people["direct"], people["quiet"], None]
    client.force_login(_vietnamese_admin(people["reviewer"]))

    def measure():
        client.get(reverse("wagtailadmin_home"))  # fills what the dashboard keeps (per generation)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        return len(queries), _panel(html)

    _waiting(pages[0], languages[0], authors[0])
    one, panel = measure()
    assert "Trang ghi âm 0" in panel
    for page, language, author in zip(pages[1:], languages[1:], authors[1:], strict=True):
        _waiting(page, language, author)
    five, panel = measure()
    assert all(f"Trang ghi âm {n}" in panel for n in range(5))
    assert five == one
