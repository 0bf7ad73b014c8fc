"""Wagtail's stock API v2 at /api/v2/ (pages, images, documents): configuration only.

Each page model's fields are its own ``api_fields`` (declared once, for this API
and /api/v1/; see ``content.api.fields``). Lesson bodies are safe here because the
quiz block's own API representation leaves out the answers.
"""

from django.urls import path
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from content.api.images import used_on_public_pages
from content.api.params import MAX_OFFSET
from content.public import public_pages


class BoundedPagination(WagtailPagination):
    """Wagtail's paging, with an offset the databases can take: a larger one overflowed
    the query's integer and answered 500 (issue 16, case 13); now a 400 like other bad
    parameters."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.lstrip("-").isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class JSON404Mixin:
    """Keep API 404s as JSON: LocaleMiddleware would redirect them to /vi/api/v2/…/
    (the page catch-all matches); under this module's URLconf it has nothing to try."""

    pagination_class = BoundedPagination

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
