"""``GET|HEAD /api/v1/courses/{id}/bundle``: a course for offline use, as one zip
(built by ``lessons.api.offline``; see there for what it holds and how it is kept)."""

from ninja import Router

from content.api.context import ApiContext
from content.api.errors import api_error
from content.api.pages import get_public_translation
from content.api.params import LocaleQuery, check_params, request_locale
from content.api.responses import conditional_bytes
from content.api.schemas import ErrorOut

from .courses import COURSES
from .offline import course_bundle

router = Router(tags=["lessons"])


BUNDLE_DOCS = {
    "response": {304: None, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    "openapi_extra": {
        "responses": {
            "200": {
                "description": "application/zip",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
}


@router.api_operation(
    ["HEAD"],
    "/courses/{id}/bundle",
    operation_id="course_bundle_size",
    summary="Headers only: Content-Length is the size of the zip",
    **BUNDLE_DOCS,
)
def bundle_head(request, id: int, locale: str | None = LocaleQuery(), since: str | None = None):
    return bundle(request, id, locale, since)


@router.get(
    "/courses/{id}/bundle",
    operation_id="course_bundle",
    summary="The course as a zip for offline use",
    **BUNDLE_DOCS,
)
def bundle(request, id: int, locale: str | None = LocaleQuery(), since: str | None = None):
    check_params(request, {"locale", "since"})
    code = request_locale(locale)
    if since is not None and (len(since) != 32 or not all(c in "0123456789abcdef" for c in since)):
        raise api_error(400, "invalid_since")
    course = get_public_translation(COURSES, id, code)
    data, manifest, source = course_bundle(ApiContext.for_request(request, code), course, since)
    response = conditional_bytes(request, data, "application/zip", cache_control="public, max-age=300")
    response["Content-Disposition"] = f'attachment; filename="course-{course.pk}-{code}.zip"'
    response["X-Bundle-Hash"] = manifest["hash"]
    response["X-Bundle-Partial"] = "true" if manifest["partial"] else "false"
    response["X-Bundle-Build"] = source
    if response.status_code == 200:
        response["Content-Length"] = str(len(data))
    return response
