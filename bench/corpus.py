"""Generate the benchmark and test corpus on the current DATABASE_URL.

Full scale (``--scale 1``): 10,000 pages across all page types and the five locales,
200 courses, 20,000 learners and 1,000,000 progress events (``python manage.py
generate_corpus`` and ``python -m bench.cli`` run it). Pages are copies of the demo
content (load it first) made in bulk (``bench/pagebulk.py``): live, with a revision,
long bodies with an image (``bench/bodies.py``), the template's groups (so heritage
pages have related pages), translations in the shares the demo has, a sync-log row
each, and search-indexed in bulk at the end. Additive: a larger count adds the
difference, numbering on; each page's choices come from its own ``Random(seed, n)``,
so a seed gives the same corpus however it was reached in steps.
"""

import random
import time
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from content.public import public_pages

from .bodies import rich_body, stream_body
from .learners import add_events, add_learners, bench_events, bench_learners
from .pagebulk import Builder, Spec
from .progress import Progress

FULL = {"pages": 10_000, "courses": 200, "learners": 20_000, "events": 1_000_000}
# Used when the database has no demo translations to measure the shares on.
TRANSLATION_SHARE = {"en": 1.0, "bdq": 0.03, "hre": 0.03, "hro": 0.03}
PAGE_TYPES = [
    "heritage.FestivalPage",
    "heritage.StoryPage",
    "heritage.ProductPage",
    "heritage.PlacePage",
    "community.CommunityArticlePage",
    "community.JobPostingPage",
    "community.PolicyDocumentPage",
    "community.HealthServicePage",
    "content.SectionPage",
]
CHUNK = 500  # pages per transaction and per bulk insert
GENERATED = r"^bench-[0-9]+$"


def _template(label):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return public_pages(model.objects.filter(locale__language_code="vi")).order_by("pk").first()


def translation_shares():
    """Share of the demo's Vietnamese pages that also exist in each other locale
    (pages below the homes, generated ones left out)."""
    demo = Page.objects.filter(depth__gt=2).exclude(url_path__contains="/bench-")
    counts = dict(demo.order_by().values_list("locale__language_code").annotate(n=Count("id")))
    vi = counts.pop("vi", 0)
    if not vi or not counts:
        return dict(TRANSLATION_SHARE)
    return {code: min(1.0, n / vi) for code, n in sorted(counts.items())}


class Content:
    """Per-page content drawn from the page's random: a long body, an image."""

    def __init__(self):
        self.image_ids = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))

    def fields(self, rng, template):
        fields = {}
        try:
            body = type(template)._meta.get_field("body")
        except Exception:
            body = None
        if isinstance(body, StreamField):
            fields["body"] = stream_body(rng, template.body.raw_data, self.image_ids)
        elif isinstance(body, RichTextField):
            fields["body"] = rich_body(rng, template.body)
        if hasattr(template, "hero_image_id") and template.hero_image_id is None and self.image_ids:
            fields["hero_image_id"] = rng.choice(self.image_ids)
        return fields


def _key(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _existing_pages():
    """Generated pages already there: ``(sources, all)``; sources are ``bench-<n>`` in Vietnamese."""
    generated = Page.objects.filter(slug__regex=GENERATED)
    return generated.filter(locale__language_code="vi").count(), generated.count()


def _log_sync(pages, codes):
    """The sync log's upsert per page, as publishing writes it (``content.sync``)."""
    from content.models import SyncEvent

    SyncEvent.objects.bulk_create(
        [
            SyncEvent(
                page_id=p.pk, content_type=type(p)._meta.label_lower, locale=codes[p.locale_id], action="upsert"
            )
            for p in pages
        ],
        batch_size=1000,
    )


class _Run:
    """What one generation shares: the builder, locales, templates and their translations."""

    def __init__(self, seed):
        self.seed = seed
        self.builder = Builder(timezone.now())
        self.content = Content()
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}
        self.codes = {loc.pk: code for code, loc in self.locales.items()}
        self._translations = {}
        self.templates = {}  # generated page id -> the page it copies

    def rng(self, *parts):
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def translation(self, page, code):
        if (page.pk, code) not in self._translations:
            found = page.get_translation_or_none(self.locales[code]) if code in self.locales else None
            self._translations[page.pk, code] = found.specific if found is not None else None
        return self._translations[page.pk, code]

    def spec(self, rng, template, parent, title, slug, key, locale_code="vi"):
        return Spec(
            template, parent, title, slug, self.locales[locale_code].pk, key, self.content.fields(rng, template)
        )

    def create(self, specs):
        with transaction.atomic():
            pages = self.builder.create(specs)
            _log_sync(pages, self.codes)
        for page, spec in zip(pages, specs, strict=True):
            self.templates[page.pk] = spec.template
        return pages


