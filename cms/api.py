"""Assembles /api/v1/ from the apps' routers; it defines no endpoint itself.

Each app owns ``<app>/api.py`` with a ninja ``router``; add it to ROUTERS.
"""

from ninja import NinjaAPI

from content.api import router as content_router
from content.community_api import router as community_router
from heritage.api import router as heritage_router
from lessons.api import router as lessons_router
from search.api import router as search_router

api = NinjaAPI(
    title="Nhà Rông API",
    version="1",
    description="Heritage, lessons and learner progress for the Nhà Rông mobile app.",
    urls_namespace="api-v1",
)

ROUTERS = [
    ("", content_router),
    ("", heritage_router),
    ("", lessons_router),
    ("", search_router),
    ("", community_router),
]

for prefix, router in ROUTERS:
    api.add_router(prefix, router)
