"""Every key page works under the CSP: no inline script (script-src 'self'),
no inline event handlers. Known offenders are listed so new ones fail."""

import re

import pytest
from django.test import override_settings

from bench.urls import key_urls
from tests.perf.test_queries import site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

# Reported to their owners: these inline scripts are blocked by the CSP.
KNOWN_INLINE = {
    "search": "templates/search/search.html: autocomplete script is inline",
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son(?:click|load|error|submit|change|input)=", re.I)


@pytest.mark.parametrize("name", ["home", "heritage page", "listing", "lesson page", "search"])
def test_page_has_no_inline_script(client, site, name):  # noqa: F811
    url = key_urls()[name]
    with override_settings(PAGE_CACHE_ENABLED=False):
        html = client.get(url).content.decode()
    offenders = INLINE_SCRIPT.findall(html) + EVENT_HANDLER.findall(html)
    if offenders and name in KNOWN_INLINE:
        pytest.xfail(KNOWN_INLINE[name])
    assert not offenders, offenders
