"""The anonymous page/API cache's invalidation: one "content generation".

Every cache key contains the current generation; publishing, unpublishing,
moving, deleting or translating a page (or editing an image, a snippet, a site
setting) bumps it, so every cached page and API list is stale at once. This is
coarse but cannot miss a listing that shows the changed page, and it costs
one read per request.

With a shared cache (Redis) the generation lives in the cache. With the
default per-process local-memory cache each gunicorn worker has its own cache,
so the generation is the modification time of a small stamp file that every
worker on the machine can see; bumping in one worker invalidates all of them.

Saving or deleting any model of the project apps bumps too, except personal
or high-churn records (each app's ``private_models``: progress events, tokens...),
so a custom view over, say, certificates is never served stale. Code that
changes public output through ``QuerySet.update()`` or bulk inserts (which
send no signal) calls ``bump()`` itself.
"""

import functools
import hashlib
import os
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .project import project_apps

GENERATION_KEY = "pagecache:generation"

# Models whose changes alter public pages though no page is published.
ALWAYS_MODELS = [
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailredirects.redirect",
    "wagtaildocs.document",
    "taggit.tag",
]


def _shared_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    return "locmem" not in backend and "dummy" not in backend


def stamp_path():
    """Where the per-machine generation stamp lives (override: PAGE_CACHE_STAMP)."""
    explicit = getattr(settings, "PAGE_CACHE_STAMP", "") or os.environ.get("PAGE_CACHE_STAMP")
    db = str(settings.DATABASES["default"].get("NAME", ""))
    # An in-memory database is private to this process.
    return _stamp_path(explicit or "", db, os.getpid() if "memory" in db else 0)


