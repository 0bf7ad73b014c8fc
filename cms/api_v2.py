"""Wagtail's stock API v2 at /api/v2/ (pages, images, documents): configuration only.

``api_fields`` are attached here rather than in each app's models so the stock
API is configured in one reviewed place and no model file changes for it: Wagtail
only reads ``Model.api_fields``. A model that declares its own keeps them
(``_configure`` never overwrites). Lesson bodies are deliberately absent: their
quiz blocks carry the correct answers, which only the server may know (the
project API sends quizzes without them).
"""

from django.apps import apps
from django.urls import path
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from content.api.images import used_on_public_pages
from content.public import public_pages

COMMON = ["summary", "hero_image"]
STREAMS = ["body", "sources"]
EXTRA = {
    "content.homepage": ["intro"],
    "heritage.ethnicgrouppage": [
        "code",
        "endonym",
        "other_names",
        "language_name",
        "language_code",
        "language_family",
        "introduction",
        "history",
    ],
    "heritage.storypage": ["topic", "groups", "unit"],
    "heritage.festivalpage": [
        "groups",
        "unit",
        "ethnic_name",
        "calendar",
        "start_month",
        "start_day",
        "end_month",
        "end_day",
        "only_year",
        "season_text",
        "duration_days",
        "place",
        "what_happens",
        "who_may_attend",
        "etiquette",
    ],
    "heritage.productpage": [
        "groups",
        "unit",
        "kind",
        "producer",
        "materials",
        "process",
        "where_to_buy",
        "price_min",
        "price_max",
        "price_note",
    ],
    "heritage.placepage": [
        "groups",
        "unit",
        "kind",
        "latitude",
        "longitude",
        "coordinates_source",
        "address",
        "opening_hours",
        "access_notes",
        "ranking",
        "ranking_year",
    ],
    "heritage.heritageindexpage": ["listing", "intro"],
    "lessons.coursepage": [
        "audience",
        "level",
        "topic",
        "estimated_minutes",
        "outcomes",
        "pass_mark",
        "issues_certificate",
    ],
    "lessons.lessonpage": ["estimated_minutes", "audio", "audio_transcript"],
}
NO_STREAMS = {"lessons.lessonpage"}  # quiz answers live in the body
PROJECT_APPS = ("content", "heritage", "lessons")


def _field_names(model):
    return {f.name for f in model._meta.get_fields()}


def api_fields_for(model):
    label = model._meta.label_lower
    present = _field_names(model)
    names = [n for n in COMMON if n in present]
    names += [n for n in EXTRA.get(label, []) if n in present]
    if label not in NO_STREAMS:
        names += [n for n in STREAMS if n in present]
    fields = [APIField(name) for name in names]
    if "hero_image" in present:
        fields.append(
            APIField(
                "hero_thumbnail",
                serializer=ImageRenditionField("width-320|format-webp", source="hero_image"),
            )
        )
    return fields


def _configure():
    for model in apps.get_models():
        if (
            issubclass(model, Page)
            and model._meta.app_label in PROJECT_APPS
            and "api_fields" not in model.__dict__
        ):
            model.api_fields = api_fields_for(model)


_configure()


class JSON404Mixin:
    """Keep API 404s as JSON: LocaleMiddleware would redirect them to /vi/api/v2/…/
    (the page catch-all matches); under this module's URLconf it has nothing to try."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if response.status_code == 404:
            self.request._request.urlconf = __name__
        return response


class PublicPagesAPIViewSet(JSON404Mixin, PagesAPIViewSet):
    """Stock pages endpoint restricted by the project's one public rule."""

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class PublicUseMixin:
    """Images and documents are listed and retrievable only while a public page uses
    them: one used only on a draft, private or expired page stays hidden (404)."""

    def get_queryset(self):
        if not hasattr(self, "_public_use"):  # built once per request (the view asks twice)
            self._public_use = used_on_public_pages(super().get_queryset())
        return self._public_use.all()


class RightsImagesAPIViewSet(JSON404Mixin, PublicUseMixin, ImagesAPIViewSet):
    body_fields = ImagesAPIViewSet.body_fields + ["alt_text", "credit", "licence"]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["credit", "licence"]


class JSONDocumentsAPIViewSet(JSON404Mixin, PublicUseMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", RightsImagesAPIViewSet)
api_router.register_endpoint("documents", JSONDocumentsAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls)]  # see JSON404Mixin
