"""Language-prefixed URLs of the shared kernel (apps add their own includes
in cms/urls.py before the catch-all page route)."""

from django.urls import path

from .community.views import consultation_request

urlpatterns = [
    path("consultation/", consultation_request, name="community_consultation"),
]
