from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class StatsConfig(ProjectAppConfig):
    default = True
    name = "stats"
    label = "stats"
    verbose_name = _("Ethnic-affairs statistics")
    demo_order = 60
    api_router = "stats.api.router"
    # Data values are not private: approving one changes public pages, so saving any
    # value renews the page cache's generation (coarse, but never stale).
    private_models = ("historicaldatavalue", "reportercommune")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        post_migrate.connect(roles.ensure_stats_roles, sender=self)
