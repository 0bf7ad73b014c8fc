"""/api/v1/ endpoints of the lessons app (assembled by cms/api.py)."""

from ninja import Router

router = Router(tags=["lessons"])
