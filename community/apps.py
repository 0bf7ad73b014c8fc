from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class CommunityConfig(ProjectAppConfig):
    """Policies and laws in plain words, job postings, health services and remote
    consultation requests, rights education and the voices of village leaders."""

    default = True
    name = "community"
    label = "community"
    verbose_name = _("Community information")
    demo_order = 70
    api_router = "community.api.router"
    private_models = ("consultationrequest",)

    def ready(self):
        from django.db.models.signals import post_migrate

        from .models.consultation import ensure_health_staff
        from .tasks import ensure_scheduled

        post_migrate.connect(ensure_health_staff, dispatch_uid="community_ensure_health_staff")
        post_migrate.connect(ensure_scheduled, sender=self, dispatch_uid="community_schedule_jobs")
