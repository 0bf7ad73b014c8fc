"""Back up or restore the database and the media files.

    python scripts/backup.py backup [--dest backups/]      (make backup)
    python scripts/backup.py restore backups/<stamp>        (make restore BACKUP=...)

SQLite is copied with SQLite's online backup API (consistent while the site
runs); PostgreSQL is dumped with ``pg_dump`` and restored with ``psql``. Media
go into ``media.tar.gz``. ``manifest.json`` records the engine and row counts
of pages, users and progress events so a restore can be checked.

A restore starts a new sync epoch (``finish_restore``): the sync log is rolled back
with the database and its event ids are handed out again, so every cursor a phone
holds from before is answered 410 ``cursor_expired`` ("start again") instead of an
empty delta forever over content the restore rolled back.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTED = ["wagtailcore.Page", "auth.User", "lessons.ProgressEvent", "content.SyncEvent"]


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()


def _pg_env(db):
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def counts():
    from django.apps import apps
    from django.db import DatabaseError

    out = {}
    for label in COUNTED:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        try:
            out[label] = model.objects.count()
        except DatabaseError:  # table not migrated yet
            continue
    return out


def backup(dest, connection=None, media_root=None):
    """Write a backup into ``dest`` (a new directory); returns its path."""
    from django.conf import settings
    from django.db import connection as default_connection

    connection = connection or default_connection
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(dest / "db.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        with open(dest / "db.sql", "wb") as out:
            subprocess.run(
                ["pg_dump", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--dbname", db["NAME"]],
                stdout=out,
                env=_pg_env(db),
                check=True,
            )
    else:
        raise SystemExit(f"Unsupported database engine: {connection.vendor}")
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(dest / "media.tar.gz", "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "counts": counts(),
    }
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return dest


def restore_database(source, db_settings):
    """Load the dump in ``source`` into the (empty or existing) database described
    by ``db_settings`` (a Django DATABASES entry)."""
    source = Path(source)
    engine = db_settings["ENGINE"]
    if (source / "db.sqlite3").exists():
        if "sqlite3" not in engine:
            raise SystemExit("This backup is SQLite; DATABASE_URL points elsewhere.")
        src = sqlite3.connect(source / "db.sqlite3")
        dst = sqlite3.connect(db_settings["NAME"])
        with dst:
            src.backup(dst)
        src.close()
        dst.close()
    elif (source / "db.sql").exists():
        if "postgresql" not in engine:
            raise SystemExit("This backup is PostgreSQL; DATABASE_URL points elsewhere.")
        subprocess.run(
            [
                "psql",
                "--quiet",
                "--set",
                "ON_ERROR_STOP=1",
                "--dbname",
                db_settings["NAME"],
                "--file",
                str(source / "db.sql"),
            ],
            env=_pg_env(db_settings),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        raise SystemExit(f"No database dump in {source}")


def restore_media(source, media_root):
    media_root = Path(media_root)
    archive = Path(source) / "media.tar.gz"
    if not archive.exists():
        return
    staging = media_root.parent / (media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(staging, filter="data")
    extracted = staging / "media"
    if media_root.exists():
        shutil.rmtree(media_root)
    if extracted.exists():
        extracted.rename(media_root)
    else:
        media_root.mkdir(parents=True)
    shutil.rmtree(staging, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backup")
    b.add_argument("--dest", default=str(ROOT / "backups"))
    r = sub.add_parser("restore")
    r.add_argument("source")
    args = parser.parse_args(argv)
    _setup()
    from django.conf import settings
    from django.db import connection

    if args.command == "backup":
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        path = backup(Path(args.dest) / stamp)
        print(f"Backup written to {path}: {json.loads((path / 'manifest.json').read_text())}")
        return
    source = Path(args.source)
    connection.close()
    restore_database(source, settings.DATABASES["default"])
    restore_media(source, settings.MEDIA_ROOT)
    expected = json.loads((source / "manifest.json").read_text())["counts"]
    found = counts()
    epoch = finish_restore()
    print(f"Restored {source}: expected {expected}, found {found}; sync epoch {epoch}")
    if any(found.get(k) != v for k, v in expected.items()):
        raise SystemExit("Row counts differ from the backup manifest.")


def finish_restore():
    """What follows loading a dump: a new sync epoch (old cursors expire) and a new
    content generation (nothing kept from before the restore is served). Returns the epoch."""
    from content.cache import bump
    from content.sync import new_epoch

    epoch = new_epoch()
    bump()
    return epoch


if __name__ == "__main__":
    main()
