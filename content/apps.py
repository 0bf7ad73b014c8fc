from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Shared content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sync, tasks
        from .roles import ensure_roles

        sync.connect()
        tasks.connect()  # renditions made in the background on image save and publish
        # Last app to migrate in a run still sees all permissions created.
        post_migrate.connect(ensure_roles, dispatch_uid="content_ensure_roles")
