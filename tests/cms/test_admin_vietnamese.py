"""The admin an editor uses speaks Vietnamese (issue 18, "What editors see").

A superuser whose Wagtail profile says ``vi`` opens the screens of an editor's day (dashboard,
explorer, the edit form of a story, a lesson and a policy, history, images, documents,
snippets, reports, settings, workflows, statistics), the translation editor and the screens
of a page under review (its workflow history, the workflow and task forms, the reports), the
kernel's and community's own screens (pages not yet translated, the consultation hint), and
every screen its sidebar links to; no text on them may equal a msgid that the active
catalogues leave in English, nor match one with placeholders ("Page '%(page_title)s' …").
"""

import json
import re

import pytest
from django.urls import reverse

from tests.cms.admin_text import untranslated_msgids, untranslated_patterns, visible_text
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HeritageIndexPageFactory,
    LessonPageFactory,
    PolicyDocumentPageFactory,
    PolicyLibraryPageFactory,
    StoryPageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vi_editor(client):
    from wagtail.users.models import UserProfile

    user = UserFactory(username="bien-tap-vien", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def pages(all_homes, vi_editor):
    from django.contrib.auth import get_user_model
    from django.test import TestCase
    from wagtail.models import Locale, Page, WorkflowState
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import translate_object

    home = all_homes["vi"]
    heritage = HeritageIndexPageFactory(parent=home, title="Di sản")
    story = StoryPageFactory(parent=heritage, title="Chuyện nhà rông")
    courses = CourseIndexPageFactory(parent=home)
    course = CoursePageFactory(parent=courses)
    lesson = LessonPageFactory(parent=course, title="Bài 1")
    library = PolicyLibraryPageFactory(parent=home)
    policy = PolicyDocumentPageFactory(parent=library)
    # "Translate into Bahnar": its page opens in wagtail-localize's translation editor
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(story, [Locale.objects.get(language_code="bdq")])
    bahnar = Page.objects.get(translation_key=story.translation_key, locale__language_code="bdq")
    translation = Translation.objects.get(source__object_id=story.translation_key)
    # a lesson under review: its workflow, task, history and the moderation screens
    editor = get_user_model().objects.get(username="bien-tap-vien")
    lesson.save_revision(user=editor)
    workflow_state = lesson.get_workflow().start(lesson, editor)
    assert WorkflowState.objects.filter(pk=workflow_state.pk).exists()
    return {
        "home": home,
        "heritage": heritage,
        "story": story,
        "lesson": lesson,
        "policy": policy,
        "bahnar": bahnar,
        "translation": translation,
        "workflow_state": workflow_state,
    }


def _sidebar_urls(html):
    """The admin links of the sidebar (its menu is JSON props of a script)."""
    return set(re.findall(r'"url":\s*"(/admin/[^"]*)"', html.replace("\\u002D", "-").replace("\\/", "/")))


def _screens(pages):
    yield reverse("wagtailadmin_explore_root")
    yield reverse("wagtailadmin_explore", args=[pages["heritage"].pk])
    for key in ("story", "lesson", "policy"):
        yield reverse("wagtailadmin_pages:edit", args=[pages[key].pk])
    yield reverse("wagtailadmin_pages:history", args=[pages["story"].pk])
    yield reverse("wagtailadmin_pages:add_subpage", args=[pages["heritage"].pk])
    yield reverse("wagtailimages:add_multiple")
    yield reverse("wagtaildocs:add_multiple")
    yield reverse("wagtailadmin_account")
    yield reverse("wagtailadmin_workflows:index")
    yield reverse("wagtailadmin_workflows:task_index")
    yield reverse("wagtailsnippets:index")
    yield reverse("wagtailsites:index")
    yield reverse("stats_entry")
    yield reverse("stats_approval")
    yield reverse("stats_import")
    yield reverse("lessons_learning_report")
    # the translation editor, and asking for / syncing a translation
    yield reverse("wagtailadmin_pages:edit", args=[pages["bahnar"].pk])
    yield reverse("wagtail_localize:submit_page_translation", args=[pages["heritage"].pk])
    yield reverse("wagtail_localize:update_translations", args=[pages["translation"].source_id])
    yield reverse("wagtail_localize:translations_report")
    # a page under review: its workflow, its task, its history, the reports
    state = pages["workflow_state"]
    yield reverse("wagtailadmin_pages:workflow_history", args=[pages["lesson"].pk])
    yield reverse("wagtailadmin_pages:workflow_history_detail", args=[pages["lesson"].pk, state.pk])
    yield reverse("wagtailadmin_workflows:edit", args=[state.workflow_id])
    yield reverse("wagtailadmin_workflows:edit_task", args=[state.current_task_state.task_id])
    yield reverse("wagtailadmin_workflows:usage", args=[state.workflow_id])
    yield reverse("wagtailadmin_reports:workflow")
    yield reverse("wagtailadmin_reports:workflow_tasks")
    yield reverse("wagtailadmin_reports:locked_pages")
    yield reverse("wagtailadmin_reports:site_history")
    # the kernel's and community's own screens
    yield reverse("content_untranslated_pages", args=["bdq"])
    yield reverse("consultation_requests:index")  # the hint for an administrator outside Health staff


def _render_all(client, pages):
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    seen = {reverse("wagtailadmin_home"): visible_text(html)}
    for url in [*_screens(pages), *sorted(_sidebar_urls(html))]:
        if url in seen or url.endswith("/logout/"):
            continue
        response = client.get(url, follow=True)  # e.g. a site setting redirects to its site's form
        assert response.status_code == 200, (url, response.status_code)
        if "html" in response.get("Content-Type", ""):
            seen[url] = visible_text(response.content.decode())
    return seen


def test_admin_pages_show_no_english(vi_editor, pages):
    english = untranslated_msgids()
    assert len(english) > 500  # Wagtail's own Vietnamese covers a few hundred of its strings
    patterns = untranslated_patterns()
    seen = _render_all(vi_editor, pages)
    assert len(seen) >= 40, sorted(seen)  # the sidebar was read: documents, snippets, reports, settings
    found = {}
    for url, texts in seen.items():
        for text in texts:
            for candidate in (text, text.rstrip(":…").strip()):
                if candidate in english:
                    found.setdefault(candidate, set()).add(url)
            for msgid, pattern in patterns.items():
                if pattern.fullmatch(text):
                    found.setdefault(msgid, set()).add(url)
    report = json.dumps({k: sorted(v)[:2] for k, v in sorted(found.items())}, ensure_ascii=False)
    assert not found, f"{len(found)} English strings in the Vietnamese admin:\n{report}"


def test_the_scan_sees_english(vi_editor, pages):
    """The scan can fail: under English the same screens are full of catalogue msgids."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="bien-tap-vien"))
    profile.preferred_language = "en"
    profile.save()
    texts = visible_text(vi_editor.get(reverse("wagtailadmin_home")).content.decode())
    assert {"Documents", "Snippets", "Reports"} <= set(texts)


def test_the_scan_sees_english_with_placeholders(db):
    """A message with placeholders is caught whatever its values; translated, it is not."""
    msgid = "Page '%(page_title)s' has been published."
    english = untranslated_patterns("en")
    assert english[msgid].fullmatch("Page 'Chuyện nhà rông' has been published.")
    assert msgid not in untranslated_patterns("vi")


def test_javascript_strings_are_vietnamese(vi_editor):
    """The editor's JavaScript (Wagtail's and wagtail-localize's "Publish in …") reads the
    project's djangojs catalogue too."""
    admin_js = vi_editor.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "Thu g\\u1ecdn t\\u1ea5t c\\u1ea3" in admin_js or "Thu gọn tất cả" in admin_js
    localize_js = vi_editor.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert "Publish in " in localize_js
    assert "Xu\\u1ea5t b\\u1ea3n b\\u1eb1ng ti\\u1ebfng" in localize_js or "Xuất bản bằng tiếng" in localize_js
