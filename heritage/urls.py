"""Language-prefixed URLs of the heritage app (before the page catch-all).

The calendar and map are views, not pages, so ``/<lang>/festivals/calendar/``
works in every language whatever the index pages are called.
"""

from django.urls import path

from . import views

app_name = "heritage"

urlpatterns = [
    path("festivals/calendar/", views.festival_calendar, name="festival_calendar"),
    path("festivals/calendar.ics", views.festival_calendar_ics, name="festival_calendar_ics"),
    path("places/map/", views.place_map, name="place_map"),
]
