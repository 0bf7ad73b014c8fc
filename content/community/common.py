"""Vocabulary shared by the community page types: topics, facets, helpers."""

from django.utils.translation import gettext_lazy as _

from ..locales import best_translation
from ..public import public_pages

TOPIC_CHOICES = [
    ("administration", _("Administration and local government")),
    ("agriculture", _("Farming and forests")),
    ("craft", _("Crafts and trades")),
    ("tourism", _("Community tourism")),
    ("culture", _("Culture and heritage")),
    ("digital", _("Information and technology")),
    ("employment", _("Work and income")),
    ("education", _("Education")),
    ("health", _("Health")),
    ("gender", _("Gender equality")),
    ("children", _("Children's rights")),
    ("rights", _("Rights and the law")),
]


def unit_code(unit):
    return unit.code if unit is not None else None


def localized_public(page, language_code=None):
    """The public translation of ``page`` the reader should see, or None."""
    if page is None:
        return None
    found, _served = best_translation(page, language_code, queryset_filter=public_pages)
    return found


def split_list(value):
    """``"a, b,,c"`` → ``["a", "b", "c"]`` (comma-separated editor input)."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]
