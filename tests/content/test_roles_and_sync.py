"""Editorial roles, the review workflow, and the sync log."""

from django.contrib.auth.models import Group
from wagtail.models import Workflow

from content.models import SyncEvent
from content.roles import CONTRIBUTORS, EDITORS, MODERATORS, TRANSLATORS, WORKFLOW_NAME
from tests.factories import SectionPageFactory, UserFactory


def test_groups_and_workflow_exist(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, MODERATORS, TRANSLATORS, CONTRIBUTORS}
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    assert workflow.workflow_pages.filter(page__depth=1).exists()


def test_only_moderators_publish(home):
    page = SectionPageFactory(parent=home, title="Bài mới", slug="bai-moi")
    expectations = {EDITORS: False, MODERATORS: True, TRANSLATORS: False, CONTRIBUTORS: False}
    for group, can_publish in expectations.items():
        user = UserFactory(username=f"u-{group}", groups=[group])
        perms = page.permissions_for_user(user)
        assert perms.can_publish() is can_publish, group
        assert perms.can_edit() is True, group
    contributor = UserFactory(username="contrib", groups=[CONTRIBUTORS])
    assert home.permissions_for_user(contributor).can_add_subpage()


def test_page_in_workflow_needs_approval(home):
    page = SectionPageFactory(parent=home, title="Chờ duyệt", slug="cho-duyet")
    assert page.get_workflow().name == WORKFLOW_NAME


def test_publish_unpublish_delete_write_sync_events(home):
    page = SectionPageFactory(parent=home, title="Đồng bộ", slug="dong-bo")
    events = list(SyncEvent.objects.filter(page_id=page.pk).values_list("action", "locale"))
    assert events == [("upsert", "vi")]
    page.unpublish()
    assert SyncEvent.objects.filter(page_id=page.pk).last().action == "delete"
    page.save_revision().publish()
    assert SyncEvent.objects.filter(page_id=page.pk).last().action == "upsert"
    page_id = page.pk
    page.delete()
    last = SyncEvent.objects.filter(page_id=page_id).last()
    assert (last.action, last.content_type) == ("delete", "content.sectionpage")


def test_moving_under_private_page_writes_tombstone(home):
    from wagtail.models import PageViewRestriction

    private = SectionPageFactory(parent=home, title="Riêng", slug="rieng")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    page = SectionPageFactory(parent=home, title="Sẽ chuyển", slug="se-chuyen")
    page.move(private, pos="last-child")
    assert SyncEvent.objects.filter(page_id=page.pk).last().action == "delete"
