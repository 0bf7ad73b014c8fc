"""Human messages of the learner API's errors, kept in ``content`` so that one
catalogue (``content/locale``) holds every /api/v1/ message. Codes are stable;
messages are translated into the reader's language when the error is rendered.
"""

from django.utils.translation import gettext_lazy as _

from .api_utils import ApiError

MESSAGES = {
    "rate_limited": _("Too many attempts. Try again later."),
    "username_taken": _("This username is already taken."),
    "phone_taken": _("This phone number is already registered."),
    "invalid_credentials": _("The username, phone number or password is wrong."),
    "course_not_found": _("Course not found."),
    "lesson_not_found": _("Lesson not found."),
    "quiz_not_found": _("Quiz not found in this lesson."),
    "prerequisites_missing": _("Finish the required courses first."),
    "batch_too_large": _("Too many events in one batch; send at most 500."),
    "refused": _("The request was refused."),
    "certificate_not_found": _("No valid certificate has this code."),
    "invalid_since": _("since must be a manifest hash."),
}


def api_error(status, code, message_key=None, **kwargs):
    """``ApiError`` with the catalogued message for ``code`` (or ``message_key``)."""
    return ApiError(status, code, MESSAGES.get(message_key or code, MESSAGES["refused"]), **kwargs)
