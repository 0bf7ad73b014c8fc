"""Query expansion with the name-synonym snippet.

"bahnar" becomes ("bahnar" OR "bana" OR "ba na" …). Multi-word spellings are
matched greedily, longest first, in the folded query.
"""

from modelsearch.query import And, Or, PlainText

from content.cache import memoize
from content.cachetags import depends_on

from .folding import fold_query
from .models import NameSynonym

MAX_PHRASE = 5


SYNONYMS_TAG = "model:search.namesynonym"  # bumped by a snippet write (search.apps tagged_models)


def synonym_groups():
    """Folded spelling → all folded spellings of the same name (kept per content
    generation and per the snippet's tag, which the search results using it inherit:
    a synonym edit makes search stale and no page)."""
    return memoize("search_synonyms", (), _synonym_groups)


def _synonym_groups():
    depends_on(SYNONYMS_TAG)
    groups = {}
    for synonym in NameSynonym.objects.all():
        spellings = synonym.spellings()
        for spelling in spellings:
            groups.setdefault(spelling, [])
            for other in spellings:
                if other not in groups[spelling]:
                    groups[spelling].append(other)
    return groups


def query_units(text):
    """The folded query split into units: a word, or all spellings of a known name."""
    tokens = fold_query(text).split()
    groups = synonym_groups()
    units, i = [], 0
    while i < len(tokens):
        for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + size])
            if phrase in groups:
                units.append(groups[phrase])
                i += size
                break
        else:
            units.append([tokens[i]])
            i += 1
    return units


def build_query(units, operator="and"):
    """A backend query object for ``units`` (all units required, or any with ``or``)."""
    parts = []
    for spellings in units:
        alternatives = [PlainText(s, operator="and") for s in spellings]
        parts.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)
