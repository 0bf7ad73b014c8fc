"""Models of the lessons app.

Learner accounts (profile, API tokens) are defined here; the page types live
in ``lessons/pages.py`` and the learner data (enrolments, progress events,
quiz attempts, certificates) in ``lessons/records.py``. Everything is
re-exported from this module so Django and other apps import one place.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _hash_token(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class AccessToken(models.Model):
    """A bearer token for the mobile app. Only its SHA-256 is stored, so a
    leaked database does not leak usable tokens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="access_tokens",
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=100, default="app")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self):
        return f"{self.user} · {self.name}"

    @classmethod
    def issue(cls, user, name="app"):
        """Create a token; return ``(token_obj, raw_token)``. The raw token is shown once."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, key_hash=_hash_token(raw), name=name)
        return token, raw

    @classmethod
    def authenticate(cls, raw):
        """The active user owning ``raw``, or None (revoked, unknown or inactive)."""
        if not raw or not isinstance(raw, str) or len(raw) > 200:
            return None
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class LearnerProfile(models.Model):
    """What a learner tells us about themselves. No e-mail: many learners have none."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    commune = models.ForeignKey(
        "content.AdministrativeUnit", verbose_name=_("commune"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="learners",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")

    def __str__(self):
        return self.display_name or self.user.get_username()

    @property
    def name(self):
        return self.display_name or self.user.get_username()


from .pages import CourseIndexPage, CoursePage, LessonPage  # noqa: E402
from .records import Certificate, Enrollment, ProgressEvent, QuizAttempt  # noqa: E402

__all__ = [
    "AccessToken", "LearnerProfile", "CourseIndexPage", "CoursePage", "LessonPage",
    "Certificate", "Enrollment", "ProgressEvent", "QuizAttempt",
]
