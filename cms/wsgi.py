import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
application = get_wsgi_application()

# Kept pages are answered before Django's request cycle (cms.middleware.pagecache).
from cms.middleware.pagecache import KeptResponses  # noqa: E402  (needs the settings above)

application = KeptResponses(application)
