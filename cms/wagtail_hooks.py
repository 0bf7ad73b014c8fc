"""Admin of the site shell: the dashboard asks for the publisher's details, item by item
(what is "to fill"), until an editor has entered and checked them (``cms.models.SiteContact``)
and an About page shows them (``SectionPage.shows_publisher``)."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Site


class ContactPlaceholderPanel(Component):
    """Says what is still to fill: the publisher's name (the footer and the About page show
    "being completed" until then), the contact details, the "checked" tick, and an About page
    that shows the publisher."""

    order = 10

    def __init__(self, site, contact):
        self.site = site
        self.contact = contact

    def todo(self):
        from content.models import SectionPage

        contact = self.contact
        items = []
        if contact is None or not contact.publisher:
            items.append(_("Publisher: to fill (the footer and the About page name no one until then)"))
        if contact is None or not (contact.address or contact.phone or contact.email):
            items.append(_("Address, phone or email: to fill"))
        if contact is None or not contact.confirmed:
            items.append(_("“Checked”: to tick once the details are real"))
        if not SectionPage.objects.live().filter(shows_publisher=True).exists():
            items.append(_("About page: none shows the publisher (its setting “says who publishes the site”)"))
        return items

    def render_html(self, parent_context=None):
        from django.urls import reverse

        from .models import SiteContact

        url = reverse("wagtailsettings:edit", args=["cms", "sitecontact", self.site.pk])
        return format_html(
            '<section class="panel nice-padding help-block help-warning" aria-labelledby="contact-todo">'
            '<h2 id="contact-todo">{}</h2><p>{} <a href="{}">{}</a></p><ul>{}</ul></section>',
            _("The publisher and contact details are still placeholders"),
            _("Visitors read that they are being completed. Fill them in, then tick “checked”."),
            url,
            SiteContact._meta.verbose_name.capitalize(),
            format_html_join("", "<li>{}</li>", ((item,) for item in self.todo())),
        )


@hooks.register("construct_homepage_panels")
def ask_for_contact_details(request, panels):
    from .models import SiteContact

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    contact = SiteContact.objects.filter(site=site).first() if site is not None else None
    if site is not None and not (contact is not None and contact.ready):
        panels.insert(0, ContactPlaceholderPanel(site, contact))