def _pages(count, run, out):
    """Pages until ``count`` more generated pages exist, ``bench-<n>`` numbered on from
    the ones there, each with its translations in the demo's shares."""
    templates = [t for label in PAGE_TYPES if (t := _template(label)) is not None]
    if not templates:
        raise SystemExit("No demo pages to copy: run load_demo_content first.")
    shares = translation_shares()
    parents = {t.pk: t.get_parent() for t in templates}
    n, _all = _existing_pages()
    made, new_ids = 0, []
    progress = Progress(out, "Pages", count)
    while made < count:
        specs = []
        while made < count and len(specs) < CHUNK:
            rng = run.rng("page", n)
            template = templates[n % len(templates)]
            parent, key, slug = parents[template.pk], _key(rng), f"bench-{n}"
            specs.append(run.spec(rng, template, parent, f"{template.title} {n}", slug, key))
            made += 1
            for code, share in shares.items():
                if made >= count or rng.random() >= share:
                    continue
                translated_parent = run.translation(parent, code)
                if translated_parent is None:
                    continue
                local = run.translation(template, code) or template
                title = f"{local.title} {n}" if local is not template else f"{template.title} {n} ({code})"
                specs.append(run.spec(run.rng("page", n, code), local, translated_parent, title, slug, key, code))
                made += 1
            n += 1
        new_ids += [p.pk for p in run.create(specs)]
        progress.update(made)
    return new_ids


