"""Language-prefixed URLs of the community app (before the page catch-all)."""

from django.urls import path

from .views import consultation_request

urlpatterns = [
    path("consultation/", consultation_request, name="community_consultation"),
]
