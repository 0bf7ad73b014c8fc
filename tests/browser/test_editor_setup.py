"""An editor's edit survives ``make setup`` (issue: the demo loader must never publish over a
person's work). The demo site is set up as ``make setup`` does it; a moderator changes a demo
story's title and first paragraph in the Wagtail admin and publishes; ``make setup`` runs again
on the same database; the public page still shows the edit, the page's history has nothing newer
than the moderator's publish, and the loader says it skipped the page."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.admin import admin_user, log_in
from tests.browser.test_editor_journey import footer_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "ruou-can"  # a demo story (heritage/demo/stories.json) with paragraphs in its body
DEMO_TITLE = "Rượu cần của người Ba Na"
DEMO_PARAGRAPH = "Người Bana ở Tây Sơn ủ rượu"
TITLE = "Rượu cần Ba Na (bản biên tập viên sửa)"
PARAGRAPH = "Biên tập viên viết lại đoạn này sau khi hỏi già làng ở Vĩnh Sơn."


def make_setup():
    """The commands of ``make setup`` (Makefile), in its order and with its arguments, on the
    live server's database; what they printed. The tests' settings already run tasks at once,
    as ``TASKS_BACKEND=immediate`` does for load_demo_content there."""
    from django.conf import settings

    assert settings.TASKS["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"
    out = io.StringIO()
    call_command("compile_catalogues", stdout=out)
    call_command("migrate", interactive=False, stdout=out, verbosity=0)
    call_command("load_demo_content", stdout=out)
    call_command("ensure_admin", stdout=out)
    call_command("set_site_address", stdout=out)
    return out.getvalue()


def test_an_edit_published_in_the_admin_survives_make_setup(open_tab, live_server, home, settings):
    from wagtail.models import PageLogEntry

    from content.roles import MODERATORS, ensure_roles
    from heritage.models import StoryPage

    settings.WAGTAILADMIN_BASE_URL = live_server.url  # what set_site_address copies into the Site
    ensure_roles()  # groups and workflow (a transactional test's flush removed them)
    make_setup()
    story = StoryPage.objects.get(slug=SLUG, locale__language_code="vi")
    assert story.title == DEMO_TITLE and DEMO_PARAGRAPH in story.body[0].value.source
    admin_user("bien-tap", [MODERATORS], "en")
    base = live_server.url

    # A moderator (an editor who may publish) changes the title and the first paragraph.
    editor = open_tab("editor")
    editor.set_default_timeout(60_000)  # the page editor's scripts are the heaviest the suite loads
    log_in(editor, base, "bien-tap")
    editor.goto(f"{base}/admin/pages/{story.pk}/edit/")
    editor.fill("#id_title", TITLE)
    body = editor.locator("[id^='panel-child-'][id$='-body-content']")
    paragraph = body.locator(".public-DraftEditor-content").first
    expect(paragraph).to_contain_text(DEMO_PARAGRAPH)
    paragraph.click()
    paragraph.press("ControlOrMeta+a")
    paragraph.press("Delete")
    paragraph.press_sequentially(PARAGRAPH, delay=5)
    expect(paragraph).to_have_text(PARAGRAPH)
    # Draftail writes its hidden input a moment after typing: wait for it before publishing.
    expect(body.locator('input[name="body-0-value"]')).to_have_value(re.compile("già làng ở Vĩnh Sơn"))
    footer_action(editor, "button[name=action-publish]")
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))  # back in the explorer: published
    story.refresh_from_db()
    assert story.title == TITLE and story.live and not story.has_unpublished_changes
    revisions = list(story.revisions.order_by("pk").values_list("pk", "user__username"))
    assert revisions[-1][1] == "bien-tap"

    # make setup again, on the same database.
    output = make_setup()

    # The public page shows the edit.
    visitor = open_tab("visitor", locale="vi-VN")
    response = visitor.goto(f"{base}{story.url}")
    assert response.status == 200
    assert visitor.locator("h1").first.inner_text().strip() == TITLE
    article = visitor.locator("main").first.inner_text()
    assert PARAGRAPH in article and DEMO_PARAGRAPH not in article

    # The admin's history: the newest entry is the moderator's publish; nothing by the loader
    # (Wagtail names actions without a user "system") since.
    editor.goto(f"{base}/admin/pages/{story.pk}/history/")
    rows = editor.locator("table.listing tbody tr")
    expect(rows.first).to_contain_text("bien-tap")
    expect(rows.first).to_contain_text(re.compile("Published", re.I))
    assert "system" not in rows.first.inner_text().lower()

    # The same in the database, and the loader said why.
    story = StoryPage.objects.get(pk=story.pk)
    assert (story.title, story.live, story.has_unpublished_changes) == (TITLE, True, False)
    assert list(story.revisions.order_by("pk").values_list("pk", "user__username")) == revisions
    newest = PageLogEntry.objects.filter(page=story).order_by("-timestamp", "-pk").first()
    assert (newest.action, newest.user.username) == ("wagtail.publish", "bien-tap")
    assert re.search(rf'Skipped page {story.pk} \(vi\) "{re.escape(TITLE)}"', output), output