@functools.lru_cache(maxsize=32)
def _stamp_path(explicit, db, pid):
    if explicit:
        return Path(explicit)
    if pid:
        db += f"|{pid}"
    digest = hashlib.sha1(f"{settings.BASE_DIR}|{db}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"nharong-pagecache-{digest}.stamp"


def generation():
    """The current content generation, as a short string for cache keys."""
    if _shared_cache():
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = time.time_ns()
            cache.add(GENERATION_KEY, value, None)
            value = cache.get(GENERATION_KEY, value)
        return str(value)
    try:
        return str(os.stat(stamp_path()).st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump(**kwargs):
    """Make every cached page and API response stale (signal-handler friendly)."""
    if _shared_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, time.time_ns(), None)
        return
    path = stamp_path()
    now = time.time_ns()
    try:
        previous = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        path.touch()
        previous = 0
    # Strictly increasing even if the clock is coarse or went backwards.
    stamp = max(now, previous + 1)
    os.utime(path, ns=(stamp, stamp))


def _on_model_change(sender, instance=None, **kwargs):
    bump()


def _on_page_saved(sender, instance=None, **kwargs):
    # A live page saved directly (scripts, fixtures, tree fixes) changes what
    # the public sees without a publish signal; drafts only touch revisions.
    if isinstance(instance, Page) and instance.live:
        bump()


def _watched_models():
    """Models whose writes change what the public sees: images, documents, sites,
    snippets and settings, and every model of a project app except the ones it
    declares private (``ProjectAppConfig.private_models``). Pages have their own
    signals (publish, unpublish, move, delete; ``_on_page_saved``)."""

    labels = set(ALWAYS_MODELS) | {settings.WAGTAILIMAGES_IMAGE_MODEL.lower()}
    private = {f"{config.label}.{name}" for config in project_apps() for name in config.private_models}
    project_labels = {config.label for config in project_apps()}
    snippets = set(get_snippet_models())
    found = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in private or issubclass(model, Page):
            continue
        if (
            label in labels
            or model._meta.app_label in project_labels
            or model in snippets
            or issubclass(model, BaseSiteSetting | BaseGenericSetting)
        ):
            found.append(model)
    return found


def connect():
    """Connect the invalidation handlers (called from CmsConfig.ready)."""
    page_published.connect(_on_model_change, dispatch_uid="pagecache_published")
    page_unpublished.connect(_on_model_change, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_on_model_change, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(_on_model_change, dispatch_uid="pagecache_slug")
    post_delete.connect(_on_model_change, sender=Page, dispatch_uid="pagecache_deleted")
    post_save.connect(_on_page_saved, dispatch_uid="pagecache_page_saved_any")


def connect_models():
    """Connect save/delete of images, snippets, settings and listed models.

    Snippets register in their apps' ready(), so this runs on the first
    request (from the middleware) and at the end of CmsConfig.ready."""
    for model in _watched_models():
        uid = f"pagecache_{model._meta.label_lower}"
        post_save.connect(_on_model_change, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid=uid + "_delete")


# ---------------------------------------------------------------------------
# Derived data: routes, menus, related pages, rendered fragments
# ---------------------------------------------------------------------------

_MISSING = object()

# Everything kept per content generation, by name: the one list of what can go
# stale, and where it is kept. ``memoize`` refuses a name that is not here.
KEPT = {
    "site": "the request's Site (cms.middleware.site)",
    "route": "a path's route and page (cms.views)",
    "menu": "the main menu per host and language (cms.templatetags.nharong)",
    "langs": "a page's language links (cms.templatetags.nharong)",
    "restricted_paths": "tree paths under a view restriction (content.public)",
    "alias_paths": "tree paths of alias pages (content.public)",
    "apilist": "an API list's page of ids and count (content.api.pages)",
    "apiitem": "an API list item's JSON (content.api.pages)",
    "apidetail": "an API detail's JSON, also in the sync feed and bundles (content.api.pages)",
    "api_latest_change": "the lists' Last-Modified per language chain (content.api.pages)",
    "listing": "a heritage listing's ids per filter (heritage.models.index)",
    "group_choices": "the listings' people filter (heritage.filters)",
    "commune_choices": "the listings' place filter (heritage.filters)",
    "locale_ids": "locale ids of a language chain (search.service)",
    "facet_labels": "search facet labels (search.vocabulary)",
    "search_synonyms": "spellings of names, from the synonym snippet (search.synonyms)",
    "search_vocabulary": "known words for 'did you mean' (search.vocabulary)",
    "search_popular": "the most used facet values (search.vocabulary)",
}


def fragments_enabled():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def fragment_cache_alias(request=None):
    """The cache a template's ``{% cache ... using=... %}`` should use: the
    default one, or a dummy one for previews (draft content must never be
    stored or served) and when fragment caching is switched off."""
    if not fragments_enabled() or getattr(request, "is_preview", False):
        return "nocache"
    return "default"


def memoize(name, parts, compute, timeout=None):
    """``compute()`` once per content generation for ``(name, parts)``.

    For data derived from many rows that every visitor sees alike (a page's
    route, the menu, related pages, language links): the key carries the
    generation, so any publish, move, deletion or watched model change makes
    it stale together with the page cache. Values are pickled, and every get
    returns a fresh copy: plain data (ids, strings, dicts), or model instances
    loaded for the purpose (a route's page, a Site), never objects carrying
    per-request state.
    """
    if name not in KEPT:
        raise KeyError(f"Name what is kept in content.cache.KEPT first: {name!r}")
    if not fragments_enabled():
        return compute()
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    key = f"memo:{name}:{generation()}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout or getattr(settings, "PAGE_CACHE_SECONDS", 600))
    return value


def memoize_many(name, parts, compute_missing, timeout=None):
    """``memoize`` for many values at once: ``parts`` maps each wanted id to
    its key parts; ``compute_missing(ids)`` returns ``{id: value}`` for those
    not cached (ids it leaves out are simply absent from the result)."""
    if name not in KEPT:
        raise KeyError(f"Name what is kept in content.cache.KEPT first: {name!r}")
    if not fragments_enabled():
        return compute_missing(list(parts)) if parts else {}
    gen = generation()
    keys = {
        i: f"memo:{name}:{gen}:" + hashlib.md5(repr(p).encode(), usedforsecurity=False).hexdigest()
        for i, p in parts.items()
    }
    found = cache.get_many(list(keys.values())) if keys else {}
    result = {i: found[k] for i, k in keys.items() if k in found}
    missing = [i for i in parts if i not in result]
    if missing:
        fresh = compute_missing(missing)
        cache.set_many(
            {keys[i]: v for i, v in fresh.items()},
            timeout or getattr(settings, "PAGE_CACHE_SECONDS", 600),
        )
        result.update(fresh)
    return result
