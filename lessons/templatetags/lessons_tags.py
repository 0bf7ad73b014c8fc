"""Small template helpers for lesson pages: dict look-ups and the progress bar."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def contains(collection, item):
    return item in collection if collection else False
