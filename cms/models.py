"""Who publishes the site and how to reach them: one record per site, edited in
Settings → "Publisher and contact" and shown in every page's footer.

Until an editor has entered real details and ticked "checked", the footer says the
details are being completed and the admin dashboard asks for them: the site never
presents made-up contact details as real ones (issue 18).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

PUBLISHER_HELP = _("To fill: the agency in charge of the site. Shown in footers and the About page once checked.")


@register_setting(icon="mail")
class SiteContact(BaseSiteSetting):
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=PUBLISHER_HELP,
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    confirmed = models.BooleanField(
        _("checked"),
        default=False,
        help_text=_("Tick once these details are real; until then visitors read that they are being completed."),
    )

    panels = [
        FieldPanel("publisher"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("confirmed"),
    ]

    class Meta:
        verbose_name = _("publisher and contact")

    @property
    def ready(self):
        return self.confirmed and bool(self.publisher)
