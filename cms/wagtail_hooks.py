"""Admin of the site shell: the dashboard asks for the publisher's details until an
editor has entered and checked them (``cms.models.SiteContact``)."""

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site


class ContactPlaceholderPanel(Component):
    order = 10

    def __init__(self, site):
        self.site = site

    def render_html(self, parent_context=None):
        from django.urls import reverse

        from .models import SiteContact

        url = reverse("wagtailsettings:edit", args=["cms", "sitecontact", self.site.pk])
        return format_html(
            '<section class="panel nice-padding help-block help-warning" aria-labelledby="contact-todo">'
            '<h2 id="contact-todo">{}</h2><p>{} <a href="{}">{}</a></p></section>',
            _("The publisher and contact details are still placeholders"),
            _("Visitors read that they are being completed. Fill them in, then tick “checked”."),
            url,
            SiteContact._meta.verbose_name.capitalize(),
        )


@hooks.register("construct_homepage_panels")
def ask_for_contact_details(request, panels):
    from .models import SiteContact

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    contact = SiteContact.objects.filter(site=site).first() if site is not None else None
    if site is not None and not (contact is not None and contact.ready):
        panels.insert(0, ContactPlaceholderPanel(site))
