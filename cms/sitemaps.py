"""sitemap.xml over every language's tree, with hreflang alternates.

Wagtail's own sitemap only walks the default site's root (one language);
this one walks every translation of it and groups pages by translation key.
"""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from content.baseurl import absolute
from content.locales import spoken_languages
from content.public import public_pages


def sensitive_paths():
    """Tree paths of pages marked ``sensitive`` (any page type with that field: sensitive
    courses, community articles on sensitive topics). They and their children (a
    sensitive course's lessons) are ``noindex`` and stay out of the sitemap."""
    paths = []
    for model in get_page_models():
        if any(field.name == "sensitive" for field in model._meta.local_concrete_fields):
            paths += model.objects.filter(sensitive=True).values_list("path", flat=True)
    return paths


class MultilingualSitemap(Sitemap):
    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        qs = Page.objects.none()
        for root in roots:
            qs = qs | Page.objects.descendant_of(root, inclusive=True)
        sensitive = sensitive_paths()
        if sensitive:
            qs = qs.exclude(reduce(or_, (Q(path__startswith=path) for path in sensitive)))
        return public_pages(qs).select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        site = self.get_wagtail_site()
        root_url = site.root_url
        by_key = defaultdict(list)
        for item in pages:
            by_key[item.translation_key].append(item)
        # Pages heard in a language they are not written in (an approved recording:
        # content.locales) exist there too, at their path under that language's prefix.
        spoken = spoken_languages(pages)
        urls, last_mods = [], set()
        for item in pages:
            alternates = []
            for other in by_key[item.translation_key]:
                location = self._location(other, root_url)
                alternates.append({"location": location, "lang_code": other.locale.language_code})
                alternates += [
                    {"location": self._in_language(location, other, code), "lang_code": code}
                    for code in sorted(spoken.get(other.pk, ()))
                ]
            lastmod = item.last_published_at or item.latest_revision_created_at
            last_mods.add(lastmod)
            location = self._location(item, root_url)
            for code in [None, *sorted(spoken.get(item.pk, ()))]:
                urls.append(
                    {
                        "item": item,
                        "location": location if code is None else self._in_language(location, item, code),
                        "lastmod": lastmod,
                        "alternates": alternates if len(alternates) > 1 else [],
                    }
                )
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    @staticmethod
    def _in_language(location, page, code):
        """The page's address under another language's prefix (served by the fallback)."""
        marker = f"/{page.locale.language_code}/"
        head, found, tail = (location or "").partition(marker)
        return f"{head}/{code}/{tail}" if found else location

    def _location(self, page, root_url):
        url = page.get_url(self.request)
        if url and url.startswith("/"):
            url = absolute(url)  # the public base URL (content.baseurl), as every other output
        return url
