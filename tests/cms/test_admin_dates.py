"""Dates in the admin are typed and shown dd/mm/yyyy (issue 18): "03/12/2026" is 3 December."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class PickerForm(forms.Form):
    day = forms.DateField(widget=AdminDateInput())
    moment = forms.DateTimeField(widget=AdminDateTimeInput())


@pytest.mark.parametrize("language", ["vi", "en", "bdq"])
def test_the_admin_picker_reads_and_writes_day_first(language):
    with translation.override(language):
        form = PickerForm({"day": "03/12/2026", "moment": "03/12/2026 14:30"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 3)
        moment = form.cleaned_data["moment"]
        assert (moment.day, moment.month, moment.hour, moment.minute) == (3, 12, 14, 30)
        shown = str(PickerForm(initial={"day": datetime.date(2026, 12, 3)})["day"])
    assert 'value="03/12/2026"' in shown
    assert '"format": "d/m/Y"' in shown  # the picker's own format


def test_iso_dates_still_accepted():
    with translation.override("vi"):
        form = PickerForm({"day": "2026-12-03", "moment": "2026-12-03 14:30"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2026, 12, 3)


def test_policy_edit_form_shows_day_first(client, home):
    from wagtail.users.models import UserProfile

    from tests.factories import PolicyDocumentPageFactory, PolicyLibraryPageFactory

    user = UserFactory(username="bien-tap-ngay", is_superuser=True, is_staff=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "vi"
    profile.save()
    client.force_login(user)
    policy = PolicyDocumentPageFactory(parent=PolicyLibraryPageFactory(parent=home))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    assert 'value="14/10/2021"' in html  # issue_date 2021-10-14 from the factory


def test_learning_report_filter_uses_the_picker(client, home):
    user = UserFactory(username="bao-cao-ngay", is_superuser=True, is_staff=True)
    client.force_login(user)
    html = client.get(reverse("lessons_learning_report"), {"start": "03/12/2026"}).content.decode()
    assert 'type="date"' not in html
    assert 'value="03/12/2026"' in html
