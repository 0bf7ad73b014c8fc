"""Wagtail hooks of the content app: the public rule at serve time, and the editors'
dashboard panels the kernel knows about (``content.dashboard``)."""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is not public even before ``publish_scheduled``
    unpublishes it (``content.public``): the site says 404 like the API does."""
    if page.expire_at and page.expire_at <= timezone.now() and not getattr(request, "is_preview", False):
        raise Http404


@hooks.register("before_serve_document")
def refuse_documents_no_public_page_uses(document, request):
    """A document is served only if a public page uses it (a link, a chooser, a
    foreign key): one attached to a draft stays private until the page is published.
    Editors (admin access) get every document, for previews. Collection view
    restrictions are checked by Wagtail's own view before this hook runs; files under
    ``/media/documents/`` are never served directly (``cms/urls.py``, README)."""
    from wagtail.documents import get_document_model

    from .api.images import used_on_public_pages

    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if not used_on_public_pages(get_document_model().objects.filter(pk=document.pk)).exists():
        raise Http404
    return None


@hooks.register("construct_homepage_panels")
def editors_dashboard(request, panels):
    """What waits for this editor (pages to review, and recordings for those who may review
    them) and what readers still get in Vietnamese."""
    from .dashboard import RecordingsPanel, ReviewPanel, TranslationsPanel
    from .recording_review import can_review

    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
    panels.append(ReviewPanel())
    if can_review(request.user):
        panels.append(RecordingsPanel())
    panels.append(TranslationsPanel())


@hooks.register("register_admin_urls")
def untranslated_pages_urls():
    from django.urls import path

    from .admin_views import untranslated_pages_view

    return [path("translations/missing/<str:code>/", untranslated_pages_view, name="content_untranslated_pages")]


# Recorded narration (content.admin_recordings): record, upload and review.


@hooks.register("register_admin_urls")
def register_recording_urls():
    from django.urls import path

    from . import admin_recordings

    return [
        path("recordings/", admin_recordings.index, name="content_recordings"),
        path("recordings/new/", admin_recordings.record, name="content_record"),
        path("recordings/<int:pk>/review/", admin_recordings.review, name="content_recording_review"),
    ]


@hooks.register("register_admin_menu_item")
def register_recordings_menu():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Recorded narration"), reverse("content_recordings"), name="recordings", icon_name="media", order=350
    )


@hooks.register("register_page_header_buttons")
def record_narration_button(page, user, view_name, next_url=None):
    """The "Record narration" button on the page's admin header, for narrated page types."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.widgets import Button

    from .admin_recordings import narrated

    if page.pk and narrated(page):
        yield Button(
            _("Record narration"),
            f"{reverse('content_record')}?page={page.pk}&language={page.locale.language_code}",
            icon_name="media",
            priority=80,
        )
