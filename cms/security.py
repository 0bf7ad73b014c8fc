"""Login lockout (django-axes) that tolerates callers without a request.

Django's test client ``login()`` and some token views call ``authenticate()``
without a request; plain AxesStandaloneBackend raises for those. Every real
login form passes the request, so lockout still applies to the web logins.
"""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
