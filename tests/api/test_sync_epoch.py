"""Issue 16, case 17: a restore rolls the sync log back and hands its ids out again;
cursors carry the sync epoch, which the restore renews, so a phone holding a cursor
from before gets 410 ``cursor_expired`` and where to start again, never an empty
delta forever over content the restore rolled back."""

import gzip
import json

from content.models import SyncEvent
from scripts.backup import finish_restore
from tests.api.test_sync import _drain, _sync


def _expired(response, locale="vi"):
    assert response.status_code == 410, response.content
    body = response.json()
    assert body["code"] == "cursor_expired" and body["message"]
    assert body["detail"] == {"restart": f"/api/v1/sync?locale={locale}"}
    return body


def test_a_cursor_from_before_a_restore_expires_and_the_restart_is_a_snapshot(api, heritage):
    items, cursor = _drain(api)
    _sync(api, locale="vi", cursor=cursor)  # valid before the restore

    finish_restore()  # what `make restore` runs after loading the dump

    body = _expired(api.get("/api/v1/sync", {"locale": "vi", "cursor": cursor}))
    again, _response = _sync(api, locale="vi", limit=100)  # detail.restart: no cursor
    assert again["snapshot"] is True
    assert {i["id"] for i in again["items"]} == {i["id"] for i in items}
    assert body["detail"]["restart"].startswith("/api/v1/sync")


def test_a_snapshot_cursor_expires_too_and_english_readers_get_english(api, heritage):
    first, _response = _sync(api, locale="vi", limit=1)
    assert first["has_more"] is True
    finish_restore()
    response = api.get("/api/v1/sync", {"locale": "en", "cursor": first["next_cursor"]})
    assert "restored" in _expired(response, "en")["message"]


def test_reused_event_ids_without_a_new_epoch_still_expire(api, heritage):
    """A restore done by hand (psql, a copied SQLite file) does not renew the epoch:
    a cursor past the newest event of the log is from a history that is gone."""
    heritage["story"].save_revision().publish()
    _items, cursor = _drain(api)
    newest = SyncEvent.objects.order_by("-id").first()
    SyncEvent.objects.filter(pk=newest.pk).delete()  # the rollback
    _expired(api.get("/api/v1/sync", {"locale": "vi", "cursor": cursor}))


def test_the_content_dump_cursor_continues_the_feed_and_expires_on_restore(api, heritage):
    def dump():
        response = api.get("/data/content-vi.jsonl.gz")
        assert response.status_code == 200
        lines = gzip.decompress(b"".join(response.streaming_content)).decode().splitlines()
        cursors = {json.loads(line)["sync_cursor"] for line in lines}
        assert cursors == {response["X-Sync-Cursor"]}
        return response["X-Sync-Cursor"]

    cursor = dump()
    heritage["story"].title = "Nhà rông (sửa)"
    heritage["story"].save_revision().publish()
    delta, _response = _sync(api, locale="vi", cursor=cursor)
    assert [i["id"] for i in delta["items"]] == [heritage["story"].pk]

    finish_restore()
    _expired(api.get("/api/v1/sync", {"locale": "vi", "cursor": cursor}))
    fresh = dump()  # the dump kept from before (restored with the media) is rebuilt
    assert fresh != cursor
    assert _sync(api, locale="vi", cursor=fresh)[0]["items"] == []


def test_the_openapi_documents_the_410(api, db):
    schema = api.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/sync"]["get"]
    assert "410" in operation["responses"]
    assert "cursor_expired" in operation["description"]
