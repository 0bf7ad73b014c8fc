"""Learner accounts: who a learner is (``LearnerProfile``), the app's bearer
tokens (``AccessToken``), and the rules of signing up and signing in that the
website's forms and the API share (one place, one set of limits).

A learner signs up with a username or a phone number (many have no e-mail) and
signs in with either. Guessing is slowed per account and per client address
(``login_throttle``); the admin's own lockout (django-axes) is separate.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.clients import client_address, count, limits

USERNAME_RE = re.compile(r"^[\w.\-]{3,40}$")
PHONE_RE = re.compile(r"^\+?[0-9]{9,15}$")
LOGIN_WINDOW = getattr(settings, "LEARNER_LOGIN_WINDOW_SECONDS", 15 * 60)
ACCOUNT_FAILURES_ALLOWED = getattr(settings, "LEARNER_ACCOUNT_FAILURES", 5)  # per account, per window
ADDRESS_ATTEMPTS_ALLOWED = getattr(settings, "LEARNER_ADDRESS_ATTEMPTS", 30)  # per client address, per window
SIGNUPS_ALLOWED = getattr(settings, "LEARNER_SIGNUPS_PER_ADDRESS", 10)  # per client address, per window


def _hash_token(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class AccessToken(models.Model):
    """A bearer token for the mobile app. Only its SHA-256 is stored, so a
    leaked database does not leak usable tokens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
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
            cls.objects.select_related("user").filter(key_hash=_hash_token(raw), revoked_at__isnull=True).first()
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
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="learner_profile",
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, unique=True, null=True, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    commune = models.ForeignKey(
        "content.AdministrativeUnit",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learners",
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


# ---------------------------------------------------------------------------
# Rules of signing up and signing in (the site's forms and the API call these)
# ---------------------------------------------------------------------------


class AccountError(Exception):
    """A refused sign-up or sign-in: ``code`` is stable (the API sends it), ``field``
    names the form field it belongs to, ``message`` is for people."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


MESSAGES = {
    "rate_limited": _("Too many attempts. Try again later."),
    "username_taken": _("This username is already taken."),
    # Says neither "registered" nor "free": see check_new_account.
    "phone_unavailable": _("An account cannot be made with this phone number. If you already have one, sign in."),
    "invalid_username": _("Use 3 to 40 letters, digits and . _ - only."),
    "invalid_phone": _("Enter a phone number of 9 to 15 digits."),
    "username_like_phone": _("A username may not look like a phone number: give it as the phone number."),
    "username_or_phone": _("Give a username or a phone number."),
    "invalid_credentials": _("The username, phone number or password is wrong."),
}


def refuse(code, field=None, message=None):
    return AccountError(code, message or MESSAGES[code], field)


def normalize_phone(value):
    """``"0905 123 456"`` → ``"0905123456"`` (spaces, dots, dashes and brackets go)."""
    return re.sub(r"[\s.\-()]", "", value or "")


def check_new_account(username, phone, password):
    """Validate a sign-up; returns ``(username, phone)`` cleaned, or raises
    ``AccountError`` (the first problem found)."""
    username = (username or "").strip()
    phone = normalize_phone(phone) or None
    if not username and not phone:
        raise refuse("username_or_phone")
    if username and not USERNAME_RE.match(username):
        raise refuse("invalid_username", "username")
    if username and PHONE_RE.match(normalize_phone(username)):
        raise refuse("username_like_phone", "username")
    if phone and not PHONE_RE.match(phone):
        raise refuse("invalid_phone", "phone")
    User = get_user_model()
    try:
        password_validation.validate_password(password, User(username=username or phone))
    except ValidationError as exc:
        raise AccountError("weak_password", " ".join(exc.messages), "password") from None
    if username and User.objects.filter(username__iexact=username).exists():
        raise refuse("username_taken", "username")  # usernames are chosen in public: say so
    if phone and LearnerProfile.objects.filter(phone=phone).exists():
        # A phone number is private. Without SMS verification a sign-up cannot hide that it
        # failed, so it says as little as it can: a generic answer (``phone_unavailable``),
        # after the same password hashing as a sign-up that succeeds, and each attempt
        # counts against the per-address sign-up limit (``check_signup_rate``).
        hash_dummy_password(password)
        raise refuse("phone_unavailable", "phone")
    return username, phone


def hash_dummy_password(password):
    """Do the work of hashing ``password`` and throw it away, so an answer that checks no
    real hash (unknown login, refused sign-up) costs what one that does costs (Django's
    ModelBackend does the same for unknown users)."""
    get_user_model()().set_password(password)


def create_learner(username, phone, password, display_name="", preferred_language=None, commune=None):
    """Create the user and their profile in one transaction (after ``check_new_account``)."""
    User = get_user_model()
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username or f"phone-{phone.lstrip('+')}", password=password)
            LearnerProfile.objects.create(
                user=user,
                display_name=display_name,
                phone=phone,
                preferred_language=preferred_language or settings.LANGUAGE_CODE,
                commune=commune,
            )
    except IntegrityError:  # taken by a concurrent sign-up
        raise refuse(
            "phone_unavailable" if phone else "username_taken", "phone" if phone else "username"
        ) from None
    return user


def _counter_key(kind, value):
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"learners:{kind}:{digest}"


def _count(key):
    return count(key, LOGIN_WINDOW)  # shared by every worker (content.clients)


def check_signup_rate(request):
    if _count(_counter_key("signup", client_address(request))) > SIGNUPS_ALLOWED:
        raise refuse("rate_limited")


def authenticate_learner(request, login, password):
    """The active user whose username or phone is ``login`` and whose password is
    ``password``; ``AccountError`` otherwise (``invalid_credentials``, or
    ``rate_limited`` past the limits per client address and per account)."""
    login = (login or "").strip()
    if _count(_counter_key("address", client_address(request))) > ADDRESS_ATTEMPTS_ALLOWED:
        raise refuse("rate_limited")
    account_key = _counter_key("account", login)
    if (limits().get(account_key) or 0) >= ACCOUNT_FAILURES_ALLOWED:
        raise refuse("rate_limited")
    User = get_user_model()
    user = (
        User.objects.filter(Q(username__iexact=login) | Q(learner_profile__phone=normalize_phone(login)))
        .order_by("pk")
        .first()
    )
    if user is None:
        hash_dummy_password(password)  # unknown and known logins take the same time
        valid = False
    else:
        valid = user.check_password(password) and user.is_active
    if not valid:
        _count(account_key)
        raise refuse("invalid_credentials", message=MESSAGES["invalid_credentials"])
    limits().delete(account_key)
    return user
