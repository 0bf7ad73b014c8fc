"""The kernel's app config: connects the sync log, background renditions and narration, the
editorial roles and the API fields' /api/v2/ serializers when Django starts."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .project import ProjectAppConfig


class ContentConfig(ProjectAppConfig):
    default = True
    name = "content"
    verbose_name = _("Shared content")
    demo_order = 0  # home pages and administrative units: other demos hang below them
    api_router = "content.api.endpoints.router"
    private_models = (
        "syncevent",
        "syncepoch",
        "heritagerendition",
        "pageaudio",
    )  # narration bumps its page's tags

    def ready(self):
        from wagtail.models import get_page_models

        from . import sync, tasks, translations
        from .api import fields
        from .roles import ensure_roles
        from .speech import tasks as speech_tasks

        fields.bind(get_page_models())  # computed API fields get their /api/v2/ serializer
        translations.connect()  # before the sync log reads whether a published page is public
        sync.connect()
        tasks.connect()  # renditions made in the background on image save and publish
        speech_tasks.connect()  # generated narration after publishing, removed on unpublish
        # Last app to migrate in a run still sees all permissions created.
        post_migrate.connect(ensure_roles, dispatch_uid="content_ensure_roles")
