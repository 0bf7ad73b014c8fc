"""Full content dumps: ``/data/content-<locale>.jsonl.gz``, one line per public page
of that locale, each exactly the API's detail JSON (``/api/v1/<type>/{id}``) plus
``sync_cursor``: the sync feed's opaque cursor at the newest sync event when the dump
was made (the same on every line, and in the ``X-Sync-Cursor`` header). A new client
downloads the dump once, then reads ``/api/v1/sync?locale=<locale>&cursor=<sync_cursor>``.
The cursor carries the sync epoch: after a restore from a backup the feed answers it
410 ``cursor_expired`` and the dump is rebuilt (its meta names the epoch it was made in).

Built by a background task after each publish or unpublish, written to a
temporary file and renamed into place (a reader never sees half a dump). A view
that finds it missing or older than the sync log builds it in the request.
"""

import gzip
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from content.api.context import TYPES, ApiContext
from content.api.pages import detail_json_many
from content.api.sync import encode_cursor
from content.public import listed_pages
from content.sync import current_epoch, last_event_id


def dump_dir():
    return Path(getattr(settings, "SHARING_DUMP_DIR", "") or (Path(settings.MEDIA_ROOT) / "dumps"))


def dump_path(locale):
    return dump_dir() / f"content-{locale}.jsonl.gz"


def meta_path(locale):
    return dump_dir() / f"content-{locale}.meta.json"


def current_cursor():
    """(sync epoch, newest sync event id): what a dump is made at."""
    return current_epoch(), last_event_id()


def page_types(locale):
    """``{page id: PageType}`` of the listed pages of ``locale`` whose type has API endpoints."""
    rows = listed_pages(Page.objects.filter(locale__language_code=locale)).values_list("pk", "content_type_id")
    out = {}
    for pk, ct_id in rows:
        model = ContentType.objects.get_for_id(ct_id).model_class()
        spec = TYPES.get(model._meta.label_lower) if model else None
        if spec is not None:
            out[pk] = spec
    return out


def build_dump(locale):
    """Write the dump of ``locale`` atomically; returns (path, sync cursor, count)."""
    epoch, event_id = current_cursor()  # read first: a change made meanwhile is replayed by the feed
    cursor = encode_cursor(event_id, epoch=epoch)
    typed = page_types(locale)
    ctx = ApiContext.for_site(locale)
    found = detail_json_many(typed, ctx) if typed else {}
    prefix = b'{"sync_cursor":' + json.dumps(cursor).encode() + b","
    target = dump_path(locale)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".content-{locale}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
            for pk in sorted(found):
                out.write(prefix + found[pk][1:] + b"\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    meta = {"locale": locale, "epoch": epoch, "event": event_id, "sync_cursor": cursor, "pages": len(found)}
    tmp_meta = meta_path(locale).with_suffix(".tmp")
    tmp_meta.write_text(json.dumps(meta))
    os.replace(tmp_meta, meta_path(locale))
    return target, cursor, len(found)


def stored_meta(locale):
    try:
        meta = json.loads(meta_path(locale).read_text())
        return meta["epoch"], meta["event"], meta["sync_cursor"]
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def fresh_dump(locale):
    """(path, sync cursor, etag part) of a dump of the current epoch at least as new as
    the sync log; built here if not (a dump restored with the media is of an old epoch)."""
    meta = stored_meta(locale)
    epoch, event_id = current_cursor()
    if meta is not None and meta[0] == epoch and meta[1] >= event_id and dump_path(locale).exists():
        return dump_path(locale), meta[2], f"{meta[0]}-{meta[1]}"
    path, cursor, _count = build_dump(locale)
    return path, cursor, f"{epoch}-{event_id}"


def locales():
    return [code for code, _name in settings.LANGUAGES]
