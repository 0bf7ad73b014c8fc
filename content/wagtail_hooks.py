"""Wagtail hooks of the content app: the public rule at serve time."""

from django.http import Http404
from django.utils import timezone
from wagtail import hooks


@hooks.register("before_serve_page")
def refuse_expired_pages(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is not public even before ``publish_scheduled``
    unpublishes it (``content.public``): the site says 404 like the API does."""
    if page.expire_at and page.expire_at <= timezone.now() and not getattr(request, "is_preview", False):
        raise Http404
