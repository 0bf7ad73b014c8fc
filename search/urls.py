"""Language-prefixed URLs of the search app (included by cms/urls.py before the page catch-all)."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [path("search/", views.search_view, name="search")]
