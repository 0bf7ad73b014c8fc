"""Wagtail's stock API v2 at /api/v2/ (pages, images, documents): configuration only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from content.public import public_pages


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Stock pages endpoint restricted by the project's one public rule."""

    def get_base_queryset(self):
        return public_pages(super().get_base_queryset())


class RightsImagesAPIViewSet(ImagesAPIViewSet):
    body_fields = ImagesAPIViewSet.body_fields + ["alt_text", "credit", "licence"]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["credit", "licence"]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", RightsImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
