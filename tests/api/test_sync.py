"""The offline sync feed: snapshot, deltas, tombstones, cursors."""

from wagtail.models import PageViewRestriction


def _sync(api, **params):
    response = api.get("/api/v1/sync", params)
    assert response.status_code == 200, response.content
    return response.json(), response


def _drain(api, locale="vi", cursor=None, limit=50):
    """Follow has_more to the end; return all items and the last cursor."""
    items = []
    while True:
        params = {"locale": locale, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        data, _ = _sync(api, **params)
        items += data["items"]
        cursor = data["next_cursor"]
        if not data["has_more"]:
            return items, cursor


def test_snapshot_has_every_public_page_of_the_locale_and_nothing_else(api, heritage, sections):
    items, _cursor = _drain(api, "vi", limit=2)
    ids = {i["id"] for i in items}
    for key in ("group", "place", "story", "festival", "product"):
        assert heritage[key].pk in ids
    assert sections["a"].pk in ids
    for key in ("draft", "secret"):
        assert heritage[key].pk not in ids
    assert sections["private"].pk not in ids and sections["draft"].pk not in ids
    assert all(i["action"] == "upsert" and i["page"]["served_locale"] == "vi" for i in items)
    story = next(i for i in items if i["id"] == heritage["story"].pk)
    assert story["content_type"] == "heritage.storypage"
    assert story["page"]["body"][0]["type"] == "paragraph"
    en_items, _ = _drain(api, "en")
    assert {i["id"] for i in en_items} == {heritage["group_en"].pk, sections["en"].pk}


def test_empty_delta_is_a_few_hundred_bytes(api, heritage):
    _items, cursor = _drain(api)
    data, response = _sync(api, locale="vi", cursor=cursor)
    assert data["items"] == [] and data["has_more"] is False and data["snapshot"] is False
    assert len(response.content) < 300, len(response.content)


def test_delta_after_change_unpublish_delete_and_move(api, heritage, home):
    _items, cursor = _drain(api)
    story, product, place = heritage["story"], heritage["product"], heritage["place"]
    story.title = "Nhà rông (sửa)"
    story.save_revision().publish()
    story.save_revision().publish()  # two events, one item
    product.unpublish()
    place_pk = place.pk
    place.delete()
    heritage["festival"].move(heritage["secret"].get_parent(), pos="last-child")
    items, cursor2 = _drain(api, cursor=cursor)
    by_id = {i["id"]: i for i in items}
    assert len(items) == len(by_id) == 4
    assert by_id[story.pk]["action"] == "upsert"
    assert by_id[story.pk]["page"]["title"] == "Nhà rông (sửa)"
    for pk in (product.pk, place_pk, heritage["festival"].pk):
        assert by_id[pk]["action"] == "delete"
        assert "page" not in by_id[pk]
    assert by_id[place_pk]["content_type"] == "heritage.placepage"
    again, _ = _drain(api, cursor=cursor2)
    assert again == []


def test_restriction_makes_a_tombstone_and_publish_then_delete_collapses(api, heritage):
    from tests.factories import StoryPageFactory

    _items, cursor = _drain(api)
    PageViewRestriction.objects.create(page=heritage["group"], restriction_type="password", password="x")
    temp = StoryPageFactory(parent=heritage["index"], title="Tạm")
    temp_pk = temp.pk
    temp.delete()
    items, _ = _drain(api, cursor=cursor)
    by_id = {i["id"]: i["action"] for i in items}
    assert by_id == {heritage["group"].pk: "delete", temp_pk: "delete"}


def test_delta_paginates_with_has_more(api, heritage):
    _items, cursor = _drain(api)
    for key in ("story", "festival", "product"):
        heritage[key].save_revision().publish()
    first, _ = _sync(api, locale="vi", cursor=cursor, limit=2)
    assert first["has_more"] is True and len(first["items"]) == 2
    second, _ = _sync(api, locale="vi", cursor=first["next_cursor"], limit=2)
    assert second["has_more"] is False and len(second["items"]) == 1


def test_bad_cursor_and_params(api, db):
    for bad in ("nonsense", "eyJlIjoxfQ", ""):
        response = api.get("/api/v1/sync", {"locale": "vi", "cursor": bad + "x"})
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_cursor"
    assert api.get("/api/v1/sync?locale=zz").status_code == 400
    assert api.get("/api/v1/sync?limit=1000").json()["code"] == "invalid_limit"
    assert api.get("/api/v1/sync?since=1").json()["code"] == "unknown_parameter"
