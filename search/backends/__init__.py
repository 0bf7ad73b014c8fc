"""Search backends that fold text the same way on every engine (see ``search.folding``)."""
