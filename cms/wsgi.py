import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")

from cms.middleware.pagecache import KeptResponses  # noqa: E402 - needs the settings module

# Kept pages are answered before Django's request cycle (see KeptResponses); the rest,
# and every request the page cache may not answer, goes to Django unchanged.
application = KeptResponses(get_wsgi_application())
