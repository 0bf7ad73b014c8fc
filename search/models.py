"""Models of the search app (filled in by its issue)."""
