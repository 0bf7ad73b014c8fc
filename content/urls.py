"""Language-prefixed URLs of the shared kernel (apps add their own includes
in cms/urls.py before the catch-all page route)."""

urlpatterns = []
