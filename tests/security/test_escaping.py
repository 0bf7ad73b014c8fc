"""Hostile titles, summaries, image titles and filenames are shown escaped."""

import pytest
from django.core.files.base import ContentFile

from tests.factories import HeritageImageFactory, SectionPageFactory, png_bytes

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><script>alert(document.cookie)</script>",
    "<svg/onload=alert(1)>",
    "'';!--\"<XSS>=&{()}",
    "<iframe src=javascript:alert(1)>",
    "{{ request.META }}{% debug %}",
]
# What must never appear unescaped in the HTML.
DANGEROUS = ["<script>alert", "<img src=x", "<svg/onload", "<XSS>", "<iframe src=javascript"]


def _assert_escaped(html):
    for fragment in DANGEROUS:
        assert fragment not in html
    assert "HTTP_HOST" not in html  # the template tag was not executed


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_page_title_and_summary_are_escaped(client, home, hostile):
    SectionPageFactory(parent=home, title=hostile, slug="hostile", summary=hostile, show_in_menus=True)
    page_html = client.get("/vi/hostile/").content.decode()
    _assert_escaped(page_html)
    assert "&lt;" in page_html or "&#x27;" in page_html or "{%" in page_html
    _assert_escaped(client.get("/vi/").content.decode())  # menus and child lists


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", HOSTILE[:4])
def test_hostile_image_title_credit_and_filename_are_escaped(client, home, hostile):
    image = HeritageImageFactory(
        title=hostile,
        alt_text=hostile,
        credit=hostile,
        file=ContentFile(png_bytes((400, 300)), name=f"{hostile}.png"),
    )
    SectionPageFactory(parent=home, title="Ảnh", slug="anh", hero_image=image)
    html = client.get("/vi/anh/").content.decode()
    _assert_escaped(html)
    assert "<script" not in html.split("</head>", 1)[1].replace("<script src", "")


@pytest.mark.django_db
def test_hostile_search_query_is_escaped(client, home):
    for hostile in HOSTILE:
        response = client.get("/vi/search/", {"q": hostile})
        assert response.status_code in (200, 404)
        _assert_escaped(response.content.decode())
