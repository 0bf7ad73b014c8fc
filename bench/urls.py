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


def lighthouse_urls(locale="vi"):
    """name → URL of the pages Lighthouse scores: home, a festival, a product,
    a course and a lesson."""
    urls = {"home": f"/{locale}/"}
    for name, label in (
        ("festival", "heritage.FestivalPage"),
        ("product", "heritage.ProductPage"),
        ("course", "lessons.CoursePage"),
        ("lesson", "lessons.LessonPage"),
    ):
        page = _first(label, locale)
        if page is not None:
            urls[name] = page.url
    return urls
