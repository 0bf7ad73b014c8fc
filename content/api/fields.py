"""``ApiField``: a page model's API fields, declared once, on the model.

    class FestivalPage(HeritagePage):
        api_fields = HeritagePage.api_fields + [
            ApiField("ethnic_name"),
            ApiField("calendar"),
            ApiField("timing", str, value=festival_timing),
            ApiField("what_happens", detail=True),
        ]

Wagtail's /api/v2/ reads ``api_fields`` as it always does (an ``ApiField`` is an
``APIField``). /api/v1/ generates its list and detail schemas and values from the
same list (``content.api.pages.PageType``), the way Wagtail's API v3 generates
read schemas from ``api_fields``; plain ``APIField`` entries are for /api/v2/ only
(/api/v1/ has them in every item's summary). For /api/v1/ a field has:

* ``type``: by default from the model field (text → ``str``, numbers, dates,
  booleans, rich text → HTML ``str``, a document → ``DocumentOut``, a StreamField
  → its blocks' typed union, see ``content.api.blocks``);
* ``value(page, ctx)``: by default the attribute, converted as its type says
  (rich text with page links resolved, decimals as floats, documents and streams
  serialized);
* ``label=True``: also ``<name>_label``, the choice's text in the reader's language;
* ``detail=True``: only in the detail (and the sync feed), not in lists.

A field with a ``value`` is computed the same way for /api/v2/ (``bind``), so both
APIs show the same thing; the others are Wagtail's own serialization there.
"""

from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from pydantic import TypeAdapter
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField

from .blocks import rich_text, serialize_stream, stream_schema
from .context import ApiContext
from .images import document_data
from .schemas import DocumentOut

SIMPLE_TYPES = [
    (models.BooleanField, bool),
    (models.IntegerField, int),
    (models.DecimalField, float),
    (models.FloatField, float),
    (models.DateTimeField, datetime),
    (models.DateField, date),
    (models.CharField, str),
    (models.TextField, str),
    (models.UUIDField, str),
]


class ApiField(APIField):
    def __init__(self, name, type=None, value=None, *, detail=False, label=False, serializer=None):
        super().__init__(name, serializer=serializer)
        self.type = type
        self.value = value
        self.detail = detail
        self.label = label

    def __repr__(self):
        return f"<ApiField {self.name}{' detail' if self.detail else ''}>"


def model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_type(model, api_field):
    """The /api/v1/ type of ``api_field`` on ``model``."""
    if api_field.type is not None:
        return api_field.type
    field = model_field(model, api_field.name)
    if isinstance(field, StreamField):
        return list[stream_schema(field.stream_block)]
    if isinstance(field, RichTextField):
        return str
    if isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractDocument):
        return DocumentOut | None
    for field_class, python_type in SIMPLE_TYPES:
        if isinstance(field, field_class):
            return python_type | None if field.null else python_type
    raise TypeError(f"{model.__name__}.{api_field.name}: give ApiField a type (no default for {field!r})")


def field_value(model, api_field, page, ctx):
    """The /api/v1/ value of ``api_field`` for ``page``."""
    if api_field.value is not None:
        return api_field.value(page, ctx)
    field = model_field(model, api_field.name)
    value = getattr(page, api_field.name)
    if isinstance(field, StreamField):
        return serialize_stream(value, ctx)
    if isinstance(field, RichTextField):
        return rich_text(value, ctx)[0] if value else ""
    if isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractDocument):
        return document_data(ctx.base_url, value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def field_items(model, detail):
    """``(name, type, value function)`` of every /api/v1/ field of ``model``, in order."""
    items = []
    for api_field in getattr(model, "api_fields", ()):
        if not isinstance(api_field, ApiField) or (api_field.detail and not detail):
            continue

        def value(page, ctx, api_field=api_field):
            return field_value(model, api_field, page, ctx)

        items.append((api_field.name, field_type(model, api_field), value))
        if api_field.label:

            def label(page, ctx, name=api_field.name):
                return str(getattr(page, f"get_{name}_display")())

            items.append((f"{api_field.name}_label", str, label))
    return items


# ---------------------------------------------------------------------------
# /api/v2/: fields computed by this API appear there too
# ---------------------------------------------------------------------------


@cache
def _adapter(annotation):
    return TypeAdapter(annotation)


class ComputedField(serializers.Field):
    """A DRF field for Wagtail's /api/v2/ that computes an ``ApiField``'s value
    the way /api/v1/ does (JSON through the field's type)."""

    def __init__(self, model, api_field):
        super().__init__(source="*", read_only=True)
        self.model = model
        self.api_field = api_field

    def __deepcopy__(self, memo):
        # DRF copies declared fields per serializer; the declaration is shared, not copied.
        return ComputedField(self.model, self.api_field)

    def to_representation(self, page):
        ctx = ApiContext.for_request(self.context["request"], page.locale.language_code)
        value = field_value(self.model, self.api_field, page, ctx)
        adapter = _adapter(field_type(self.model, self.api_field))
        return adapter.dump_python(adapter.validate_python(value), mode="json")


def bind(models_with_fields):
    """Give every computed ``ApiField`` (one with a ``value``) its /api/v2/
    serializer. Called once the models are loaded (``ContentConfig.ready``)."""
    for model in models_with_fields:
        for api_field in getattr(model, "api_fields", ()):
            if isinstance(api_field, ApiField) and api_field.value is not None and api_field.serializer is None:
                api_field.serializer = ComputedField(model, api_field)
