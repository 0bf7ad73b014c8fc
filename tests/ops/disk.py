"""A small real file system for disk-full tests: a tmpfs the test mounts (root only).

``small_disk`` mounts a 2 MiB tmpfs as MEDIA_ROOT and skips with a reason when it
cannot (not root, no mount permission). ``fill()`` writes until the kernel answers
ENOSPC; ``free()`` removes what it wrote. Nothing is mocked: Django's storage, Pillow
and the ZIP writer meet a real full disk."""

import errno
import os
import subprocess

import pytest


class Disk:
    def __init__(self, root):
        self.root = root
        self.filler = root / ".filler"

    def fill(self):
        chunk = b"\0" * 4096
        with open(self.filler, "ab", buffering=0) as out:
            try:
                while True:
                    out.write(chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        # the last partial block may still fit small files: take it too
        for n in range(64):
            try:
                with open(self.root / f".filler-{n}", "wb", buffering=0) as out:
                    out.write(b"\0" * 512)
            except OSError:
                break

    def free(self):
        for path in self.root.glob(".filler*"):
            path.unlink()

    def files(self, folder=""):
        """Every file under ``folder`` with its size (hidden temporaries included)."""
        base = self.root / folder
        return {
            str(path.relative_to(self.root)): path.stat().st_size
            for path in base.rglob("*")
            if path.is_file() and not path.name.startswith(".filler")
        }


@pytest.fixture
def small_disk(tmp_path, settings):
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    root = tmp_path / "disk"
    root.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)], capture_output=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {result.stderr.decode(errors='replace').strip()}")
    settings.MEDIA_ROOT = root
    try:
        yield Disk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
