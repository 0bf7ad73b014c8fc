"""/api/v1/ endpoints of the course content: courses, lessons, a course's lessons.

Their fields are the page models' ``api_fields``; quiz blocks are sent without
correct answers or feedback (the quiz block's own API representation,
``lessons.blocks``); answers are graded on the server.
"""

from ninja import Router

from content.api.errors import invalid_filter
from content.api.pages import PageType, add_children_endpoint, add_page_endpoints

from ..pages import LEVELS, TOPICS, CoursePage, LessonPage

router = Router(tags=["lessons"])


def _choice(field, choices):
    values = [code for code, _label in choices]

    def apply(qs, value):
        if value not in values:
            raise invalid_filter(field, value, values)
        return qs.filter(**{field: value})

    return apply


COURSES = PageType(
    model=CoursePage,
    path="courses",
    tag="lessons",
    name="Course",
    filters={"topic": _choice("topic", TOPICS), "level": _choice("level", LEVELS)},
    filter_docs={
        "topic": ", ".join(code for code, _label in TOPICS),
        "level": ", ".join(code for code, _label in LEVELS),
    },
)
LESSONS = PageType(
    model=LessonPage,
    path="lessons",
    tag="lessons",
    name="Lesson",
    default_ordering="published",
)

add_page_endpoints(router, COURSES)
add_children_endpoint(
    router,
    COURSES,
    LESSONS,
    "lessons",
    summary="The lessons of a course, in order, in the best available translation",
)
add_page_endpoints(router, LESSONS)


def course_lessons(course):
    """The public lessons of ``course`` (a served translation), in order."""
    return list(course.public_lessons())
