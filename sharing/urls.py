"""URLs of the open data: files without a language prefix (mounted before the
page catch-all in ``cms/urls.py``) and the human pages with one (``site_urlpatterns``)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("catalog.jsonld", views.catalog, {"fmt": "jsonld"}, name="sharing_catalog_jsonld"),
    path("catalog.ttl", views.catalog, {"fmt": "ttl"}, name="sharing_catalog_ttl"),
    re_path(r"^data/content-(?P<locale>[a-z]{2,3})\.jsonl\.gz$", views.content_dump, name="sharing_dump"),
    re_path(r"^data/(?P<slug>[-a-z0-9]+)\.csv$", views.dataset_csv, name="sharing_csv"),
    path("data/<slug:slug>/datapackage.json", views.dataset_package, name="sharing_datapackage"),
]

site_urlpatterns = [
    path("data/", views.catalogue_page, name="sharing_catalogue"),
    path("data/<slug:slug>/", views.dataset_page, name="sharing_dataset"),
]
