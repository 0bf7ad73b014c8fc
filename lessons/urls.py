"""Language-prefixed URLs of the lessons app (included by cms/urls.py before the page catch-all)."""

urlpatterns = []
