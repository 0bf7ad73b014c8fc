"""Never a draft, a private, an unpublished or a deleted page in results; facets
and synonyms; a constant number of queries per search."""

import pytest
from wagtail.models import Page, PageViewRestriction

from search.models import NameSynonym, PageSearchData
from search.service import search, suggest
from tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def _titles(query, language="vi"):
    return [hit.page.title for hit in search(query, language, limit=50).hits]


def test_draft_is_never_found(pages):
    assert "Bản nháp đâm trâu bí mật" not in _titles("ban nhap")
    assert "Bản nháp đâm trâu bí mật" not in _titles("dam trau")


def test_unpublished_then_republished(pages):
    page = pages["gongs"]
    assert "Cồng chiêng Chăm H'roi" in _titles("cong chieng")
    page.unpublish()
    assert "Cồng chiêng Chăm H'roi" not in _titles("cong chieng")
    assert not PageSearchData.objects.filter(page_id=page.pk).exists()
    page.refresh_from_db()
    page.save_revision().publish()
    assert "Cồng chiêng Chăm H'roi" in _titles("cong chieng")


def test_new_revision_is_searched_only_once_published(pages):
    page = pages["hre"].specific
    page.title = "Người H'rê ở Vĩnh Thạnh bản nháp"
    page.save_revision()  # a draft revision: the live page keeps its title
    assert "Người H'rê ở An Lão" in _titles("hre an lao")
    assert "Người H'rê ở Vĩnh Thạnh bản nháp" not in _titles("vinh thanh ban nhap")
    Page.objects.get(pk=page.pk).specific.get_latest_revision().publish()
    assert _titles("vinh thanh ban nhap")[0] == "Người H'rê ở Vĩnh Thạnh bản nháp"
    assert "Người H'rê ở An Lão" not in _titles("hre an lao")


def test_private_page_and_its_children_are_never_found(pages):
    parent = pages["bana"]
    child = SectionPageFactory(parent=parent, title="Nhà rông làng Kon Blo")
    assert "Nhà rông làng Kon Blo" in _titles("nha rong kon blo")
    PageViewRestriction.objects.create(page=parent, restriction_type="password", password="x")
    assert "Người Ba Na" not in _titles("nguoi ba na")
    assert "Nhà rông làng Kon Blo" not in _titles("nha rong kon blo")
    assert [s for s in suggest("nha rong kon") if s["id"] == child.pk] == []


def test_deleted_page_is_gone(pages):
    pk = pages["hre"].pk
    pages["hre"].delete()
    assert not Page.objects.filter(pk=pk).exists()
    assert "Người H'rê ở An Lão" not in _titles("hre")


def test_expired_page_is_not_found(pages):
    from datetime import timedelta

    from django.utils import timezone

    Page.objects.filter(pk=pages["bana"].pk).update(expire_at=timezone.now() - timedelta(days=1))
    assert "Người Ba Na" not in _titles("nguoi ba na")


def test_synonym_snippet_edits_apply_at_once(pages):
    assert _titles("kon ko") == []
    NameSynonym.objects.create(name="Ba Na Kriêm", variants="Kon Ko")  # a made-up spelling
    assert "Người Ba Na" not in _titles("kon ko")
    NameSynonym.objects.filter(name="Ba Na Kriêm").update(variants="Kon Ko\nNgười Ba Na")
    NameSynonym.objects.get(name="Ba Na Kriêm").save()
    assert "Người Ba Na" in _titles("kon ko")


def test_title_match_beats_body_match_and_exact_beats_folded(home):
    body = SectionPageFactory(parent=home, title="Trang khác", summary="Nói về thổ cẩm.")
    title = SectionPageFactory(parent=home, title="Thổ cẩm", summary="Vải dệt.")
    folded = SectionPageFactory(parent=home, title="Tho cam", slug="tho-cam-2", summary="Một cách viết khác.")
    hits = [h.page.pk for h in search("thổ cẩm", "vi").hits]
    assert hits == [title.pk, folded.pk, body.pk]
    hits = [h.page.pk for h in search("tho cam", "vi").hits]
    assert hits.index(folded.pk) < hits.index(body.pk)
    assert hits.index(title.pk) < hits.index(body.pk)


