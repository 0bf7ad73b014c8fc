"""Index entries restricted to a queryset, for both database backends.

The index stores object ids as text. ``entry.object_id IN (SELECT CAST(pk AS text)
FROM …)`` makes the engine build the whole queryset (every page) before it looks
at the matches; a correlated ``EXISTS`` with the entry's id cast back to the pk's
type lets it start from the matches and probe the pages by primary key.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast


def in_queryset(queryset, object_id):
    """``EXISTS (the queryset's row whose pk is the outer ``object_id``)``: the index
    stores ids as text, cast back to the pk's type so the pk index is probed."""
    pk_field = queryset.model._meta.pk
    outer = Cast(OuterRef(object_id), output_field=pk_field.target_field if pk_field.is_relation else pk_field)
    return Exists(queryset.order_by().filter(pk=outer).values("pk"))
