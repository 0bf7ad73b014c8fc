"""Who reviews recorded narration, and how they learn that a recording waits.

* ``REVIEW_PERMISSION`` (``content.review_pageaudio``, given to the Moderators by
  ``content.roles``) approves or rejects a recording; ``can_review(user)`` asks it.
* ``waiting()`` is the recordings waiting for review, oldest first: the dashboard panel
  "Bản ghi âm chờ duyệt" (``content.dashboard.RecordingsPanel``) lists them.
* ``submitted(row)``: a recording was just stored waiting for review (an upload or a
  recording made in the browser, ``content.recordings.store``); after the commit a
  background task (``notify_reviewers``, django-tasks) e-mails every active user who may
  review it (the permission directly, through a group, or as a superuser), except the
  person who recorded it, those without an e-mail address and those who turned off
  Wagtail's "submitted for moderation" notifications (``UserProfile.submitted_notifications``).
  One message per reviewer, in Vietnamese, naming the page, the language spoken and who
  recorded it, with an absolute link to the review screen (``content.baseurl``). The
  sound itself is never attached nor linked: it is heard in the admin. A recording
  approved at once (a Moderator's own) and approving or rejecting send nothing.

This module imports no other recording module (``content.recordings`` imports it).
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from .baseurl import absolute
from .locales import LANGUAGE_INFO
from .narration import PageAudio

logger = logging.getLogger(__name__)

REVIEW_PERMISSION = "content.review_pageaudio"
MAIL_LANGUAGE = "vi"


def can_review(user):
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


def waiting():
    """Recorded narration waiting for review, oldest first, with its page and author."""
    return (
        PageAudio.objects.filter(kind=PageAudio.Kind.RECORDED, status=PageAudio.Status.SUBMITTED)
        .select_related("page", "submitted_by")
        .order_by("created_at", "pk")
    )


def review_url(row):
    """Where ``row`` is heard and approved: the list of recordings, at its line."""
    return f"{reverse('content_recordings')}#recording-{row.pk}"


def language_name(code):
    """``Tiếng Ba Na`` for ``bdq`` (the code itself for a language the site does not know)."""
    return LANGUAGE_INFO.get(code, {}).get("name_vi", code)


def person_name(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def reviewers(exclude_user_id=None):
    """Active users who may review recordings (directly, through a group, or superusers: the
    permissions Django's ``ModelBackend`` gives) and want to be told, with an e-mail address."""
    users = (
        get_user_model()
        .objects.with_perm(
            REVIEW_PERMISSION,
            is_active=True,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .exclude(wagtail_userprofile__submitted_notifications=False)
    )
    if exclude_user_id is not None:
        users = users.exclude(pk=exclude_user_id)
    return users.order_by("pk")


def message(row):
    """``(subject, body)`` telling a reviewer that ``row`` waits, in the active language."""
    page = row.page.get_admin_display_title()
    language = language_name(row.language)
    subject = _("Recording waiting for review: %(page)s (%(language)s)") % {"page": page, "language": language}
    lines = [
        _("%(person)s recorded the page “%(page)s” in %(language)s.")
        % {"person": person_name(row.submitted_by), "page": page, "language": language[:1].lower() + language[1:]},
        _("The recording waits for your review: listen to it, then approve or reject it here:"),
        absolute(review_url(row)),
        "",
        _("You receive this e-mail because you may review recorded narration."),
        _("You can turn these e-mails off in your account settings (Notifications)."),
    ]
    body = "\n".join(lines) + "\n"
    return subject, body


@task()
def notify_reviewers(audio_id):
    """E-mail each reviewer once about recording ``audio_id`` if it still waits; returns
    how many messages were sent."""
    from wagtail.admin.mail import send_mail

    row = (
        PageAudio.objects.filter(pk=audio_id, kind=PageAudio.Kind.RECORDED, status=PageAudio.Status.SUBMITTED)
        .select_related("page", "submitted_by")
        .first()
    )
    if row is None:  # reviewed, or deleted, before the worker came to it
        return 0
    recipients = list(reviewers(exclude_user_id=row.submitted_by_id))
    if not recipients:
        return 0
    with override(MAIL_LANGUAGE):
        subject, body = message(row)
    sent = 0
    connection = get_connection()
    with connection:
        for user in recipients:
            try:
                sent += send_mail(subject, body, [user.email], connection=connection)
            except OSError:
                logger.warning("Could not tell user %s about recording %s", user.pk, row.pk, exc_info=True)
    return sent


def submitted(row):
    """``row`` was stored waiting for review: tell the reviewers once the commit is done."""
    pk = row.pk
    transaction.on_commit(lambda: notify_reviewers.enqueue(pk))
