"""App config of the project package: connects the page cache's invalidation."""

from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Nhà Rông"

    def ready(self):
        from content import cache

        from . import checks  # noqa: F401 (registers the start-up checks)

        cache.connect()
        cache.connect_models()