def index_pages(ids, out, chunk=250, templates=None):
    """Put ``ids`` in the search index (folded, in bulk per type, with the related rows
    the index reads prefetched) and their facets and snippet text in ``PageSearchData``:
    the benchmark searches the corpus it serves.

    ``templates`` maps a generated page's id to the page it was copied from. A copy's
    facets are its template's: they read the groups, unit, commune, kind or topic, which
    a copy keeps (only the title, slug, body and images differ), so they are computed once
    per template instead of a few queries per page."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend

    from search.indexing import page_facets, page_text
    from search.models import PageSearchData

    backend = get_search_backend()
    templates = templates or {}
    facets = {}

    def facets_of(page):
        template = templates.get(page.pk)
        if template is None:
            return page_facets(page)
        if template.pk not in facets:
            facets[template.pk] = page_facets(template)
        return facets[template.pk]

    progress = Progress(out, "Search index", len(ids))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        by_type = {}
        for pk, type_id in Page.objects.filter(pk__in=part).values_list("pk", "content_type_id"):
            by_type.setdefault(type_id, []).append(pk)
        pages = []
        with transaction.atomic():
            for type_id, pks in by_type.items():
                model = ContentType.objects.get_for_id(type_id).model_class()
                objects = list(model.get_indexed_objects().filter(pk__in=pks))
                backend.add_bulk(model, objects)
                pages += objects
            PageSearchData.objects.filter(page_id__in=part).delete()
            PageSearchData.objects.bulk_create(
                [PageSearchData(page_id=p.pk, facets=facets_of(p), text=page_text(p)) for p in pages]
            )
        progress.update(start + len(part))


def _courses(count, run, out):
    """``count`` more courses, copies of the first demo course with all its lessons."""
    course = _template("lessons.CoursePage")
    if course is None:
        return []
    lessons = list(public_pages(Page.objects.child_of(course)).specific().order_by("path"))
    parent = course.get_parent()
    start = Page.objects.filter(slug__startswith="bench-course-").count()
    progress = Progress(out, "Courses", count)
    made = []
    step = max(1, CHUNK // (1 + len(lessons)))
    for first in range(start, start + count, step):
        numbers = range(first, min(first + step, start + count))
        specs = [
            run.spec(
                run.rng("course", n),
                course,
                parent,
                f"{course.title} {n}",
                f"bench-course-{n}",
                _key(run.rng("course-key", n)),
            )
            for n in numbers
        ]
        with transaction.atomic():
            new = run.create(specs)
            children = [
                run.spec(
                    run.rng("lesson", n, i),
                    lesson,
                    c,
                    f"{lesson.title} {n}",
                    lesson.slug,
                    _key(run.rng("lesson-key", n, i)),
                )
                for n, c in zip(numbers, new, strict=True)
                for i, lesson in enumerate(lessons)
            ]
            made_lessons = run.create(children) if children else []
        made += [p.pk for p in (*new, *made_lessons)]
        progress.update(numbers[-1] - start + 1)
    return made


def generate(scale=1.0, out=None, pages=None, learners=None, events=None, index=True, seed=8):
    """Bring the corpus up to the sizes asked (it is additive); returns what it holds.

    ``pages``, ``learners``, ``events`` override the sizes that ``scale`` gives: they are
    totals, and only the difference with what the database holds is added. New pages
    are put in the search index in bulk at the end (``index``)."""
    import sys

    out = out or sys.stdout
    sizes = {k: max(1, int(v * scale)) for k, v in FULL.items()}
    for name, value in (("pages", pages), ("learners", learners), ("events", events)):
        if value is not None:
            sizes[name] = value
    sizes["courses"] = min(sizes["courses"], max(1, sizes["pages"] // 50)) if sizes["pages"] else 0
    run = _Run(seed)
    steps, started = {}, time.monotonic()

    def step(name):
        nonlocal started
        steps[name] = round(time.monotonic() - started, 1)
        started = time.monotonic()

    with quiet():
        existing = Page.objects.filter(slug__startswith="bench-course-").count()
        new_ids = _courses(max(0, sizes["courses"] - existing), run, out)
        new_ids += _pages(max(0, sizes["pages"] - generated_count()), run, out)
    step("pages")
    if index and new_ids:
        index_pages(new_ids, out, templates=run.templates)
    step("search index")
    learners_made = max(0, sizes["learners"] - bench_learners())
    all_learners = add_learners(learners_made, out) if sizes["learners"] else []
    step("learners")
    events_made = (
        add_events(max(0, sizes["events"] - bench_events()), all_learners, out, seed) if sizes["events"] else 0
    )
    step("events")
    from content.cache import bump
    from content.planner import refresh_statistics

    refresh_statistics()  # the planner sees the corpus as it now is
    step("analyze")
    bump()  # one new content generation for everything added
    return {
        "scale": scale,
        "seed": seed,
        "pages": generated_count(),
        "pages_added": len(new_ids),
        "pages_in_site": Page.objects.filter(depth__gt=1).count(),
        "courses": Page.objects.filter(slug__startswith="bench-course-").count(),
        "learners": learners_made,
        "events": events_made,
        "seconds_by_step": steps,
    }


@contextmanager
def quiet():
    """While generating: no per-save search indexing and no reference-index rows (bulk
    inserts send no signals; this covers any ORM save on the way). Only here: the
    site's handlers stay connected everywhere else."""
    from wagtail.search import index as search_index
    from wagtail.signal_handlers import disable_reference_index_auto_update

    saved_hook = search_index.insert_or_update_object
    search_index.insert_or_update_object = lambda instance: None
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        search_index.insert_or_update_object = saved_hook


def generated_count():
    """Generated pages in the database: copied pages, courses and their lessons."""
    courses = Page.objects.filter(slug__startswith="bench-course-")
    lessons = courses.aggregate(n=Sum("numchild"))["n"] or 0
    return _existing_pages()[1] + courses.count() + lessons
