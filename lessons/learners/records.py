"""Learner data: enrolments, the append-only progress log, quiz attempts, certificates.

State (percent done, last position, completion) is never stored as a
mutable counter: ``lessons.learners.progress`` derives it from these rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L, 5/S or 8/B: readable aloud and from a blurry print.
CODE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"


def new_certificate_code():
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"NR-{chars[:4]}-{chars[4:]}"


class Enrollment(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True, db_index=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="unique_enrollment"),
        ]

    def __str__(self):
        return f"{self.learner} → {self.course}"


class ProgressEvent(models.Model):
    """One thing a learner did, as the client reported it. Never updated or deleted."""

    class Kind(models.TextChoices):
        LESSON_OPENED = "lesson_opened", _("lesson opened")
        POSITION = "position", _("position")
        LESSON_COMPLETED = "lesson_completed", _("lesson completed")
        QUIZ_SUBMITTED = "quiz_submitted", _("quiz submitted")

    uuid = models.UUIDField(_("client UUID"), unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="progress_events",
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        _("position (%)"),
        null=True,
        blank=True,
        help_text=_("How far into the lesson, 0–100."),
    )
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    client_timestamp = models.DateTimeField(_("client timestamp"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress event")
        verbose_name_plural = _("progress events")
        indexes = [
            models.Index(fields=["learner", "course"]),
            models.Index(fields=["lesson", "kind"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.lesson_id} ({self.uuid})"


class QuizAttempt(models.Model):
    """Answers graded on the server. ``results`` maps question id → answered right."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz_id = models.CharField(_("quiz block id"), max_length=64)
    event = models.OneToOneField(
        ProgressEvent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempt",
    )
    answers = models.JSONField(_("answers"), default=dict)
    results = models.JSONField(_("results per question"), default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["learner", "course", "passed"])]

    def __str__(self):
        return f"{self.learner} {self.quiz_id}: {self.score}%"


SENSITIVE_COURSE_TITLE = _("a course of Nhà Rông")


class Certificate(models.Model):
    code = models.CharField(_("code"), max_length=12, unique=True, default=new_certificate_code)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    # SET_NULL: a certificate outlives its course page (title and name are copied).
    course = models.ForeignKey(
        "lessons.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    learner_name = models.CharField(_("name on the certificate"), max_length=100)
    course_title = models.CharField(_("course title"), max_length=255)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="one_certificate_per_course"),
        ]

    def __str__(self):
        return self.code

    @property
    def public_course_title(self):
        """The course as anyone holding the code sees it (page, PDF, QR, public API):
        a sensitive course is not named there, only "a course of Nhà Rông", since a
        certificate is shown to others and its course page is ``noindex``. The learner's
        own records keep ``course_title``."""
        if self.course_id and getattr(self.course, "sensitive", False):
            return str(SENSITIVE_COURSE_TITLE)
        return self.course_title
