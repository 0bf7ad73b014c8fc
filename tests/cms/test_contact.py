"""Who publishes the site and how to reach them (issue 18): a contact block in every
footer, never made-up details, and the dashboard asks until an editor has checked them."""

import pytest
from wagtail.models import Site

from cms.models import SiteContact
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _footer(client, url="/vi/"):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_until_checked_the_footer_says_the_details_are_being_completed(client, home):
    footer = _footer(client)
    assert "Liên hệ" in footer and "đang được cập nhật" in footer and "mailto:" not in footer
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher = "Ban Dân tộc tỉnh (mẫu)"
    contact.email = "lienhe@example.org"
    contact.save()
    assert "Ban Dân tộc tỉnh (mẫu)" not in _footer(client)  # entered but not checked yet


def test_checked_details_show_in_every_footer_at_once(client, home):
    assert "đang được cập nhật" in _footer(client)  # kept by the footer's cache...
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher = "Ban Dân tộc tỉnh (mẫu)"
    contact.phone = "0256 3 822 000"
    contact.email = "lienhe@example.org"
    contact.confirmed = True
    contact.save()
    footer = _footer(client)  # ...and made stale by the save
    assert "Đơn vị phát hành: <strong>Ban Dân tộc tỉnh (mẫu)</strong>" in footer
    assert 'href="tel:02563822000"' in footer and 'href="mailto:lienhe@example.org"' in footer
    assert "Ban Dân tộc tỉnh (mẫu)" in _footer(client, "/en/")


def test_the_dashboard_asks_for_the_details_until_they_are_checked(client, home):
    client.force_login(UserFactory(username="chief", is_superuser=True, is_staff=True))
    dashboard = client.get("/admin/").content.decode()
    assert 'id="contact-todo"' in dashboard and "/admin/settings/cms/sitecontact/" in dashboard
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.publisher, contact.confirmed = "Ban Dân tộc tỉnh (mẫu)", True
    contact.save()
    assert 'id="contact-todo"' not in client.get("/admin/").content.decode()
