"""Models of the lessons app, for Django to find: the course pages
(``lessons.pages``) and the learner records (``lessons.learners``)."""

from .learners.accounts import AccessToken, LearnerProfile
from .learners.records import Certificate, Enrollment, ProgressEvent, QuizAttempt
from .pages import CourseIndexPage, CoursePage, LessonPage

__all__ = [
    "AccessToken",
    "LearnerProfile",
    "CourseIndexPage",
    "CoursePage",
    "LessonPage",
    "Certificate",
    "Enrollment",
    "ProgressEvent",
    "QuizAttempt",
]
