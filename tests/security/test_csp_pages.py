"""Every key page works under the CSP: no inline script (script-src 'self'),
no inline event handlers."""

import re

import pytest
from django.test import override_settings

from bench.urls import key_urls
from tests.perf.test_queries import site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son(?:click|load|error|submit|change|input)=", re.I)


@pytest.mark.parametrize("name", ["home", "heritage page", "listing", "lesson page", "search"])
def test_page_has_no_inline_script(client, site, name):  # noqa: F811
    url = key_urls()[name]
    with override_settings(PAGE_CACHE_ENABLED=False):
        html = client.get(url).content.decode()
    offenders = INLINE_SCRIPT.findall(html) + EVENT_HANDLER.findall(html)
    assert not offenders, offenders
