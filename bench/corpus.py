"""Generate the benchmark corpus on the current DATABASE_URL.

Full scale (``--scale 1``): 10,000 pages across all page types and the five
locales, 200 courses, 20,000 learners and 1,000,000 progress events. Pages are
cloned from the demo content (load it first) with ``add_child`` and no
revisions or search indexing; learners and events use bulk inserts.
"""

import copy
import itertools
import random
import uuid
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Locale, Page

from content.public import public_pages

FULL = {"pages": 10_000, "courses": 200, "learners": 20_000, "events": 1_000_000}
# Share of generated pages also created in each other locale.
TRANSLATION_SHARE = {"en": 0.5, "bdq": 0.1, "hre": 0.1, "hro": 0.1}
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
RESET_FIELDS = (
    "id",
    "pk",
    "page_ptr_id",
    "path",
    "depth",
    "url_path",
    "latest_revision_id",
    "live_revision_id",
    "draft_title",
)


class Progress:
    """A progress line, redrawn at most every 1 %."""

    def __init__(self, out, label, total):
        self.out, self.label, self.total, self.shown = out, label, max(total, 1), -1

    def update(self, done):
        percent = min(100, done * 100 // self.total)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4) + "." * (25 - percent // 4)
            end = "\n" if percent == 100 else ""
            self.out.write(f"\r{self.label:<16} [{bar}] {done}/{self.total}{end}")
            self.out.flush()


def _template(label):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    page = public_pages(model.objects.filter(locale__language_code="vi")).order_by("pk").first()
    return page


def clone(template, parent, title, slug, locale=None, translation_key=None):
    """A new live child of ``parent`` with ``template``'s content (one INSERT per table)."""
    page = copy.copy(template)
    for field in RESET_FIELDS:
        setattr(page, field, None)
    page._state = copy.copy(template._state)
    page._state.adding = True
    page.numchild = 0
    page.title = page.draft_title = title
    page.slug = slug
    page.locale = locale or parent.locale
    page.translation_key = translation_key or uuid.uuid4()
    page.live = True
    page.show_in_menus = False  # generated content, not new site sections in the menu
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return page


def _existing_pages():
    """Generated pages already there: ``(sources, all)``; sources are ``bench-<n>`` in Vietnamese."""
    generated = Page.objects.filter(slug__regex=r"^bench-[0-9]+$")
    return generated.filter(locale__language_code="vi").count(), generated.count()


def _pages(count, out):
    """Pages until ``count`` generated pages exist (additive: a larger count adds the
    difference, continuing the numbering and the seeded choice of translations)."""
    templates = [(label, t) for label in PAGE_TYPES if (t := _template(label)) is not None]
    if not templates:
        raise SystemExit("No demo pages to clone: run load_demo_content first.")
    locales = {c: Locale.objects.filter(language_code=c).first() for c in TRANSLATION_SHARE}
    start, _existing = _existing_pages()
    made = 0
    rng = random.Random(8 + start)
    per_page = 1 + sum(TRANSLATION_SHARE.values())
    progress = Progress(out, "Pages", count)
    new_ids = []
    for n in itertools.count(start):
        if made >= count:
            break
        label, template = templates[n % len(templates)]
        parent = template.get_parent()
        slug = f"bench-{n}"
        with transaction.atomic():
            page = clone(template, parent, f"{template.title} {n}", slug)
            new_ids.append(page.pk)
            made += 1
            for code, share in TRANSLATION_SHARE.items():
                if made >= count or rng.random() > share or locales[code] is None:
                    continue
                translated_parent = parent.get_translation_or_none(locales[code])
                if translated_parent is None:
                    continue
                translated = clone(
                    template,
                    translated_parent,
                    f"{template.title} {n} ({code})",
                    slug,
                    locale=locales[code],
                    translation_key=page.translation_key,
                )
                new_ids.append(translated.pk)
                made += 1
        progress.update(made)
    return made, per_page, new_ids


def index_pages(ids, out, chunk=250):
    """Put ``ids`` in the search index (folded, in bulk per type) and their facets and
    snippet text in ``PageSearchData``: the benchmark searches the corpus it serves."""
    from wagtail.search.backends import get_search_backend

    from search.indexing import page_facets, page_text
    from search.models import PageSearchData

    backend = get_search_backend()
    progress = Progress(out, "Search index", len(ids))
    for start in range(0, len(ids), chunk):
        pages = list(Page.objects.filter(pk__in=ids[start : start + chunk]).specific())
        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        with transaction.atomic():
            for model, objects in by_model.items():
                backend.add_bulk(model, objects)
            PageSearchData.objects.filter(page_id__in=[p.pk for p in pages]).delete()
            PageSearchData.objects.bulk_create(
                [PageSearchData(page_id=p.pk, facets=page_facets(p), text=page_text(p)) for p in pages]
            )
        progress.update(start + len(pages))


def _courses(count, out):
    course = _template("lessons.CoursePage")
    if course is None:
        return []
    lessons = list(public_pages(Page.objects.child_of(course)).specific())
    made = []
    progress = Progress(out, "Courses", count)
    start = Page.objects.filter(slug__startswith="bench-course-").count()
    for n in range(start, count):
        with transaction.atomic():
            new = clone(course, course.get_parent(), f"{course.title} {n}", f"bench-course-{n}")
            children = [clone(lesson, new, f"{lesson.title} {n}", lesson.slug) for lesson in lessons]
        made.append((new.pk, [c.pk for c in children]))
        progress.update(n + 1)
    return made


def _learners(count, out):
    User = apps.get_model("auth", "User")
    password = make_password("bench-password-42")
    start = User.objects.count()
    progress = Progress(out, "Learners", count)
    batch = 2000
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        User.objects.bulk_create(
            [User(username=f"bench-learner-{start + offset + i}", password=password) for i in range(size)],
            batch_size=batch,
        )
        progress.update(offset + size)
    return list(User.objects.filter(username__startswith="bench-learner-").values_list("pk", flat=True))


def _events(count, learners, courses, out):
    try:
        ProgressEvent = apps.get_model("lessons", "ProgressEvent")
    except LookupError:
        return 0
    courses = [c for c in courses if c[1]]
    if not courses or not learners:
        return 0
    rng = random.Random(13)
    kinds = ["lesson_opened", "position", "position", "lesson_completed"]
    now = timezone.now()
    progress = Progress(out, "Progress events", count)
    batch = 10_000
    for offset in range(0, count, batch):
        rows = []
        for _ in range(min(batch, count - offset)):
            course_id, lesson_ids = rng.choice(courses)
            kind = rng.choice(kinds)
            rows.append(
                ProgressEvent(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    learner_id=rng.choice(learners),
                    course_id=course_id,
                    lesson_id=rng.choice(lesson_ids),
                    kind=kind,
                    position=rng.randint(0, 100) if kind == "position" else None,
                    client_timestamp=now - timedelta(minutes=rng.randint(0, 500_000)),
                )
            )
        ProgressEvent.objects.bulk_create(rows, batch_size=batch)
        progress.update(offset + len(rows))
    return count


def generate(scale=1.0, out=None, pages=None, learners=None, events=None, index=True):
    """Add the corpus (or what is missing of it: it is additive); returns what was created.

    ``pages``, ``learners``, ``events`` override the sizes that ``scale`` gives. The
    generated pages are put in the search index at the end (``index``)."""
    import sys

    from wagtail.search import index as search_index

    out = out or sys.stdout
    sizes = {k: max(1, int(v * scale)) for k, v in FULL.items()}
    for name, value in (("pages", pages), ("learners", learners), ("events", events)):
        if value is not None:
            sizes[name] = value
    sizes["courses"] = min(sizes["courses"], max(1, sizes["pages"] // 50))
    # Pages are indexed in bulk at the end, not one by one as they are saved.
    saved_hook = search_index.insert_or_update_object
    search_index.insert_or_update_object = lambda instance: None
    from wagtail.signal_handlers import disable_reference_index_auto_update

    try:  # cloned pages reference what their templates do: no reference index rows (as in bulk loads)
        with disable_reference_index_auto_update():
            courses = _courses(sizes["courses"], out)
            made, _, new_ids = _pages(max(0, sizes["pages"] - generated_count()), out)
    finally:
        search_index.insert_or_update_object = saved_hook
    new_ids += [pk for course, lessons in courses for pk in (course, *lessons)]
    if index and new_ids:
        index_pages(new_ids, out)
    learners_made = _learners(max(0, sizes["learners"] - _bench_learners()), out) if sizes["learners"] else []
    events_made = _events(sizes["events"], learners_made, courses, out) if sizes["events"] else 0
    from content.cache import bump

    bump()
    return {
        "scale": scale,
        "pages": generated_count(),
        "pages_added": len(new_ids),
        "pages_in_site": Page.objects.filter(depth__gt=1).count(),
        "courses": len(courses),
        "learners": len(learners_made),
        "events": events_made,
    }


def generated_count():
    """Generated pages in the database: cloned pages, courses and their lessons."""
    courses = Page.objects.filter(slug__startswith="bench-course-")
    lessons = courses.aggregate(n=Sum("numchild"))["n"] or 0
    return _existing_pages()[1] + courses.count() + lessons


def _bench_learners():
    return apps.get_model("auth", "User").objects.filter(username__startswith="bench-learner-").count()
