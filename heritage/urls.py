"""Language-prefixed URLs of the heritage app (included by cms/urls.py before the page catch-all)."""

urlpatterns = []
