"""Models of the lessons app (filled in by its issue)."""
