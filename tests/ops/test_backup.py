"""A backup restores into an empty database with every page, learner and
progress event, and the media files come back."""

import json
import sqlite3
import subprocess
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from scripts.backup import backup, restore_database, restore_media
from tests.factories import SectionPageFactory, UserFactory
from tests.lessons.conftest import CourseIndexPageFactory, make_course


def _make_data(home):
    from lessons.learners.records import ProgressEvent

    index = CourseIndexPageFactory(parent=home, title="Khoá học")
    course, lessons = make_course(index, lessons=2)
    SectionPageFactory(parent=home, title="Giới thiệu")
    learners = [UserFactory(username=f"hocvien{n}") for n in range(3)]
    for learner in learners:
        for lesson in lessons:
            ProgressEvent.objects.create(
                uuid=uuid.uuid4(),
                learner=learner,
                course=course,
                lesson=lesson,
                kind="lesson_opened",
                client_timestamp=timezone.now(),
            )
    return {
        "wagtailcore_page": set(Page.objects.values_list("id", flat=True)),
        "auth_user": set(User.objects.values_list("id", flat=True)),
        "lessons_progressevent": set(ProgressEvent.objects.values_list("id", flat=True)),
    }


def _media(tmp_path):
    media = tmp_path / "media-src"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "nha-rong.png").write_bytes(b"\x89PNG fake image bytes")
    return media


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(home, tmp_path):
    expected = _make_data(home)
    assert len(expected["lessons_progressevent"]) == 6
    dump = backup(tmp_path / "backup", media_root=_media(tmp_path))
    manifest = json.loads((dump / "manifest.json").read_text())
    assert manifest["counts"]["lessons.ProgressEvent"] == 6

    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        assert not target.exists()
        restore_database(dump, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)})
        db = sqlite3.connect(target)
        found = {t: {r[0] for r in db.execute(f"SELECT id FROM {t}")} for t in expected}
        db.close()
    else:
        name = connection.settings_dict["NAME"] + "_restore"
        settings_dict = {**connection.settings_dict, "NAME": "postgres"}
        from scripts.backup import _pg_env

        env = _pg_env(settings_dict)
        subprocess.run(["dropdb", "--if-exists", name], env=env, check=True)
        subprocess.run(["createdb", name], env=env, check=True)
        try:
            restore_database(dump, {**connection.settings_dict, "NAME": name})
            found = {}
            for table in expected:
                out = subprocess.run(
                    ["psql", "-At", "-d", name, "-c", f"SELECT id FROM {table}"],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                found[table] = {int(x) for x in out.split()}
        finally:
            subprocess.run(["dropdb", "--if-exists", name], env=env, check=False)
    assert found == expected

    restored_media = tmp_path / "media-restored"
    restore_media(dump, restored_media)
    assert (restored_media / "original_images" / "nha-rong.png").read_bytes().startswith(b"\x89PNG")


def test_restore_refuses_a_folder_without_dump(tmp_path):
    with pytest.raises(SystemExit):
        restore_database(tmp_path, {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")})
