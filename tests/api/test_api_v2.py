"""Wagtail's stock API v2: public pages only, the models' declared fields, no quiz answers."""

import pytest

PAGE_TYPES = [
    "heritage.StoryPage",
    "heritage.FestivalPage",
    "heritage.ProductPage",
    "heritage.PlacePage",
    "heritage.EthnicGroupPage",
    "lessons.CoursePage",
    "lessons.LessonPage",
    "content.SectionPage",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_lists_its_fields(api, heritage, sections, course, page_type):
    response = api.get("/api/v2/pages/", {"type": page_type, "fields": "*", "limit": 50})
    assert response.status_code == 200, response.content[:500]
    items = response.json()["items"]
    assert items
    for item in items:
        assert "summary" in item and "hero_thumbnail" in item
        assert item["id"] not in {
            heritage["draft"].pk,
            heritage["secret"].pk,
            sections["private"].pk,
            course["draft"].pk,
        }
        if page_type == "lessons.LessonPage":  # the quiz block's own API form: no answers
            assert "body" in item and '"correct"' not in str(item) and "feedback" not in str(item)
    if page_type == "heritage.StoryPage":
        story = next(i for i in items if i["id"] == heritage["story"].pk)
        assert story["topic"] == "architecture" and story["body"][0]["type"] == "paragraph"


def test_lesson_detail_never_shows_quiz_answers(api, course):
    pk = course["lessons"][1].pk
    response = api.get(f"/api/v2/pages/{pk}/")
    assert response.status_code == 200
    assert '"correct"' not in response.content.decode()
    assert api.get(f"/api/v2/pages/{course['draft'].pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"])
@pytest.mark.parametrize("offset", ["9223372036854775808", "2147483648", "-1", "abc"])
def test_an_offset_beyond_the_databases_is_a_400_not_a_500(api, heritage, path, offset):
    """Issue 16, case 13: the offset overflowed the query's integer on both databases."""
    response = api.get(path, {"offset": offset})
    assert response.status_code == 400, response.content
    assert "offset" in response.json()["message"]
    assert api.get(path, {"offset": "2147483647"}).status_code == 200
