"""Index pages that list one kind of heritage page with filters in the URL.

``?group=ba-na&topic=history&kind=brocade&commune=546&page=2``: every filter
combination is its own URL (bookmarkable, cacheable, crawlable). Unknown
filter values are a 404, never a 500.
"""

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from content import jsonld
from content.api.pages import count_and_page
from content.cache import memoize
from content.cachetags import depends_on, precise
from content.models import BasePage

from ..filters import commune_choices, group_choices
from .base import ranked_cards

LISTING_MODELS = {  # what an index lists → the page model's name (looked up, never imported here)
    "groups": "EthnicGroupPage",
    "stories": "StoryPage",
    "festivals": "FestivalPage",
    "products": "ProductPage",
    "places": "PlacePage",
}

PER_PAGE = 24


class _PageOfIds:
    """One page of a listing's ids with the listing's size, for a Paginator."""

    def __init__(self, count, ids):
        self.size, self.ids = count, ids

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        return self.ids


class HeritageIndexPage(BasePage):
    """Lists the heritage pages of one type in the visitor's language (with fallback)."""

    class Listing(models.TextChoices):
        GROUPS = "groups", _("Ethnic groups")
        STORIES = "stories", _("Stories")
        FESTIVALS = "festivals", _("Festivals")
        PRODUCTS = "products", _("Products")
        PLACES = "places", _("Places")

    listing = models.CharField(
        _("what this page lists"),
        max_length=16,
        choices=Listing.choices,
        help_text=_("Pages of this type are listed, from anywhere on the site."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("listing"), FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "heritage.EthnicGroupPage",
        "heritage.StoryPage",
        "heritage.FestivalPage",
        "heritage.ProductPage",
        "heritage.PlacePage",
    ]

    class Meta:
        verbose_name = _("heritage index page")

    def listed_model(self):
        return apps.get_model("heritage", LISTING_MODELS[self.listing])

    def filter_names(self):
        model = self.listed_model()
        names = []
        if model.__name__ != "EthnicGroupPage":
            names += ["group", "commune"]
        if hasattr(model, "topic"):
            names.append("topic")
        if hasattr(model, "kind") and model.__name__ != "FestivalPage":
            names.append("kind")
        return names

    def parse_filters(self, request):
        """The active filters from the query string; 404 for values that do not exist."""
        active = {}
        model = self.listed_model()
        for name in self.filter_names():
            value = request.GET.get(name, "").strip()
            if not value:
                continue
            if name == "group":
                allowed = {code for code, _label in group_choices(self.locale)}
            elif name == "commune":
                allowed = {code for code, _label in commune_choices(model)}
            else:
                allowed = {code for code, _label in model._meta.get_field(name).choices}
            if value not in allowed:
                raise Http404("Unknown filter value")
            active[name] = value
        return active

    def filtered_queryset(self, active):
        model = self.listed_model()
        qs = model.objects.all()
        if "group" in active:
            qs = qs.filter(groups__code=active["group"])
        if "commune" in active:
            code = active["commune"]
            qs = qs.filter(
                Q(unit__code=code)
                | Q(unit__parent__code=code)
                | Q(unit__successors__code=code)
                | Q(unit__parent__successors__code=code)
            )
        for name in ("topic", "kind"):
            if name in active:
                qs = qs.filter(**{name: active[name]})
        return ranked_cards(qs, self.locale.language_code)

    def page_of_ids(self, active, number):
        """``(count, [ids])`` of page ``number`` of the listing filtered by ``active``, in one
        query (a window count beside the ids: ``content.api.pages.count_and_page``), kept
        per content generation. The page's JSON-LD reads the first page from here too:
        filtering, translating and ordering every page of the type is the listing's cost,
        paid once. ``PageNotAnInteger``/``EmptyPage`` for a number that is no page."""
        if not str(number).isdigit():
            raise PageNotAnInteger(number)
        offset = (int(number) - 1) * PER_PAGE
        if offset < 0:
            raise EmptyPage(number)
        type_tag = f"type:{self.listed_model()._meta.label_lower}"

        def compute():
            depends_on(type_tag)
            return count_and_page(self.filtered_queryset(active), offset, PER_PAGE)

        language = self.locale.language_code
        return memoize("listing", (self.pk, language, sorted(active.items()), int(number)), compute)

    def get_context(self, request, *args, **kwargs):
        """The page of results as ids (memoised per content generation), the
        pages themselves and the filter choices lazily: the template keeps
        the rendered listing as a fragment, and then they are never loaded."""
        # The listing shows this page and pages of one type (any of them may
        # enter, leave or change it), nothing else that a page change touches.
        precise()
        depends_on(f"page:{self.pk}")
        context = super().get_context(request, *args, **kwargs)
        active = self.parse_filters(request)
        number = request.GET.get("page", "1")

        try:
            count, ids = self.page_of_ids(active, number)
            page_obj = Paginator(_PageOfIds(count, ids), PER_PAGE).page(number)
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404("No such page") from exc
        model = self.listed_model()

        def items():
            wanted = list(page_obj.object_list)
            found = model.objects.filter(pk__in=wanted).select_related("locale", "hero_image")
            found = {p.pk: p for p in found.prefetch_related("hero_image__renditions")}
            return [found[pk] for pk in wanted if pk in found]

        def filters():
            result = []
            for name in self.filter_names():
                if name == "group":
                    choices, label = group_choices(self.locale), _("People")
                elif name == "commune":
                    choices, label = commune_choices(model), _("Place")
                else:
                    field = model._meta.get_field(name)
                    choices, label = field.choices, field.verbose_name
                result.append({"name": name, "label": label, "choices": choices, "value": active.get(name, "")})
            return result

        context.update(
            items=SimpleLazyObject(items),
            page_obj=page_obj,
            filters=SimpleLazyObject(filters),
            active_filters=active,
        )
        return context

    def search_facets(self) -> dict[str, list[str]]:
        return {}

    def jsonld(self, request):
        """A ``CollectionPage`` listing its first page of items."""
        _count, ids = self.page_of_ids({}, 1)
        found = {p.pk: p for p in self.listed_model().objects.filter(pk__in=ids).select_related("locale")}
        return jsonld.collection(self, request, [found[pk].get_url(request) for pk in ids if pk in found])
