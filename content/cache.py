"""The anonymous page/API cache's invalidation: per page, with one site-wide fallback.

A page change (publish, unpublish, move, slug change, delete, a live page saved
directly) bumps only the cache tags of that page (``page_tags``): kept responses
and values record the tags they read (``content.cachetags``) and only those
showing the page go stale. The rules are in ARCHITECTURE.md ("Cache invalidation").

Everything else that is public and not a page (images, documents, sites,
locales, redirects, snippets, settings, and every model of a project app)
bumps the one site-wide "content generation" that every key contains, except
models an app declares private (``private_models``: progress events,
enrolments, attempts, consultation requests, search data, sync events...),
which invalidate nothing, and models it declares tagged (``tagged_models``:
certificates), which bump only ``model:<label>``. Code that changes public
output through ``QuerySet.update()`` or bulk inserts (which send no signal)
calls ``bump()`` itself.

With a shared cache (Redis) the generation lives in the cache. With the
default per-process local-memory cache each gunicorn worker has its own cache,
so the generation is the modification time of a small stamp file that every
worker on the machine can see; bumping in one worker invalidates all of them.
"""

import copy
import hashlib

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from . import cachetags as tags_module
from .project import project_apps

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


SITE = tags_module.SITE  # the one generation of everything kept, bumped by writes no tag describes


def generation():
    """The current content generation, as a short string for cache keys: the generation
    of the ``site`` tag in the tag store (``content.cachetags``: Redis, or stamp files
    every worker on the machine sees)."""
    return str(tags_module.generations([SITE])[SITE])


def generation_and_writes():
    """``(generation(), writes generation)`` in one read: a kept response's hit needs
    both (the key, then ``cachetags.fresh``), and with Redis each read is a round trip
    (one ``MGET`` here instead of two; locally two ``stat()`` as before)."""
    found = tags_module.generations([SITE, tags_module.WRITES])
    return str(found[SITE]), found[tags_module.WRITES]


def bump(**kwargs):
    """Make every cached page and API response stale (signal-handler friendly)."""
    tags_module.bump(SITE)


def _on_model_change(sender, instance=None, **kwargs):
    bump()


def page_tags(page, path=None):
    """The tags a change to ``page`` makes stale: the page itself (its URLs, the
    cards and API items showing it), its translations' language links, the
    routes under it (``node:``), its parent's children (``kids:``), every list of its type (listings, API lists,
    calendars), search results, whatever depends on any page (sitemap, sync
    feed, views without tags), the menu for top-level sections, and what the
    page's own ``cache_tags()`` names (a heritage page: the pages that may list
    it as related)."""
    tags = {
        tags_module.ANY_PAGE,
        "search",
        f"page:{page.pk}",
        f"tr:{page.translation_key}",
        f"node:{path or page.path}",
        f"kids:{(path or page.path)[: -Page.steplen]}",  # the parent's children (and numchild)
    }
    try:
        tags.add(f"type:{page.specific_class._meta.label_lower}")
    except AttributeError:  # content type of a removed model
        pass
    if page.depth <= 3:
        tags.add("menu")
    specific = page if type(page) is not Page else None
    hook = getattr(specific, "cache_tags", None)
    if callable(hook):
        tags.update(hook())
    return tags


def route_tags(page):
    """What a route to ``page`` was made from: the page and each ancestor's place
    in the tree (a slug change or move above it bumps ``node:<ancestor path>``),
    and its children (a kept page knows how many it has)."""
    steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
    return [f"page:{page.pk}", f"kids:{page.path}", *(f"node:{page.path[:n]}" for n in steps)]


def _on_page_change(sender, instance=None, **kwargs):
    if instance is not None:
        tags_module.bump(*page_tags(instance))


# Fields Wagtail saves on a live page for drafts, locks and workflow: not public.
_DRAFT_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}
_moving = {}


def _on_page_saved(sender, instance=None, update_fields=None, **kwargs):
    # A live page saved directly (scripts, fixtures, tree fixes) changes what
    # the public sees without a publish signal; drafts only touch revisions.
    if not isinstance(instance, Page):
        return
    if instance.alias_of_id is not None:
        tags_module.bump("aliases")
    if instance.live and not (update_fields and set(update_fields) <= _DRAFT_FIELDS):
        tags_module.bump(*page_tags(instance))


def _on_page_deleted(sender, instance=None, **kwargs):
    tags = page_tags(instance)
    if instance.alias_of_id is not None:
        tags.add("aliases")
    tags_module.bump(*tags)


def _before_move(sender, instance=None, **kwargs):
    _moving[instance.pk] = instance.path
    tags_module.bump(*page_tags(instance))


def _after_move(sender, instance=None, **kwargs):
    old = _moving.pop(instance.pk, None)
    tags_module.bump(*page_tags(instance), *(page_tags(instance, old) if old else ()))


