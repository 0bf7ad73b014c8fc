"""Shared pieces: objects seen through folded search fields, and folded queries.

The database backends index what ``field.get_value(obj)`` returns; handing them
a view of the object whose search fields return folded text folds the index
without touching any app's model. Queries are folded in ``_search`` so that
``search()`` and ``autocomplete()`` (and Wagtail's admin search) agree.
"""

from django.utils.encoding import force_str
from django.utils.html import strip_tags
from modelsearch import index
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from ..folding import fold, fold_query


def to_text(value):
    """Any indexed value (str, list, dict, rich text…) as plain text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_tags(value) if "<" in value else value
    if isinstance(value, (list, tuple)):
        return " ".join(to_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(to_text(item) for item in value.values())
    return to_text(force_str(value))


class _FoldedMixin:
    def __init__(self, inner):
        self.__dict__.update(inner.__dict__)
        self._inner = inner

    def get_value(self, obj):
        return fold(to_text(self._inner.get_value(getattr(obj, "_folded_obj", obj))))


class FoldedSearchField(_FoldedMixin, index.SearchField):
    pass


class FoldedAutocompleteField(_FoldedMixin, index.AutocompleteField):
    pass


class FoldedRelatedFields(index.RelatedFields):
    def __init__(self, inner):
        super().__init__(inner.field_name, [fold_field(f) for f in inner.fields])
        self._inner = inner

    def get_value(self, obj):
        return self._inner.get_value(getattr(obj, "_folded_obj", obj))


def fold_field(field):
    if isinstance(field, index.SearchField):
        return FoldedSearchField(field)
    if isinstance(field, index.AutocompleteField):
        return FoldedAutocompleteField(field)
    if isinstance(field, index.RelatedFields):
        return FoldedRelatedFields(field)
    return field


class FoldedView:
    """``obj`` with folded search fields; every other attribute is the object's own."""

    def __init__(self, obj):
        self._folded_obj = obj
        self._fields = [fold_field(f) for f in obj.get_search_fields()]

    def get_search_fields(self):
        return self._fields

    def __getattr__(self, name):
        return getattr(self._folded_obj, name)


def fold_search_query(query):
    """A query string or query object with every text folded."""
    if isinstance(query, str):
        return fold_query(query)
    if isinstance(query, PlainText):
        return PlainText(fold_query(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(fold_query(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([fold_search_query(q) for q in query.subqueries])
    if isinstance(query, Not):
        return Not(fold_search_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(fold_search_query(query.subquery), query.boost)
    return query


class FoldingIndexMixin:
    def add_items(self, model, objs):
        return super().add_items(model, [FoldedView(obj) for obj in objs])


class FoldingBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = fold_search_query(query)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)
