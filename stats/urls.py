"""Language-prefixed URLs of the statistics pages (``/<lang>/statistics/``), before the page catch-all."""

from django.urls import path

from . import report_views, views

app_name = "stats"

urlpatterns = [
    path("statistics/", views.index, name="index"),
    path("statistics/indicators/<slug:code>/", views.indicator, name="indicator"),
    path("statistics/communes/<str:code>/", views.commune, name="commune"),
    path("statistics/reports/", report_views.reports, name="reports"),
    path("statistics/reports/<int:pk>.<str:kind>", report_views.report_file, name="report_file"),
]
