from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class HeritageConfig(ProjectAppConfig):
    default = True
    name = "heritage"
    label = "heritage"
    verbose_name = _("Heritage")
    demo_order = 20
    api_router = "heritage.api.router"
