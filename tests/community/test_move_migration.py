"""A database made before community became its own app migrates forward with nothing lost.

The old code (the commit before the move, taken from git) migrates a fresh
database and loads the demo (pages in two languages, their revisions and
translations) plus an encrypted consultation request; then this checkout's
migrations run on it, and the same pages, revisions, translations and the
request (still decrypting) are found through the new ``community`` models.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

BEFORE_MOVE = "60611f1"  # last commit where the community models lived in the content app
REPO = Path(settings.BASE_DIR)
SECRET = "move-test-secret"

MADE_BEFORE = """
import io, json
from django.core.management import call_command
call_command("load_demo_content", stdout=io.StringIO())
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision
from content.models import ConsultationRequest, SyncEvent
ConsultationRequest.objects.create(name="Đinh Thị Hoa", phone="0905123456", description="Con bị sốt ba ngày")
moved = ContentType.objects.filter(app_label="content", model__in=%(models)r)
pages = Page.objects.filter(content_type__in=moved)
print(json.dumps({
    "pages": sorted([p.pk, p.title, p.locale.language_code, str(p.translation_key)] for p in pages),
    "revisions": Revision.objects.filter(object_id__in=[str(p.pk) for p in pages]).count(),
    "sync": SyncEvent.objects.filter(content_type__startswith="content.").exclude(
        content_type__in=["content.homepage", "content.sectionpage"]).count(),
    "requests": ConsultationRequest.objects.count(),
}))
"""

FOUND_AFTER = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision
from community.models import ConsultationRequest, PolicyDocumentPage
from content.models import SyncEvent
moved = ContentType.objects.filter(app_label="community")
pages = Page.objects.filter(content_type__in=moved)
request = ConsultationRequest.objects.get()
policy = PolicyDocumentPage.objects.live().first()
print(json.dumps({
    "pages": sorted([p.pk, p.title, p.locale.language_code, str(p.translation_key)] for p in pages),
    "revisions": Revision.objects.filter(object_id__in=[str(p.pk) for p in pages]).count(),
    "sync": SyncEvent.objects.filter(content_type__startswith="community.").count(),
    "requests": ConsultationRequest.objects.count(),
    "request": [request.name, request.phone, request.description],
    "specific": type(policy.specific).__module__ if policy else None,
    "old_types": ContentType.objects.filter(app_label="content", model__in=%(models)r).count(),
    "latest_revision_loads": type(policy.get_latest_revision_as_object()).__name__ if policy else None,
}))
"""

MODELS = [
    "communityarticlepage",
    "communityindexpage",
    "communitycourselink",
    "consultationrequest",
    "healthindexpage",
    "healthservicepage",
    "jobcourselink",
    "jobindexpage",
    "jobpostingpage",
    "policyamendment",
    "policydocumentpage",
    "policylibrarypage",
]


def _git(*args):
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)


def _database_url(tmp_path):
    """A throwaway database of the kind the suite runs on (SQLite file or PostgreSQL)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        import psycopg

        name = f"nharong_move_{uuid.uuid4().hex[:8]}"
        dsn = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
        if db.get("PASSWORD"):
            dsn += f" password={db['PASSWORD']}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgres://{db['USER']}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}@"
        url += f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"

        def drop():
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return url, drop
    return f"sqlite:///{tmp_path / 'before-move.sqlite3'}", lambda: None


def _run(code, cwd, env):
    done = subprocess.run(
        [sys.executable, "manage.py", *code], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_a_database_made_before_the_move_migrates_forward_with_nothing_lost(tmp_path):
    if not (REPO / ".git").exists() or _git("cat-file", "-e", f"{BEFORE_MOVE}^{{commit}}").returncode:
        pytest.skip(f"needs the git history with commit {BEFORE_MOVE}")
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", BEFORE_MOVE], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    url, drop = _database_url(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": SECRET,
        "TASKS_BACKEND": "immediate",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PAGE_CACHE_STAMP": str(tmp_path / "stamp"),
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
    }
    try:
        _run(["migrate", "--noinput"], old, env)
        before = json.loads(_run(["shell", "-c", MADE_BEFORE % {"models": MODELS}], old, env).splitlines()[-1])
        _run(["migrate", "--noinput"], REPO, env)
        after = json.loads(_run(["shell", "-c", FOUND_AFTER % {"models": MODELS}], REPO, env).splitlines()[-1])
    finally:
        drop()
        shutil.rmtree(old, ignore_errors=True)

    assert len(before["pages"]) > 20  # the demo's policies, jobs, services and articles, vi and en
    assert {p[2] for p in before["pages"]} >= {"vi", "en"}
    assert after["pages"] == before["pages"]  # same ids, titles, languages and translation keys
    assert after["revisions"] == before["revisions"] > 0
    assert after["sync"] == before["sync"] > 0  # sync log labels follow the new app
    assert after["requests"] == before["requests"] == 1
    assert after["request"] == ["Đinh Thị Hoa", "0905123456", "Con bị sốt ba ngày"]  # still decrypts
    assert after["specific"] == "community.models.policies"
    assert after["latest_revision_loads"] == "PolicyDocumentPage"
    assert after["old_types"] == 0