def _on_tagged_model_change(sender, instance=None, **kwargs):
    tags_module.bump(f"model:{sender._meta.label_lower}", tags_module.app_tag(sender._meta.app_label))


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
    page_published.connect(_on_page_change, dispatch_uid="pagecache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="pagecache_unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="pagecache_moving")
    post_page_move.connect(_after_move, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(_on_page_change, dispatch_uid="pagecache_slug")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="pagecache_deleted")
    post_save.connect(_on_page_saved, dispatch_uid="pagecache_page_saved_any")


def connect_models():
    """Connect save/delete of images, snippets, settings and listed models.

    Snippets register in their apps' ready(), so this runs on the first
    request (from the middleware) and at the end of CmsConfig.ready."""
    tagged = {f"{config.label}.{name}" for config in project_apps() for name in config.tagged_models}
    for model in _watched_models():
        label = model._meta.label_lower
        uid = f"pagecache_{label}"
        handler = _on_tagged_model_change if label in tagged else _on_model_change
        post_save.connect(handler, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(handler, sender=model, dispatch_uid=uid + "_delete")


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
    "site_map": "the human site map per host and language: sections and their pages (cms.templatetags.nharong)",
    "site_contact": "the footer's publisher and contact details per host (cms.templatetags.nharong)",
    "langs": "a page's language links (cms.templatetags.nharong)",
    "restricted_paths": "tree paths under a view restriction (content.public)",
    "alias_paths": "tree paths of alias pages (content.public)",
    "unfinished_translations": "ids of translated pages not yet translated enough (content.translations)",
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


# With nothing kept (FRAGMENT_CACHE_ENABLED=false, the benchmark's "cold"), a value is
# still computed once per GET request, not once per template tag that asks for it: the
# first request after a change computes each value once too, then reads it from the cache.
_per_request = Local()


def _start_request(sender=None, environ=None, **kwargs):
    method = (environ or {}).get("REQUEST_METHOD", "GET")
    _per_request.values = {} if method in ("GET", "HEAD") else None


request_started.connect(_start_request, dispatch_uid="content_cache_per_request")


def _computed_once(name, parts, compute):
    values = getattr(_per_request, "values", None)
    if values is None:  # outside a GET request (commands, tasks, writes): no reuse
        return compute()
    key = (name, repr(parts))
    if key not in values:
        values[key] = compute()
    return copy.deepcopy(values[key])


def fragment_cache_alias(request=None):
    """The cache a template's ``{% cache ... using=... %}`` should use: the
    default one, or a dummy one for previews (draft content must never be
    stored or served) and when fragment caching is switched off."""
    if not fragments_enabled() or getattr(request, "is_preview", False):
        return "nocache"
    return "default"


def _kept(value, collector, since):
    return (value, tags_module.generations(collector.tags), since)


def _served(entry):
    """The value of a kept ``(value, {tag: generation}, writes generation)`` entry if
    its tags are unchanged (replaying them into what is being computed now), else
    _MISSING."""
    if not isinstance(entry, tuple) or len(entry) != 3:
        return _MISSING
    value, recorded, since = entry
    if not tags_module.fresh(recorded, since=since):
        return _MISSING
    tags_module.depends_on(*recorded)
    return value


def memoize(name, parts, compute, timeout=None):
    """``compute()`` once for ``(name, parts)`` while what it read is unchanged.

    For data derived from many rows that every visitor sees alike (a page's
    route, the menu, related pages, language links): the key carries the
    site-wide generation, and the value records the cache tags read while it
    was computed (``content.cachetags``), so a change to a page it shows makes
    it stale, and its tags are replayed into the response that uses it. Values
    are pickled, and every get returns a fresh copy: plain data (ids, strings,
    dicts), or model instances loaded for the purpose (a route's page, a Site),
    never objects carrying per-request state.
    """
    if name not in KEPT:
        raise KeyError(f"Name what is kept in content.cache.KEPT first: {name!r}")
    if not fragments_enabled():
        return _computed_once(name, parts, compute)
    digest = hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()
    key = f"memo:{name}:{generation()}:{digest}"
    value = _served(cache.get(key, _MISSING))
    if value is _MISSING:
        since = tags_module.writes_generation()  # before anything is read
        with tags_module.collecting() as collector:
            value = compute()
        cache.set(key, _kept(value, collector, since), timeout or getattr(settings, "PAGE_CACHE_SECONDS", 600))
    return value


def memoize_many(name, parts, compute_missing, timeout=None):
    """``memoize`` for many values at once: ``parts`` maps each wanted id to
    its key parts; ``compute_missing(ids)`` returns ``{id: value}`` for those
    not cached (ids it leaves out are simply absent from the result). Values
    computed together record the tags of the whole batch."""
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
    result = {}
    for i, k in keys.items():
        value = _served(found.get(k, _MISSING))
        if value is not _MISSING:
            result[i] = value
    missing = [i for i in parts if i not in result]
    if missing:
        since = tags_module.writes_generation()
        with tags_module.collecting() as collector:
            fresh = compute_missing(missing)
        recorded = tags_module.generations(collector.tags)
        cache.set_many(
            {keys[i]: (v, recorded, since) for i, v in fresh.items()},
            timeout or getattr(settings, "PAGE_CACHE_SECONDS", 600),
        )
        result.update(fresh)
    return result
