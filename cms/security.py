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
from django.core.exceptions import PermissionDenied

from content.clients import client_address, count


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        if count(f"login:address:{address}", settings.LOGIN_WINDOW_SECONDS) > settings.LOGIN_ADDRESS_ATTEMPTS:
            raise PermissionDenied("Too many login attempts from this address.")
        return super().authenticate(request, username=username, password=password, **kwargs)
