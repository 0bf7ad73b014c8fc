"""Login lockout (django-axes) per account, plus a limit per client address.

django-axes locks an account (``AXES_LOCKOUT_PARAMETERS = ["username"]``) after
``AXES_FAILURE_LIMIT`` failures, whoever tries. A client address is limited
separately and more loosely (``LOGIN_ADDRESS_ATTEMPTS`` per window, counted in the
shared ``limits`` cache by ``content.clients``), so guessing across many accounts is
slowed without five typos locking everyone behind one address (a school, a proxy).

Django's test client ``login()`` and some token views call ``authenticate()``
without a request; plain AxesStandaloneBackend raises for those. Every real login
form passes the request, so the limits apply to every web login.
"""

import hashlib

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from content.clients import client_address, count


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        if count(f"login:address:{address}", settings.LOGIN_WINDOW_SECONDS) > settings.LOGIN_ADDRESS_ATTEMPTS:
            raise PermissionDenied("Too many login attempts from this address.")
        return super().authenticate(request, username=username, password=password, **kwargs)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form (``/<lang>/_util/authenticate_with_password/…``) with a
    limit: ``PAGE_PASSWORD_ATTEMPTS`` wrong passwords per client address and restriction per
    ``LOGIN_WINDOW_SECONDS``, counted in the shared ``limits`` cache. Past it the form is
    shown again with an error (429) and the password is not even compared."""
    from django.shortcuts import get_object_or_404
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail import views as wagtail_views
    from wagtail.forms import PasswordViewRestrictionForm
    from wagtail.models import Page, PageViewRestriction

    from content.clients import limits

    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"pagepassword:{page_view_restriction_id}:{address}"
    if (limits().get(key) or 0) >= settings.PAGE_PASSWORD_ATTEMPTS:
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific

        class Refused(PasswordViewRestrictionForm):
            def clean_password(self):
                raise ValidationError(_("Too many attempts. Try again later."))

        form = Refused(request.POST, instance=restriction)
        form.is_valid()  # the error is shown, the password never compared
        action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        response["Retry-After"] = str(settings.LOGIN_WINDOW_SECONDS)
        return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code == 200:  # the form again: a wrong password
        count(key, settings.LOGIN_WINDOW_SECONDS)
    return response
