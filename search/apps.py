from django.utils.translation import gettext_lazy as _

from content.project import ProjectAppConfig


class SearchConfig(ProjectAppConfig):
    default = True
    name = "search"
    label = "search"
    verbose_name = _("Search")
    demo_order = 90  # after every other demo: their pages get facets and snippets
    api_router = "search.api.router"
    private_models = ("pagesearchdata",)  # written on publish, which invalidates already
    # The name-synonym snippet changes search results only: its writes bump
    # ``model:search.namesynonym``, which what reads synonyms depends on (search.synonyms).
    tagged_models = ("namesynonym",)

    def ready(self):
        from .indexing import connect

        connect()
