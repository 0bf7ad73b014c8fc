"""The three ways the benchmark and the query tests run the site: settings (and
environment variables, same names) of the response cache and of what is kept
per content generation (content/cache.py)."""

MODES = {
    "cold": {"PAGE_CACHE_ENABLED": False, "FRAGMENT_CACHE_ENABLED": False},
    "uncached": {"PAGE_CACHE_ENABLED": False, "FRAGMENT_CACHE_ENABLED": True},
    "cached": {"PAGE_CACHE_ENABLED": True, "FRAGMENT_CACHE_ENABLED": True},
}
