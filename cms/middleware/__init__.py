"""The project's middleware, one concern per module (as ``django/middleware/``).

Order in ``settings.MIDDLEWARE`` matters: ``security.SecurityHeadersMiddleware``
sits outside the cache so cached responses get fresh headers;
``pagecache.PageCacheMiddleware`` sits outside compression, so it stores each
encoding's final bytes and a hit skips sessions, CSRF, auth, the view and
compression altogether; ``site.CachedSiteMiddleware`` answers Wagtail's site
lookup from the kept copy; ``database.DatabaseUnavailableMiddleware`` turns a lost
database into the 503 page.
"""
