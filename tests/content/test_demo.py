"""The demo loader builds a believable site and is idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from content.models import AdministrativeUnit, HeritageImage


def counts():
    return (Page.objects.count(), HeritageImage.objects.count(), AdministrativeUnit.objects.count())


@pytest.mark.django_db(transaction=False)
def test_demo_content_twice_changes_nothing(client, locales):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    first = counts()
    assert first[0] > 5
    assert "Administrative units" in out.getvalue()  # progress is shown
    out2 = io.StringIO()
    call_command("load_demo_content", stdout=out2)
    assert counts() == first
    assert "0 created, 0 updated" in out2.getvalue()
    for code in ("vi", "en", "bdq", "hre", "hro"):
        assert client.get(f"/{code}/").status_code == 200
    # at least one page exists in each ethnic language
    for code in ("bdq", "hre", "hro"):
        assert Page.objects.filter(locale__language_code=code).exists()


@pytest.mark.django_db
def test_admin_units_know_their_successors(locales):
    call_command("load_demo_content", stdout=io.StringIO())
    vinh_thanh = AdministrativeUnit.objects.get(code="546")
    assert not vinh_thanh.is_current
    assert [(u.code, u.name) for u in vinh_thanh.current_units()] == [("52", "Tỉnh Gia Lai")]
    binh_dinh = AdministrativeUnit.objects.get(code="52", valid_from=None)
    assert binh_dinh.current_units()[0].name == "Tỉnh Gia Lai"


@pytest.mark.django_db
def test_loader_never_publishes_over_an_editor(home, demo_loader):
    """An editor's published edit and an editor's unfinished draft both survive a reload."""
    from content.models import SectionPage
    from tests.factories import UserFactory

    editor = UserFactory(is_superuser=True)
    page = demo_loader.page(home, SectionPage, "gioi-thieu", title="Giới thiệu")
    page.title = "Giới thiệu (biên tập viên sửa)"
    page.save_revision(user=editor).publish(user=editor)
    draft = SectionPage.objects.get(pk=page.pk)
    draft.title = "Bản nháp chưa xong"
    draft.save_revision(user=editor)

    reloaded = demo_loader.page(home, SectionPage, "gioi-thieu", title="Giới thiệu")

    live = SectionPage.objects.get(pk=page.pk)
    assert live.title == "Giới thiệu (biên tập viên sửa)"  # not put back to the demo title
    assert live.has_unpublished_changes  # the draft stayed a draft
    assert live.get_latest_revision().content["title"] == "Bản nháp chưa xong"
    assert reloaded.pk == page.pk
    assert (demo_loader.updated, demo_loader.kept) == (0, 1)
    assert [kept.pk for kept in demo_loader.kept_pages] == [page.pk]  # named in the command's report


@pytest.mark.django_db
def test_loader_leaves_an_edited_translation_alone(home, demo_loader):
    from tests.factories import UserFactory

    translation = home.get_translation(home.locale.__class__.objects.get(language_code="en")).specific
    translation.title = "Nha Rong (edited)"
    translation.save_revision(user=UserFactory()).publish()
    demo_loader.translate(home, "en", title="Nhà Rông")
    translation.refresh_from_db()
    assert translation.title == "Nha Rong (edited)"
    assert demo_loader.kept == 1
