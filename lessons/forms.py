"""Sign-up and log-in with a username or a phone number; no e-mail."""

import hashlib
import re

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from content.models import AdministrativeUnit

from .models import LearnerProfile

PHONE_RE = re.compile(r"^\+?[0-9]{9,15}$")
LOGIN_FAILURES_ALLOWED = 10  # per identifier and address, per 15 minutes
LOGIN_FAILURE_WINDOW = 15 * 60


def normalize_phone(value):
    value = re.sub(r"[\s.\-()]", "", value or "")
    return value


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=100)
    username = forms.CharField(
        label=_("Username"), max_length=40, required=False,
        help_text=_("Letters, digits and . _ - only. Or give a phone number below."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput,
                               help_text=_("At least 8 characters."))
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    commune = forms.ModelChoiceField(
        label=_("Commune"), required=False,
        queryset=AdministrativeUnit.objects.filter(
            level__in=["commune", "ward", "township"], valid_to__isnull=True
        ).order_by("name"),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username and not re.fullmatch(r"[\w.\-]+", username):
            raise forms.ValidationError(_("Use only letters, digits and . _ -"))
        if username and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean_phone(self):
        phone = normalize_phone(self.cleaned_data["phone"])
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Enter a phone number of 9 to 15 digits."))
        if phone and LearnerProfile.objects.filter(phone=phone).exists():
            raise forms.ValidationError(_("This phone number is already registered."))
        return phone or None

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("username") and not data.get("phone"):
            raise forms.ValidationError(_("Give a username or a phone number."))
        if data.get("password"):
            user = User(username=data.get("username") or data.get("phone") or "")
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save(self):
        data = self.cleaned_data
        username = data["username"] or f"phone-{data['phone'].lstrip('+')}"
        user = User.objects.create_user(username=username, password=data["password"])
        LearnerProfile.objects.create(
            user=user, display_name=data["display_name"], phone=data["phone"],
            preferred_language=data["preferred_language"], commune=data.get("commune"),
        )
        return user


class LoginForm(forms.Form):
    identifier = forms.CharField(label=_("Username or phone number"), max_length=40)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        identifier = (data.get("identifier") or "").strip()
        password = data.get("password")
        if not identifier or not password:
            return data
        key = self._failure_key(identifier)
        if cache.get(key, 0) >= LOGIN_FAILURES_ALLOWED:
            raise forms.ValidationError(_("Too many attempts. Try again later."))
        username = identifier
        profile = LearnerProfile.objects.filter(phone=normalize_phone(identifier)).select_related(
            "user").first()
        if profile:
            username = profile.user.get_username()
        self.user = authenticate(self.request, username=username, password=password)
        if self.user is None:
            cache.add(key, 0, LOGIN_FAILURE_WINDOW)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, LOGIN_FAILURE_WINDOW)
            raise forms.ValidationError(_("Wrong username, phone number or password."))
        cache.delete(key)
        return data

    def _failure_key(self, identifier):
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        digest = hashlib.sha256(f"{identifier.lower()}|{address}".encode()).hexdigest()[:32]
        return f"lessons:login-failures:{digest}"
