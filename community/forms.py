"""The public consultation request form and its spam protection.

No third-party service: a honeypot field people never see, a signed
timestamp (submissions faster than ``MIN_SECONDS`` after the form was shown,
or with a forged or stale stamp, are rejected), each stamp accepted once (it
carries a random nonce, spent in the shared ``limits`` cache when a request is
saved, so a replayed POST is refused on every worker) and a per-IP limit kept in the
cache (``RATE_LIMIT`` submissions per ``RATE_WINDOW`` seconds).
"""

import hashlib
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from content.clients import count, limits
from content.models import AdministrativeUnit

from .models.consultation import ConsultationRequest

MIN_SECONDS = 3
MAX_AGE = 24 * 3600
RATE_LIMIT = 5
RATE_WINDOW = 3600
STAMP_SALT = "content.consultation.stamp"

phone_validator = RegexValidator(r"^\+?[0-9 .]{8,15}$", _("Enter a phone number of 8 to 15 digits."))


def make_stamp(now=None):
    issued = int(now if now is not None else time.time())
    return signing.dumps({"t": issued, "n": secrets.token_urlsafe(9)}, salt=STAMP_SALT)


def spend_stamp(stamp):
    """Mark ``stamp`` used; False when it already was (a replay). Atomic in the shared
    cache (Redis ``SET NX`` or the database cache's insert), kept as long as a stamp lives."""
    key = "consultation-stamp:" + hashlib.sha256(stamp.encode()).hexdigest()[:40]
    return limits().add(key, 1, MAX_AGE + 60)


def stamp_age(stamp, now=None):
    """Seconds since the stamp was issued, or None if it is forged or unreadable."""
    try:
        issued = signing.loads(stamp, salt=STAMP_SALT)["t"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    return (now if now is not None else time.time()) - int(issued)


def rate_limited(ip):
    """Count one submission from ``ip``; True when it is over the limit."""
    return count(f"consultation-rate:{ip or 'unknown'}", RATE_WINDOW) > RATE_LIMIT  # shared by every worker


class ConsultationForm(forms.ModelForm):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    stamp = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ConsultationRequest
        fields = ["name", "phone", "commune", "preferred_language", "description"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 120}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }
        labels = {"description": _("Briefly, what is it about?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].max_length = 120
        self.fields["phone"].validators.append(phone_validator)
        self.fields["description"].max_length = 1000
        self.fields["commune"].queryset = AdministrativeUnit.objects.filter(
            valid_to__isnull=True, level__in=["commune", "ward", "township"]
        ).order_by("name")
        self.fields["preferred_language"].choices = settings.LANGUAGES
        if not self.is_bound:
            self.initial.setdefault("stamp", make_stamp())

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean_stamp(self):
        age = stamp_age(self.cleaned_data.get("stamp", ""))
        if age is None or age > MAX_AGE:
            raise forms.ValidationError(_("The form has expired. Please send it again."))
        if age < MIN_SECONDS:
            raise forms.ValidationError(_("That was very fast. Please check and send again."))
        return self.cleaned_data["stamp"]

    def clean(self):
        data = super().clean()
        # Spent last, only by a submission that is otherwise valid: a form sent back with
        # a mistake keeps its stamp for the corrected submission.
        if not self.errors and not spend_stamp(data["stamp"]):
            raise forms.ValidationError(_("This form has already been sent. Please fill it in again."))
        return data
