"""Models of the heritage app (filled in by its issue)."""
