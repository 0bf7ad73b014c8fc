"""Vocabulary shared by the community page types: topics, facets, helpers."""

from django.utils.translation import gettext_lazy as _

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


def split_list(value):
    """``"a, b,,c"`` → ``["a", "b", "c"]`` (comma-separated editor input)."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]
