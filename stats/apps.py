from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class StatsConfig(ProjectAppConfig):
    default = True
    name = "stats"
    label = "stats"
    verbose_name = _("Ethnic-affairs statistics")
    demo_order = 60
    api_router = "stats.api.router"
    # Data values are not private: approving one changes public pages. Their writes
    # bump the tag ``app:stats`` only, which every query of these models records
    # (``content.cachetags.TaggedReadsManager``): what shows a figure goes stale
    # with it, the rest of the site stays kept.
    private_models = ("historicaldatavalue", "reportercommune")
    tagged_models = ("disaggregationoption", "indicator", "dataset", "datavalue", "periodicreport")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        post_migrate.connect(roles.ensure_stats_roles, sender=self)
