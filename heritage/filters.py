"""Choices of the heritage listings' filters (people, place), kept per content
generation: they change only when pages are published or moved."""

from django.apps import apps

from content.cache import memoize
from content.cachetags import depends_on
from content.locales import best_per_translation
from content.public import public_pages


def group_choices(locale):
    """``(code, title)`` of the public ethnic group pages, in the reader's language."""

    def compute():
        depends_on("type:heritage.ethnicgrouppage")
        groups = public_pages(apps.get_model("heritage", "EthnicGroupPage").objects.all())
        pages = sorted(best_per_translation(groups, locale.language_code), key=lambda p: p.title.lower())
        return [(p.code, p.title) for p in pages]

    return memoize("group_choices", locale.language_code, compute)


def commune_choices(model):
    """``(code, name)`` of the units (and their parents) that public pages of ``model`` use."""
    return memoize("commune_choices", model._meta.label, lambda: _commune_choices(model))


def _commune_choices(model):
    depends_on(f"type:{model._meta.label_lower}")
    rows = (
        public_pages(model.objects.filter(unit__isnull=False))
        .values_list("unit__code", "unit__name", "unit__parent__code", "unit__parent__name")
        .distinct()
    )
    choices = {}
    for code, name, parent_code, parent_name in rows:
        choices[code] = name
        if parent_code:
            choices[parent_code] = parent_name
    return sorted(choices.items(), key=lambda item: item[1])
