"""How many matches the database backends score per search (issue 20, item 3).

Scoring (SQLite FTS5 ``bm25``, PostgreSQL ``ts_rank_cd``) costs per matching entry,
and a common word matches a share of the whole corpus: ranking every match made
search time grow with the corpus. Both backends therefore score a bounded window
of the matches, chosen without scoring, in index order:

* every entry whose **title** matches, the newest ``TITLE_WINDOW`` of them, and
* the newest ``RANK_WINDOW`` entries whose title or body matches,

"newest" meaning the highest FTS5 rowid on SQLite (the index entry's id: the order
pages were first indexed) and the highest page id on PostgreSQL (the order pages
were created). The window is taken in SQL (a ``LIMIT`` sub-query per arm, then the
rank over their union), in the same single query as before. SQLite walks the matches
newest first and counts only pages of the searched queryset (live, the reader's
languages); PostgreSQL takes the window among the entries of the searched page types
and checks the queryset within it (checking it first probed every match), so there an
unpublished page or one in another language also takes a place in the window.

The trade-off, plainly: when a search has more matches than the window, an older
page whose words appear only in its body is not scored, so it cannot be among the
candidates however well it would have ranked. Title matches are kept apart because
the search service puts them first (``search.service.title_bonus``). With fewer
matches than the window, every match is scored: results are exactly those of the
unbounded ranking. In the bench corpus (``bench/searchscale.py``) a common word
matches a third to a half of the pages, so the window applies from 800–1,200 pages.

Read at call time (``window.RANK_WINDOW``), so tests can make the window small.
"""

# matches (title or body) scored, newest first: a third more than the service's 300
# candidates (search.service.CANDIDATES), so that these are the best of a wider set;
# each more match scored costs (PostgreSQL's ts_rank_cd: ~10 µs per entry for a query
# with synonyms), which is what made search time grow with the corpus
RANK_WINDOW = 400
# title matches scored besides, newest first
TITLE_WINDOW = 150
