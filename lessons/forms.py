"""Sign-up and sign-in forms of the learner site (username or phone, no e-mail).

The rules are ``lessons.learners.accounts``'s, shared with the API; a refused
sign-up or sign-in becomes a form error on the field it concerns.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from content.models import AdministrativeUnit

from .learners.accounts import (
    AccountError,
    authenticate_learner,
    check_new_account,
    check_signup_rate,
    create_learner,
)


class SignupForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=100)
    username = forms.CharField(
        label=_("Username"),
        max_length=40,
        required=False,
        help_text=_("Letters, digits and . _ - only. Or give a phone number below."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput, help_text=_("At least 8 characters.")
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        required=False,
        queryset=AdministrativeUnit.objects.filter(
            level__in=["commune", "ward", "township"], valid_to__isnull=True
        ).order_by("name"),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            check_signup_rate(self.request)
            data["username"], data["phone"] = check_new_account(
                data.get("username"), data.get("phone"), data.get("password")
            )
        except AccountError as exc:
            self.add_error(exc.field, exc.message)
        return data

    def save(self):
        data = self.cleaned_data
        try:
            return create_learner(
                data["username"],
                data["phone"],
                data["password"],
                display_name=data["display_name"],
                preferred_language=data["preferred_language"],
                commune=data.get("commune"),
            )
        except AccountError as exc:
            self.add_error(exc.field, exc.message)
            return None


class LoginForm(forms.Form):
    identifier = forms.CharField(label=_("Username or phone number"), max_length=40)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if not data.get("identifier") or not data.get("password"):
            return data
        try:
            self.user = authenticate_learner(self.request, data["identifier"], data["password"])
        except AccountError as exc:
            raise forms.ValidationError(exc.message) from None
        return data
