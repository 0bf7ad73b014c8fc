"""The lessons app's /api/v1/ router (``LessonsConfig.api_router``): its parts, mounted."""

from ninja import Router

from . import auth, bundle, courses, learning

router = Router()
for part in (courses, auth, learning, bundle):
    router.add_router("", part.router)
