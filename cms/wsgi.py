import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
django_application = get_wsgi_application()  # sets Django up: the import below needs the apps

from cms.middleware.pagecache import KeptResponses  # noqa: E402

# Kept pages are answered before Django's request cycle (see KeptResponses); the rest,
# and every request the page cache may not answer, goes to Django unchanged.
application = KeptResponses(django_application)
