"""Declared seams: how feature apps offer behaviour to each other without importing
each other (and without the kernel importing any of them).

A seam is a Wagtail hook (``wagtail.hooks``) whose name and contract are declared
here, once. The app that knows registers a function in its ``wagtail_hooks.py``::

    @hooks.register(seams.COMPLETED_COURSE_KEYS)
    def completed_course_keys(user): ...

and the app that asks calls the helper below (``seams.completed_course_keys(user)``).
With no provider installed the answer is empty, so an app works on its own.
"""

from wagtail import hooks

COMPLETED_COURSE_KEYS = "nharong_completed_course_keys"
"""``fn(user) -> set[UUID]``: translation keys of the courses ``user`` has completed."""

HOME_COMMUNE = "nharong_home_commune"
"""``fn(user) -> int | None``: the id of the ``content.AdministrativeUnit`` a user
says they live in (a learner's profile), or None."""


BODY_BLOCKS = "nharong_body_blocks"
"""``fn() -> [(name, block)]``: StreamField blocks an app adds to the shared body
(``content.blocks.BODY_BLOCKS``), e.g. the statistics app's indicator figure. Asked when a
StreamField first builds its block, after every app is ready; a block's ``deconstruct`` must
name only Wagtail's or the kernel's classes, so the migrations of the apps whose bodies carry
it never import the app that gave it."""

PAGES_ABOUT_UNITS = "nharong_pages_about_units"
"""``fn(unit_ids) -> QuerySet``: the ids (``.values("pk")``, not evaluated) of an app's
pages about the ``content.AdministrativeUnit`` rows with these ids (heritage pages, courses,
services…). The asker (the commune profile of ``stats``) reads them all in one query with
``pages_about_units``: public, listed, in the reader's language by the translation rule."""


def extra_body_blocks():
    found, names = [], set()
    for provider in hooks.get_hooks(BODY_BLOCKS):
        for name, block in provider() or ():
            if name not in names:
                names.add(name)
                found.append((name, block))
    return found


def pages_about_units(unit_ids, *, language_code=None, limit=30):
    """Public, listed pages about these units, best translation for the reader, by title:
    ``[Page]`` (not specific), in one query whatever the number of providers and pages.
    Each comes with its locale and content type, so its address
    (``content.locales.prefixed_url``) and its type (``page.content_type.model_class()``)
    cost no query, not even the one per type of Django's content-type cache in a new process."""
    from django.db.models import Q
    from wagtail.models import Page

    from .locales import localized
    from .public import listed_pages

    unit_ids = list(unit_ids)
    found = Q()
    for provider in hooks.get_hooks(PAGES_ABOUT_UNITS):
        ids = provider(unit_ids)
        if ids is not None:
            found |= Q(pk__in=ids)
    if not unit_ids or not found:
        return []
    pages = localized(listed_pages(Page.objects.filter(found)), language_code)
    return list(pages.select_related("locale", "content_type").order_by("title", "pk")[:limit])


def completed_course_keys(user):
    keys = set()
    for provider in hooks.get_hooks(COMPLETED_COURSE_KEYS):
        keys |= set(provider(user) or ())
    return keys


def home_commune_id(user):
    for provider in hooks.get_hooks(HOME_COMMUNE):
        found = provider(user)
        if found is not None:
            return found
    return None
