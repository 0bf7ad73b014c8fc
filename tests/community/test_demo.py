import io

import pytest
from django.utils import timezone

import community.demo as community_demo
from community.models import CommunityArticlePage, HealthServicePage, JobPostingPage, PolicyDocumentPage
from content.demo import load as load_kernel
from content.demo_loader import DemoLoader


@pytest.fixture
def loaded(locales):
    loader = DemoLoader(io.StringIO())
    load_kernel(loader)
    community_demo.load(loader)
    return loader


def _count(model, lang):
    return model.objects.filter(locale__language_code=lang, live=True).count()


def test_demo_counts_in_both_languages(loaded):
    for lang in ("vi", "en"):
        assert _count(PolicyDocumentPage, lang) == 8
        assert _count(JobPostingPage, lang) == 6
        assert _count(HealthServicePage, lang) == 4
        assert (
            CommunityArticlePage.objects.filter(locale__language_code=lang, kind="voice", live=True).count() == 3
        )


def test_demo_jobs_some_closed_relative_to_today(loaded):
    vi = JobPostingPage.objects.filter(locale__language_code="vi")
    assert vi.open().count() == 4
    assert vi.closed().count() == 2
    assert all(j.commune_id for j in vi)
    assert min(j.deadline for j in vi) < timezone.localdate() < max(j.deadline for j in vi)


def test_demo_policy_statuses_and_sources(loaded):
    docs = PolicyDocumentPage.objects.filter(locale__language_code="vi")
    statuses = dict(docs.values_list("document_number", "status"))
    assert statuses["414/QĐ-TTg"] == "expired"
    assert statuses["202/2025/QH15"] == "in_force"
    assert all(len(d.sources) >= 1 for d in docs)
    undated = PolicyDocumentPage.objects.get(locale__language_code="en", document_number="862/QĐ-UBND (Bình Định)")
    assert undated.issue_date is None


def test_loading_twice_changes_nothing(loaded):
    loader = DemoLoader(io.StringIO())
    load_kernel(loader)
    community_demo.load(loader)
    assert (loader.created, loader.updated) == (0, 0)


def test_rights_section_shows_111_prominently(client, loaded):
    page = CommunityArticlePage.objects.get(slug="goi-111-khi-tre-em-gap-nguy-hiem", locale__language_code="vi")
    index = page.get_parent()
    html = client.get(index.url).content.decode()
    assert 'href="tel:111"' in html
    assert html.index('class="helplines"') < html.index('class="cards"')  # before the articles
    article = client.get(page.url).content.decode()
    assert 'class="quick-exit"' in article and 'href="tel:111"' in article


def test_demo_pages_render(client, loaded):
    for model in (PolicyDocumentPage, JobPostingPage, HealthServicePage, CommunityArticlePage):
        for page in model.objects.filter(live=True):
            assert client.get(page.url).status_code == 200, page.url
