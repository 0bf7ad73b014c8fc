"""Language-prefixed URLs of the search app (included by cms/urls.py before the page catch-all)."""

urlpatterns = []
