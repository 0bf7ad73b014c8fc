"""Files are whole or absent: one atomic write for every stored file, and storage
faults that become a 503, never a 500 or a half-written file.

``AtomicFileSystemStorage`` is the default storage when media is local
(``cms/settings.py``). Django's ``FileSystemStorage`` writes straight to the
final name, so a full disk leaves a zero-byte or truncated file there, and every
later reader (the rendition fallback, the front server, the course bundle, the
certificate PDF) takes it for the real thing. Here every file (uploads, Wagtail
renditions, course bundles, certificate PDFs) is written to a hidden temporary
name in the same folder, flushed to disk, checked against the size it should
have, and only then linked to its name. A failure removes the temporary file and
raises ``OSError``; readers see the old file or none.

``is_storage_fault`` names the errors that mean "the disk, not the request":
``cms.middleware.database`` answers them with the site's 503 page or, under
``/api/``, a JSON 503, both with ``Retry-After``. ``complete(storage, name)`` is
how a reader asks whether a stored file can be served (present and not empty).
"""

import errno
import os
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

# The disk (not the request) is at fault: full, read-only, over quota or failing.
FAULT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.ENOMEM, errno.EFBIG})


class IncompleteWrite(OSError):
    """What was written is not what was given (a short or empty write)."""

    def __init__(self, name, written, expected):
        super().__init__(errno.EIO, f"Incomplete write of {name}: {written} of {expected} bytes")


def is_storage_fault(exc):
    return isinstance(exc, OSError) and (isinstance(exc, IncompleteWrite) or exc.errno in FAULT_ERRNOS)


def complete(storage, name):
    """True if ``name`` is stored and not empty (no stored file is ever meant to be empty)."""
    try:
        return storage.exists(name) and storage.size(name) > 0
    except (OSError, NotImplementedError):
        return False


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` whose files appear at their name only once completely written."""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)

        expected = getattr(content, "size", None)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".partial-", suffix=".tmp")
        try:
            written = 0
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    if isinstance(chunk, str):
                        chunk = chunk.encode()
                    out.write(chunk)
                    written += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            if written == 0 or (expected is not None and written != expected):
                raise IncompleteWrite(name, written, expected)
            os.chmod(temporary, self.file_permissions_mode or (0o666 & ~_umask()))
            while True:
                try:
                    if self._allow_overwrite:
                        os.replace(temporary, full_path)
                    else:
                        os.link(temporary, full_path)  # fails if the name is taken: no overwrite
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")


def _umask():
    current = os.umask(0)
    os.umask(current)
    return current
