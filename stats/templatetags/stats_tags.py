from django import template

from ..charts import _number

register = template.Library()


@register.filter
def num(value):
    """A figure as people read it (narrow-space thousands, no trailing zeros); "–" for none."""
    return "–" if value is None else _number(value)
