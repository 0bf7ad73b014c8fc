"""Wagtail hooks of the heritage app: the seams it provides to other apps."""

from wagtail import hooks

from content import seams


@hooks.register(seams.PAGES_ABOUT_UNITS)
def heritage_pages_about_units(unit_ids):
    """Festivals, stories, products and places in these units, and the groups living there."""
    from django.db.models import Q
    from wagtail.models import Page

    from .models import EthnicGroupPage, FestivalPage, PlacePage, ProductPage, StoryPage

    about = Q()
    for model in (FestivalPage, PlacePage, ProductPage, StoryPage):
        about |= Q(pk__in=model.objects.filter(unit_id__in=unit_ids).values("pk"))
    about |= Q(pk__in=EthnicGroupPage.objects.filter(areas__in=unit_ids).values("pk"))
    return Page.objects.filter(about).values("pk")
