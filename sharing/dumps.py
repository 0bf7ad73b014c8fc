"""Full content dumps: ``/data/content-<locale>.jsonl.gz``, one line per public page
of that locale, each exactly the API's detail JSON (``/api/v1/<type>/{id}``) plus
``sync_cursor``: the id of the newest sync event when the dump was made. A new
client downloads the dump once, then reads ``/api/v1/sync?since=<sync_cursor>``.

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
from django.db.models import Max
from wagtail.models import Page

from content.api.context import TYPES, ApiContext
from content.api.pages import detail_json_many
from content.models import SyncEvent
from content.public import listed_pages


def dump_dir():
    return Path(getattr(settings, "SHARING_DUMP_DIR", "") or (Path(settings.MEDIA_ROOT) / "dumps"))


def dump_path(locale):
    return dump_dir() / f"content-{locale}.jsonl.gz"


def meta_path(locale):
    return dump_dir() / f"content-{locale}.meta.json"


def current_cursor():
    return SyncEvent.objects.aggregate(m=Max("id"))["m"] or 0


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
    """Write the dump of ``locale`` atomically; returns (path, cursor, count)."""
    cursor = current_cursor()  # read first: a change made meanwhile is replayed by the feed, never lost
    typed = page_types(locale)
    ctx = ApiContext.for_site(locale)
    found = detail_json_many(typed, ctx) if typed else {}
    prefix = b'{"sync_cursor":%d,' % cursor
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
    meta = {"locale": locale, "sync_cursor": cursor, "pages": len(found)}
    tmp_meta = meta_path(locale).with_suffix(".tmp")
    tmp_meta.write_text(json.dumps(meta))
    os.replace(tmp_meta, meta_path(locale))
    return target, cursor, len(found)


def stored_cursor(locale):
    try:
        return json.loads(meta_path(locale).read_text())["sync_cursor"]
    except (FileNotFoundError, ValueError, KeyError):
        return None


def fresh_dump(locale):
    """(path, cursor) of a dump at least as new as the sync log; built here if not."""
    cursor = stored_cursor(locale)
    if cursor is not None and cursor >= current_cursor() and dump_path(locale).exists():
        return dump_path(locale), cursor
    path, cursor, _count = build_dump(locale)
    return path, cursor


def locales():
    return [code for code, _name in settings.LANGUAGES]
