"""Who may publish the community page types (roles from content/roles.py)."""

import pytest

from content.roles import CONTRIBUTORS, EDITORS, MODERATORS, TRANSLATORS
from tests import factories as f
from tests.factories import UserFactory


@pytest.fixture
def pages(home):
    library = f.PolicyLibraryPageFactory(parent=home)
    jobs = f.JobIndexPageFactory(parent=home)
    health = f.HealthIndexPageFactory(parent=home)
    voices = f.CommunityIndexPageFactory(parent=home, title="Tiếng nói người có uy tín", kind="voice")
    return {
        "policy": f.PolicyDocumentPageFactory(parent=library, live=False),
        "job": f.JobPostingPageFactory(parent=jobs, live=False),
        "health": f.HealthServicePageFactory(parent=health, live=False),
        "article": f.CommunityArticlePageFactory(parent=voices, kind="voice", live=False),
        "indexes": [library, jobs, health, voices],
    }


def _perms(group, page):
    user = UserFactory(username=f"u-{group[:6]}-{page.pk}", groups=[group])
    return page.permissions_for_user(user)


@pytest.mark.parametrize("key", ["policy", "job", "health", "article"])
def test_moderators_publish_every_type(pages, key):
    assert _perms(MODERATORS, pages[key]).can_publish()


@pytest.mark.parametrize("key", ["policy", "job", "health", "article"])
def test_editors_edit_but_publish_through_review(pages, key):
    perms = _perms(EDITORS, pages[key])
    assert perms.can_edit()
    assert not perms.can_publish()


@pytest.mark.parametrize("group", [CONTRIBUTORS, TRANSLATORS])
@pytest.mark.parametrize("key", ["policy", "job", "health", "article"])
def test_contributors_and_translators_cannot_publish(pages, key, group):
    assert not _perms(group, pages[key]).can_publish()


def test_contributor_can_draft_a_voice_and_submit_it(client, pages):
    voices = pages["indexes"][3]
    user = UserFactory(username="gia-lang", groups=[CONTRIBUTORS])
    client.force_login(user)
    url = f"/admin/pages/add/community/communityarticlepage/{voices.pk}/"
    assert client.get(url).status_code == 200
    data = {
        "title": "Lời già làng về mùa rẫy",
        "slug": "loi-gia-lang",
        "summary": "",
        "kind": "voice",
        "body-count": "0",
        "sources-count": "0",
        "contributor_name": "A Thông",
        "contributor_village": "Làng K3",
        "contributor_role": "Già làng",
        "action-publish": "publish",
    }
    client.post(url, data)
    from community.models import CommunityArticlePage

    page = CommunityArticlePage.objects.get(slug="loi-gia-lang")
    assert not page.live  # asking to publish does not publish for a contributor


def test_published_voice_shows_village_and_role(client, pages, demo_loader):
    article = pages["article"]
    article.contributor_name = "A Thông"
    article.contributor_village = "Làng K3"
    article.contributor_role = "Già làng"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Làng K3" in html and "Già làng" in html


def test_sensitive_article_has_the_lessons_protections(client, pages):
    article = pages["article"]
    article.sensitive = True
    article.title = "Bạo lực gia đình"
    article.save_revision().publish()
    response = client.get(article.url)
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html
    assert "<title>Bạo lực" not in html  # neutral tab title
    assert 'class="quick-exit"' in html


def test_rights_section_links_public_courses_only(client, home):
    from community.models import CommunityCourseLink
    from tests.factories import SectionPageFactory

    rights = f.CommunityIndexPageFactory(parent=home, slug="quyen")
    course = SectionPageFactory(parent=home, title="Khoá học bình đẳng giới")
    draft = SectionPageFactory(parent=home, title="Khoá nháp", live=False)
    CommunityCourseLink.objects.create(page=rights, course=course, sort_order=0)
    CommunityCourseLink.objects.create(page=rights, course=draft, sort_order=1)
    html = client.get(rights.url).content.decode()
    assert "Khoá học bình đẳng giới" in html and course.url in html
    assert "Khoá nháp" not in html


def test_translated_rights_section_uses_the_source_links(client, home, demo_loader):
    from community.models import CommunityCourseLink
    from tests.factories import SectionPageFactory

    rights = f.CommunityIndexPageFactory(parent=home, slug="quyen-2")
    course = SectionPageFactory(parent=home, title="Khoá học quyền trẻ em")
    demo_loader.translate(course, "en", title="Children's rights course")
    en_rights = demo_loader.translate(rights, "en", title="Rights")
    CommunityCourseLink.objects.create(page=rights, course=course, sort_order=0)
    assert [c.title for c in en_rights.courses("en")] == ["Children's rights course"]
