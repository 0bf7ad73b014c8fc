"""The site's side of "Save for offline" (the service worker and ``static/js/offline.js``
do the keeping): the list of a course's files with their size, and who is signed in
on this browser, so that answers given offline are sent only for that learner."""

from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.http import require_GET

from .offline_files import course_files, offline_strings
from .pages import CoursePage


@require_GET
def course_files_json(request, course_id):
    """``/<lang>/learn/offline/courses/<id>/files.json``: the URLs to keep and their bytes.
    ``?light=1`` or ``Save-Data: on``: the smallest picture only. A sensitive course
    lists its files only with ``?sensitive=1`` (the learner ticked the box) and is never
    kept by a shared cache."""
    course = CoursePage.objects.filter(pk=course_id).first()
    save_data = request.headers.get("Save-Data", "").lower() == "on"
    light = request.GET.get("light") == "1" or save_data
    asked = request.GET.get("sensitive") == "1"
    data = course_files(course, light=light, include_sensitive=asked) if course else None
    if data is None:
        raise Http404
    data["strings"] = offline_strings()
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Save-Data"
    # The page cache's key has no Save-Data: a listing chosen by that header is not kept.
    personal = data["course"]["sensitive"] or (save_data and request.GET.get("light") != "1")
    response["Cache-Control"] = "private, no-store" if personal else "public, max-age=60"
    return response


@require_GET
def learner_json(request):
    """``/<lang>/learn/offline/me.json``: ``{learner, csrf}`` for the page's script. The
    token is the session's own CSRF token (as in any form of the site); private."""
    learner = request.user.pk if request.user.is_authenticated else None
    response = JsonResponse({"learner": learner, "csrf": get_token(request) if learner else None})
    response["Cache-Control"] = "private, no-store"
    return response
