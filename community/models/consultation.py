"""Remote-consultation requests: personal data, encrypted, for Health staff only.

Name, phone and description are encrypted at rest with Fernet. The key comes
from ``CONSULTATION_ENCRYPTION_KEY`` (a Fernet key or any passphrase) or,
failing that, is derived from ``SECRET_KEY``. Requests older than
``CONSULTATION_RETENTION_DAYS`` (default 180) are hidden at query time and
removed by ``manage.py purge_consultations``. No API exposes this model.
"""

import base64
import datetime
import hashlib
import os
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HEALTH_STAFF = "Health staff"


def retention_days():
    value = getattr(settings, "CONSULTATION_RETENTION_DAYS", None)
    if value is None:
        value = os.environ.get("CONSULTATION_RETENTION_DAYS", "180")
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 180


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=retention_days())


@lru_cache(maxsize=4)
def _fernet_for(secret):
    try:
        return Fernet(secret.encode())
    except (ValueError, TypeError):
        digest = hashlib.sha256(("nharong-consultation:" + secret).encode()).digest()
        return Fernet(base64.urlsafe_b64encode(digest))


def fernet():
    secret = (
        getattr(settings, "CONSULTATION_ENCRYPTION_KEY", None)
        or os.environ.get("CONSULTATION_ENCRYPTION_KEY")
        or settings.SECRET_KEY
    )
    return _fernet_for(secret)


class EncryptedTextField(models.TextField):
    """Stores ``Fernet(key).encrypt(value)``; reads back plain text.

    A value that cannot be decrypted (key rotated) reads as an empty string
    rather than breaking the admin.
    """

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            return ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return fernet().encrypt(str(value).encode()).decode()


class ConsultationQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=retention_cutoff(now))

    def within_retention(self, now=None):
        return self.filter(created_at__gte=retention_cutoff(now))


class RetainedManager(models.Manager.from_queryset(ConsultationQuerySet)):
    """The default manager: never returns a request past its retention period."""

    def get_queryset(self):
        return super().get_queryset().within_retention()


class ConsultationRequest(models.Model):
    name = EncryptedTextField(_("name"))
    phone = EncryptedTextField(_("phone"))
    commune = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    description = EncryptedTextField(_("what it is about"))
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    objects = RetainedManager()
    all_objects = models.Manager.from_queryset(ConsultationQuerySet)()

    class Meta:
        db_table = "content_consultationrequest"
        ordering = ["-created_at"]
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        base_manager_name = "all_objects"
        default_permissions = ()  # access is decided by the Health staff group only

    def __str__(self):
        return _("Consultation request #%(id)s") % {"id": self.pk}


def is_health_staff(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=HEALTH_STAFF).exists()


def ensure_health_staff(**kwargs):
    """Create the Health staff group (with admin access) after every migrate."""
    from django.contrib.auth.models import Permission

    group, _created = Group.objects.get_or_create(name=HEALTH_STAFF)
    perm = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if perm is not None:
        group.permissions.add(perm)
