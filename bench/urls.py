"""The key URLs that the benchmark and the performance tests measure, found in
whatever the database holds (demo content, a generated corpus, test data)."""

from django.apps import apps

from content.public import public_pages


def _first(label, locale="vi"):
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return public_pages(model.objects.filter(locale__language_code=locale)).order_by("pk").first()


def _api_path(label):
    """The API list path of a page model, e.g. heritage.FestivalPage → /api/v1/festivals."""
    from importlib import import_module

    from django.conf import settings

    from content.api.pages import TYPES

    import_module(settings.ROOT_URLCONF)  # the apps' API modules register their page types
    spec = TYPES.get(label.lower())
    return f"/api/v1/{spec.path}" if spec is not None else None


def key_urls(locale="vi"):
    """name → URL for every key URL whose content exists."""
    urls = {"home": f"/{locale}/"}
    festival = _first("heritage.FestivalPage", locale)
    story = _first("heritage.StoryPage", locale)
    heritage = festival or story
    if heritage is not None:
        urls["heritage page"] = heritage.url
        urls["listing"] = heritage.get_parent().url
    lesson = _first("lessons.LessonPage", locale)
    if lesson is not None:
        urls["lesson page"] = lesson.url
    if "listing" not in urls:
        course_index = _first("lessons.CourseIndexPage", locale)
        if course_index is not None:
            urls["listing"] = course_index.url
    if heritage is not None:
        label = heritage.specific_class._meta.label
        api = _api_path(label)
        if api:
            urls["API list"] = f"{api}?locale={locale}"
            urls["API detail"] = f"{api}/{heritage.pk}?locale={locale}"
    urls["sync"] = f"/api/v1/sync?locale={locale}"
    urls["search"] = f"/{locale}/search/?q=cong+chieng"
    return urls


def _commune_path(locale):
    """The statistics profile of the commune with the most public values, as in bench.statsvalues."""
    try:
        data_value = apps.get_model("stats.DataValue")
    except LookupError:
        return None
    from django.db.models import Count

    busiest = (
        data_value.objects.approved()
        .filter(indicator__restricted=False, unit__valid_to__isnull=True)
        .values("unit__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__code")
        .first()
    )
    return f"/{locale}/statistics/communes/{busiest['unit__code']}/" if busiest else None


def lighthouse_urls(locale="vi"):
    """name → URL of the pages Lighthouse scores: the home page (also in Bahnar), a festival
    and its listing, a product, a course, a lesson (with a quiz when one has it), search
    results, a commune's statistics and the consultation form."""
    urls = {"home": f"/{locale}/"}
    for name, label in (
        ("festival", "heritage.FestivalPage"),
        ("product", "heritage.ProductPage"),
        ("course", "lessons.CoursePage"),
    ):
        page = _first(label, locale)
        if page is not None:
            urls[name] = page.url
    if "festival" in urls:
        urls["listing"] = _first("heritage.FestivalPage", locale).get_parent().url
    lesson = _first("lessons.LessonPage", locale)
    if lesson is not None:
        found = type(lesson).objects.filter(pk__in=_lesson_ids(locale)).order_by("pk").iterator()
        urls["lesson"] = next((p for p in found if _has_quiz(p)), lesson).url
    urls["search"] = f"/{locale}/search/?q=cong+chieng"
    commune = _commune_path(locale)
    if commune:
        urls["commune statistics"] = commune
    urls["Bahnar home"] = "/bdq/"
    urls["consultation"] = f"/{locale}/consultation/"
    return urls


def _lesson_ids(locale):
    model = apps.get_model("lessons.LessonPage")
    return (
        public_pages(model.objects.filter(locale__language_code=locale))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _has_quiz(lesson):
    return any(block.block_type == "quiz" for block in getattr(lesson, "body", []))
