"""Helpers for browser journeys through the Wagtail admin."""

import re

from tests.factories import UserFactory

PASSWORD = "correct-horse-42"  # tests.factories.UserFactory's


def admin_user(username, groups, language):
    """A user of ``groups`` whose admin speaks ``language`` (the journey asserts its labels)."""
    from wagtail.users.models import UserProfile

    user = UserFactory(username=username, groups=groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def log_in(tab, base, username):
    tab.goto(f"{base}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))
