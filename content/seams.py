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