def test_facets_counts_and_filters(home, monkeypatch):
    from content.models import SectionPage

    facets = {}
    monkeypatch.setattr(SectionPage, "search_facets", lambda self: facets.get(self.title, {}), raising=False)
    facets.update(
        {
            "Rượu cần Ba Na": {"group": ["ba-na"], "topic": ["am-thuc"]},
            "Rượu cần H'rê": {"group": ["hre"], "topic": ["am-thuc"]},
            "Rượu cần làng K3": {"group": ["ba-na"], "commune": ["21799"]},
        }
    )
    for title in facets:
        SectionPageFactory(parent=home, title=title)
    results = search("ruou can", "vi")
    assert results.total == 3
    assert dict((v, c) for v, c, _s in results.facets["group"]) == {"ba-na": 2, "hre": 1}
    assert dict((v, c) for v, c, _s in results.facets["topic"]) == {"am-thuc": 2}
    filtered = search("ruou can", "vi", {"group": "ba-na"})
    assert filtered.total == 2
    assert {h.page.title for h in filtered.hits} == {"Rượu cần Ba Na", "Rượu cần làng K3"}
    # the selected facet still offers the other value to switch to
    assert ("hre", 1, False) in filtered.facets["group"]
    assert search("ruou can", "vi", {"group": "nobody"}).total == 0


def test_pagination(home):
    for n in range(12):
        SectionPageFactory(parent=home, title=f"Chiêng số {n}")
    first = search("chieng so", "vi", limit=5, offset=0)
    third = search("chieng so", "vi", limit=5, offset=10)
    assert first.total == third.total == 12
    assert len(first.hits) == 5 and len(third.hits) == 2
    assert not {h.page.pk for h in first.hits} & {h.page.pk for h in third.hits}


def test_queries_per_search_do_not_grow_with_results(home, django_assert_max_num_queries):
    for n in range(30):
        SectionPageFactory(parent=home, title=f"Lễ hội số {n}", summary="Cồng chiêng và rượu cần.")
    search("le hoi", "vi")  # warm caches (content types, synonyms)
    with django_assert_max_num_queries(8):
        results = search("le hoi", "vi", limit=20)
    assert results.total == 30 and len(results.hits) == 20


def test_queries_per_search_page_request_are_constant(client, home, django_assert_max_num_queries):
    for n in range(25):
        SectionPageFactory(parent=home, title=f"Rượu cần số {n}", summary="Rượu cần và chiêng.")
    client.get("/vi/search/", {"q": "ruou can"})  # warm site and content-type caches
    with django_assert_max_num_queries(20):
        response = client.get("/vi/search/", {"q": "ruou can", "page": "2"})
    assert response.status_code == 200
    assert response.content.decode().count('class="search-result"') == 10


def test_job_past_its_deadline_is_not_found(home):
    """Closed jobs leave search the day after their deadline (query time, no cron)."""
    import datetime

    from django.utils import timezone

    from tests.factories import JobIndexPageFactory, JobPostingPageFactory

    index = JobIndexPageFactory(parent=home, slug="viec-lam")
    today = timezone.localdate()
    JobPostingPageFactory(parent=index, title="Thợ dệt thổ cẩm Vân Canh", deadline=today)
    JobPostingPageFactory(
        parent=index, title="Thợ dệt thổ cẩm An Lão", deadline=today - datetime.timedelta(days=1)
    )
    assert _titles("tho det tho cam") == ["Thợ dệt thổ cẩm Vân Canh"]


def test_a_synonym_edit_reaches_every_worker_through_the_one_tag_store(pages):
    """What search keeps records the synonym snippet's tag in the one tag store, which
    every worker reads (the stamp files with local-memory caches): no second counter in a
    per-process cache, and the site-wide generation is left alone (pages stay cached)."""
    from content import cache as content_cache
    from content import cachetags
    from search.synonyms import SYNONYMS_TAG, synonym_groups

    before = content_cache.generation()
    tag_before = cachetags.generations([SYNONYMS_TAG])[SYNONYMS_TAG]
    assert "kon ko" not in synonym_groups()
    NameSynonym.objects.create(name="Ba Na Kriêm", variants="Kon Ko")
    assert cachetags.generations([SYNONYMS_TAG])[SYNONYMS_TAG] != tag_before
    assert content_cache.generation() == before
    assert "kon ko" in synonym_groups()["ba na kriem"]
