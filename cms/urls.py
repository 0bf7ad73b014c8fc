"""Root URLs. Public pages carry a language prefix (/vi/, /en/, /bdq/, /hre/, /hro/);
the admin, the APIs, the sitemap and robots.txt do not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content.urls import media_urlpatterns as content_media_urlpatterns
from sharing import urls as sharing_urls

from . import pwa, security
from . import views as site_views
from .api import api as api_v1
from .api_v2 import api_router
from .sitemaps import MultilingualSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("manifest.webmanifest", pwa.manifest, name="webmanifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
]

urlpatterns.append(path("api/v1/", api_v1.urls))
urlpatterns += sharing_urls.urlpatterns  # /catalog.jsonld, /data/<slug>.csv, dumps (no language prefix)

REPLACED = ("wagtail_serve", "wagtailcore_authenticate_with_password")  # by our own below

urlpatterns += i18n_patterns(
    path("", include("heritage.urls")),
    path("", include("lessons.urls")),
    path("", include("search.urls")),
    path("", include("community.urls")),
    path("", include("stats.urls")),
    path("", include(sharing_urls.site_urlpatterns)),
    path("site-map/", site_views.site_map, name="site_map"),
    path("offline/", pwa.offline_page, name="offline"),
    path("saved/", pwa.saved_page, name="saved"),
    # Wagtail's own utility URLs (password-protected pages, front-end login); the page
    # password form goes through cms.security, which limits guesses per client address.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        security.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *[
        p
        for p in wagtail_urls.urlpatterns
        if p.name not in ("wagtail_serve", "wagtailcore_authenticate_with_password")
    ],
    re_path(r"^((?:[\w\-]+/)*)$", site_views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

# Missing rendition files are regenerated on demand (content/renditions.py).
urlpatterns += content_media_urlpatterns

if settings.DEBUG or settings.SERVE_MEDIA:
    # Single-server installs (and the benchmark) serve uploads from Django;
    # larger ones put media on S3 or behind the web server instead.
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", site_views.serve_media))

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
