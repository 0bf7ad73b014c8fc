"""/api/v1/ endpoints of the heritage app (assembled by cms/api.py)."""

from ninja import Router

router = Router(tags=["heritage"])
