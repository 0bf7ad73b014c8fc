"""/api/v1/ endpoints of the search app (assembled by cms/api.py)."""

from ninja import Router

router = Router(tags=["search"])
