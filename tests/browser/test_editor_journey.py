"""The editorial journey in a real browser (issue 8): an editor drafts a story in the
Wagtail admin and submits it to the "Review, then publish" workflow; nothing is public
until a moderator approves it, then the page, the API list and the sitemap show it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin import admin_user, log_in
from tests.factories import HeritageIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Chuyện nhà rông Kon Klor"
SLUG = "chuyen-nha-rong-kon-klor"


def footer_action(tab, selector):
    """Click an action of the editor's footer menu (behind the arrow of the main button)."""
    footer = tab.locator("footer")
    button = footer.locator(selector)
    if not button.is_visible():
        footer.locator("[data-w-dropdown-target=toggle]").first.click()
    button.click()


def public_state(visitor, base, page_id):
    """What an anonymous visitor gets: the page's status, and whether the story is in
    the API list and in the sitemap."""
    page = visitor.request.get(f"{base}/vi/stories/{SLUG}/")
    stories = visitor.request.get(f"{base}/api/v1/stories?locale=vi&limit=100")
    assert stories.status == 200
    sitemap = visitor.request.get(f"{base}/sitemap.xml")
    assert sitemap.status == 200
    in_api = page_id in [item["id"] for item in stories.json()["results"]]
    return page.status, in_api, f"/vi/stories/{SLUG}/" in sitemap.text()


def test_editor_drafts_and_submits_moderator_approves_and_publishes(open_tab, live_server, home):
    from wagtail.models import Page

    from content.roles import EDITORS, MODERATORS, ensure_roles
    from heritage.models import StoryPage

    ensure_roles()  # groups and workflow (a transactional test's flush removed them)
    index = HeritageIndexPageFactory(parent=home, title="Chuyện kể", slug="stories", listing="stories")
    admin_user("bien-tap", [EDITORS], "en")
    admin_user("kiem-duyet", [MODERATORS], "en")
    base = live_server.url

    # The editor drafts a story under "Chuyện kể" and submits it for review.
    editor = open_tab("editor")
    # The page editor's scripts are the heaviest the suite loads; under a full parallel run
    # on two cores they took more than the usual 15 s to draw the body's add-block button.
    editor.set_default_timeout(60_000)
    log_in(editor, base, "bien-tap")
    editor.goto(f"{base}/admin/pages/{index.pk}/add_subpage/")
    editor.get_by_role("link", name=re.compile("Story page", re.I)).first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/heritage/storypage/"))
    editor.fill("#id_title", TITLE)
    editor.fill("#id_summary", "Ngôi nhà chung của làng Ba Na.")
    # The panel's id comes from its tab's heading as first built, in the language active then
    # ("content", or "noi_dung" when a Vietnamese request built it first in this process).
    body = editor.locator("[id^='panel-child-'][id$='-body-content']")
    expect(body.locator("button.c-sf-add-button").first).to_be_visible(timeout=60_000)
    body.locator("button.c-sf-add-button").first.click()
    editor.get_by_role("option", name=re.compile(r"^Paragraph", re.I)).first.click()
    paragraph = body.locator(".public-DraftEditor-content").first
    paragraph.click()
    paragraph.press_sequentially("Nhà rông là nơi họp làng và đón khách.", delay=10)
    expect(paragraph).to_contain_text("họp làng")
    # Draftail writes its hidden input a moment after typing: wait for it before saving.
    expect(body.locator('input[name="body-0-value"]')).to_have_value(re.compile("họp làng"))
    editor.get_by_role("tab", name="Promote").click()
    editor.fill("#id_slug", SLUG)
    editor.locator("footer button", has_text="Save draft").first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page_id = int(re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1))
    story = StoryPage.objects.get(pk=page_id)
    assert (story.title, story.slug, story.live) == (TITLE, SLUG, False)
    assert "họp làng" in story.get_latest_revision_as_object().body[0].value.source

    assert editor.locator("footer button[name=action-publish]").count() == 0  # editors cannot publish
    footer_action(editor, "button[name=action-submit]")
    editor.wait_for_load_state()
    story = Page.objects.get(pk=page_id).specific
    assert story.workflow_in_progress and not story.live

    visitor = open_tab("visitor")
    assert public_state(visitor, base, page_id) == (404, False, False)

    # The moderator approves it from the edit view; approving the last task publishes.
    moderator = open_tab("moderator")
    moderator.set_default_timeout(60_000)
    log_in(moderator, base, "kiem-duyet")
    moderator.goto(f"{base}/admin/pages/{page_id}/edit/")
    footer_action(moderator, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    moderator.wait_for_load_state()
    story = Page.objects.get(pk=page_id).specific
    assert story.live and not story.workflow_in_progress

    assert public_state(visitor, base, page_id) == (200, True, True)
    response = visitor.goto(f"{base}/vi/stories/{SLUG}/")
    assert response.status == 200
    assert visitor.locator("h1").first.inner_text().strip() == TITLE
    assert "họp làng" in visitor.content()
