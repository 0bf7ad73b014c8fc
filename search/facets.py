"""Facet counts in SQL: one ``GROUP BY`` instead of reading every candidate's facets.

A page's facets are ``PageSearchData.facets`` (``{name: [value, …]}``, JSON) and its
page type (the content type's model name). ``counts(ids, filters)`` counts, among
the pages ``ids`` (the ranked candidates of a search), the values of every facet
among the pages that pass every selected filter but that facet's own (so a selected
facet still offers the other values to switch to), and, when filters are selected,
which of ``ids`` pass them all: the rules ``search.service`` applied in Python,
now one query whatever the number of candidates. The JSON is read with
``json_each`` on SQLite and ``jsonb_each``/``jsonb_array_elements_text`` on
PostgreSQL; ``value_counts`` counts one facet over any page queryset (popular
topics).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page

from .models import FACET_NAMES, PageSearchData

TYPE = "type"
MATCHING = ""  # the name of the rows that list the pages passing every filter


def _q(name):
    return connection.ops.quote_name(name)


def _tables():
    return _q(Page._meta.db_table), _q(ContentType._meta.db_table), _q(PageSearchData._meta.db_table)


def _postgres():
    return connection.vendor == "postgresql"


def _pairs():
    """FROM items giving ``j.key`` (facet name) and ``v.value`` (one value) of ``d``."""
    if _postgres():
        return (
            "CROSS JOIN LATERAL jsonb_each(d.facets) j CROSS JOIN LATERAL jsonb_array_elements_text("
            "CASE WHEN jsonb_typeof(j.value) = 'array' THEN j.value ELSE '[]'::jsonb END) v"
        )
    return "JOIN json_each(d.facets) j JOIN json_each(CASE WHEN j.type = 'array' THEN j.value ELSE '[]' END) v"


def _values_of(name):
    """FROM items giving ``v.value`` for each value of facet ``name`` of ``d``."""
    assert name in FACET_NAMES  # inlined in the SQL
    if _postgres():
        return (
            f"CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(d.facets -> '{name}') = 'array' "
            f"THEN d.facets -> '{name}' ELSE '[]'::jsonb END) v"
        )
    path = f"'$.{name}'"
    array = f"CASE WHEN json_type(d.facets, {path}) = 'array' THEN d.facets ELSE '{{}}' END"
    return f"JOIN json_each({array}, {path}) v"


def _has(name):
    """SQL true when page ``p`` (its data ``d``, its type ``ct``) has value ``%s`` of ``name``."""
    if name == TYPE:
        return "ct.model = %s"
    assert name in FACET_NAMES  # inlined in the SQL
    if _postgres():
        return f"COALESCE(d.facets -> '{name}' ? %s, false)"
    return f"EXISTS (SELECT 1 FROM json_each(d.facets, '$.{name}') f WHERE f.value = %s)"


def _passing(filters, skip=None):
    """``(sql, params)``: every filter of ``filters`` but ``skip`` holds."""
    parts = [(_has(name), [value]) for name, value in filters.items() if name != skip]
    return " AND ".join(["1 = 1", *(sql for sql, _p in parts)]), [p for _s, params in parts for p in params]


def _select(head, ids, where, params, tail="", facet_pairs=False):
    """``(sql, params)`` of one part: ``head`` over the pages ``ids`` with their type
    ``ct`` and data ``d`` (every value of every facet of ``d`` with ``facet_pairs``)."""
    page, ctype, data = _tables()
    marks = ", ".join(["%s"] * len(ids))
    joins = f"LEFT JOIN {data} d ON d.page_id = p.id"
    if facet_pairs:
        joins = f"JOIN {data} d ON d.page_id = p.id {_pairs()}"
    sql = (
        f"SELECT {head} FROM {page} p JOIN {ctype} ct ON ct.id = p.content_type_id {joins} "
        f"WHERE p.id IN ({marks}) AND {where} {tail}"
    )
    return sql, [*ids, *params]


def counts(ids, filters):
    """``({name: {value: count}}, matching ids or None)`` among the pages ``ids``.

    ``filters``: ``{name: value}`` (``type`` or a facet name). The matching ids (in no
    order) are None when no filter is selected: every id matches. One query: the
    facet rows, the type rows and the matching ids are the parts of a ``UNION ALL``."""
    if not ids:
        return {}, ([] if filters else None)
    names = ", ".join(f"'{name}'" for name in FACET_NAMES)
    # each value row counts when its page passes every filter but its own facet's
    skips = [(name, *_passing(filters, skip=name)) for name in FACET_NAMES]
    own = "CASE j.key " + " ".join(f"WHEN '{name}' THEN ({sql})" for name, sql, _p in skips) + " END"
    own_params = [p for _n, _s, params in skips for p in params]
    parts = [
        _select(
            "j.key, v.value, COUNT(*)",
            ids,
            f"j.key IN ({names}) AND {own}",
            own_params,
            "GROUP BY j.key, v.value",
            facet_pairs=True,
        ),
        _select(f"'{TYPE}', ct.model, COUNT(*)", ids, *_passing(filters, skip=TYPE), "GROUP BY ct.model"),
    ]
    if filters:
        parts.append(_select(f"'{MATCHING}', CAST(p.id AS TEXT), 1", ids, *_passing(filters)))
    sql = " UNION ALL ".join(f"SELECT * FROM ({part}) u{n}" for n, (part, _p) in enumerate(parts))
    params = [p for _s, part_params in parts for p in part_params]
    found, matching = {}, ([] if filters else None)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in cursor.fetchall():
            if name == MATCHING:
                matching.append(int(value))
            else:
                found.setdefault(name, {})[value] = count
    return found, matching


def value_counts(name, pages):
    """``{value: count}`` of facet ``name`` over the pages of queryset ``pages``."""
    _page, _ctype, data = _tables()
    inner, inner_params = pages.order_by().values("pk").query.sql_with_params()
    sql = f"SELECT v.value, COUNT(*) FROM {data} d {_values_of(name)} WHERE d.page_id IN ({inner})"
    sql += " GROUP BY v.value"
    with connection.cursor() as cursor:
        cursor.execute(sql, inner_params)
        return dict(cursor.fetchall())
