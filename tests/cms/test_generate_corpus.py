"""The generated corpus (``generate_corpus``, ``bench/corpus.py``) is made of real pages:
a valid tree, live with a revision, translations linked, long bodies with images,
related pages, search-indexed; additive, the same for a seed, and a bounded number of
SQL queries per page (issue 20, item 4). Runs on SQLite and, with DATABASE_URL, on
PostgreSQL."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Page, Revision

from bench.corpus import generate, generated_count, translation_shares
from search.indexing import page_facets
from search.models import PageSearchData

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_loaded, db):
    return None


def _generated():
    return Page.objects.filter(url_path__contains="/bench-")


def _run(**sizes):
    return generate(out=io.StringIO(), **{"learners": 0, "events": 0, **sizes})


def _raw(body):
    return str(list(body.raw_data)) if hasattr(body, "raw_data") else str(body)


def _snapshot():
    pages = _generated().specific().order_by("path")
    return {
        (p.slug, p.locale_id, p.depth): (p.title, str(p.translation_key), _raw(getattr(p, "body", None)))
        for p in pages
    }


def test_command_makes_a_valid_tree_of_live_pages_with_revisions(demo):
    out = io.StringIO()
    call_command("generate_corpus", pages=150, stdout=out, stderr=io.StringIO())
    assert "150 generated pages (150 added" in out.getvalue()
    assert generated_count() == 150
    assert all(not problems for problems in Page.find_problems())
    pages = list(_generated().select_related("latest_revision"))
    assert len(pages) == 150
    parents = {p.pk: p for p in Page.objects.filter(pk__in={pg.get_parent().pk for pg in pages[:20]})}
    for page in pages:
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id and page.live_revision_id == page.latest_revision_id
        assert page.latest_revision.object_id == str(page.pk)
    for page in pages[:20]:
        parent = page.get_parent()
        assert page.url_path == f"{parent.url_path}{page.slug}/"
        assert parents[parent.pk].numchild == Page.objects.child_of(parent).count()
        revision = Revision.objects.get(pk=page.latest_revision_id).as_object()
        assert (revision.title, revision.url_path) == (page.title, page.url_path)
    assert PageSearchData.objects.filter(page__in=_generated()).count() == 150


def test_translations_linked_in_the_demo_shares(demo):
    shares = translation_shares()
    assert shares.get("en", 0) > 0.5  # the demo has English for most pages
    _run(pages=200)
    generated = _generated().filter(slug__regex=r"^bench-[0-9]+$")
    sources = {
        str(k) for k in generated.filter(locale__language_code="vi").values_list("translation_key", flat=True)
    }
    translated = generated.exclude(locale__language_code="vi")
    assert translated.exists()
    assert {str(k) for k in translated.values_list("translation_key", flat=True)} <= sources
    counts = dict(translated.order_by().values_list("locale__language_code").annotate(n=Count("id")))
    for code, share in shares.items():
        assert abs(counts.get(code, 0) / len(sources) - share) <= 0.15, (code, counts, shares)
    page = translated.filter(locale__language_code="en").first()
    vi = page.get_translation(generated.filter(locale__language_code="vi").first().locale)
    assert vi.slug == page.slug and vi.locale.language_code == "vi"


def test_long_bodies_images_related_pages_and_facets(demo):
    _run(pages=120)
    festival = _generated().get(locale__language_code="vi", slug="bench-0").specific
    assert type(festival).__name__ == "FestivalPage"
    blocks = [block.block_type for block in festival.body]
    assert "image" in blocks and blocks.count("paragraph") >= 5
    assert len(" ".join(str(block.value) for block in festival.body)) > 2000
    assert festival.hero_image_id
    assert len(festival.related_pages()) >= 3
    for page in _generated().specific()[:40]:
        assert PageSearchData.objects.get(page=page).facets == page_facets(page)


def test_additive_and_the_same_for_a_seed(demo):
    with transaction.atomic():
        _run(pages=150)
        at_once = _snapshot()
        transaction.set_rollback(True)
    _run(pages=60)
    assert generated_count() == 60
    result = _run(pages=150)
    assert generated_count() == 150 and result["pages_added"] == 90
    in_steps = _snapshot()
    common = at_once.keys() & in_steps.keys()
    assert len(common) > 120
    assert all(at_once[key] == in_steps[key] for key in common)
    assert _run(pages=150)["pages_added"] == 0


def test_another_seed_another_corpus(demo):
    with transaction.atomic():
        _run(pages=30)
        first = _snapshot()
        transaction.set_rollback(True)
    _run(pages=30, seed=9)
    other = _snapshot()
    assert first.keys() & other.keys()
    assert all(first[key] != other[key] for key in first.keys() & other.keys())


def test_learners_and_events_are_additive(demo):
    from django.contrib.auth.models import User

    from lessons.learners.records import ProgressEvent

    generate(out=io.StringIO(), pages=60, learners=5, events=30)
    generate(out=io.StringIO(), pages=60, learners=8, events=50)
    assert User.objects.filter(username__startswith="bench-learner-").count() == 8
    assert ProgressEvent.objects.filter(learner__username__startswith="bench-learner-").count() == 50


def test_sql_queries_per_page_are_bounded(demo):
    counts = {}
    for size in (100, 200):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as ctx:
                _run(pages=size)
            counts[size] = len(ctx.captured_queries)
            transaction.set_rollback(True)
    # A fixed few statements per chunk and page type; what grows with the pages is
    # the search index reading each body's images (Wagtail, one query per body).
    assert counts[200] < 1.4 * counts[100], counts
    assert counts[200] - counts[100] < 100, counts


def test_make_bench_keeps_the_hand_measured_corpus_section(tmp_path):
    from bench.scale import CORPUS_BEGIN, CORPUS_END, keep_section

    doc = tmp_path / "benchmarks.md"
    doc.write_text(
        f"# Old\n\n{CORPUS_BEGIN}\n### Generating the corpus\n9 min\n{CORPUS_END}\n\n## Requests per second\n"
    )
    new = keep_section("# New\n\n**Corpus**\n\n## Requests per second and latency\n", doc)
    assert new.index("**Corpus**") < new.index("9 min") < new.index("## Requests per second and latency")
    assert new.count(CORPUS_BEGIN) == 1


def test_generated_pages_are_served_and_found(demo, client):
    from search.service import search

    _run(pages=60)
    generated = _generated().filter(locale__language_code="vi", slug__regex=r"^bench-[0-9]+$")
    page = generated.get(slug="bench-1").specific
    response = client.get(page.url)
    assert response.status_code == 200
    assert escape(page.title) in response.content.decode()
    hits = [hit.page.pk for hit in search(page.title, "vi", limit=50).hits]
    assert set(hits) & set(generated.values_list("pk", flat=True))
