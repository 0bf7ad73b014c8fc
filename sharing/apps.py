from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class SharingConfig(ProjectAppConfig):
    """Data sharing: the open-data catalogue (DCAT, Frictionless, CSV), agency clients
    with scoped OAuth2 access, the access log, aggregate endpoints, signed webhooks and
    the full content dumps. Sits above the feature apps and reads their public names."""

    default = True
    name = "sharing"
    label = "sharing"
    verbose_name = _("Data sharing")
    api_router = "sharing.api.router"
    # Clients, their log and their webhooks change nothing the public sees.
    private_models = (
        "apiclient",
        "accesslogentry",
        "webhooksubscription",
        "webhookdelivery",
        "webhookattempt",
    )

    def ready(self):
        from . import signals

        signals.connect()
