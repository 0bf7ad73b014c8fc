"""/api/v1/ endpoints of the community information (policies, jobs, health, articles)."""

from ninja import Router

router = Router(tags=["community"])
