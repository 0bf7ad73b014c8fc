"""Fixtures of the operations tests."""

from tests.ops.disk import small_disk  # noqa: F401 (a fixture: a small real tmpfs as MEDIA_ROOT)
