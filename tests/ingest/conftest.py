"""Fixtures of the ingest wing's tests."""
from __future__ import annotations

import subprocess

import pytest


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 1 MiB mounted for the test (skipped where mounting is not allowed); ``small_disk.resize(mib)``
    resizes it, ``small_disk.path`` is where it is mounted. A test using it is marked ``external``."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip() or mounted.returncode}")

    class Disk:
        path = disk

        @staticmethod
        def resize(mib: int) -> None:
            subprocess.run(["mount", "-o", f"remount,size={mib}m", str(disk)], check=True)

    yield Disk
    if subprocess.run(["umount", str(disk)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def pytest_collection_modifyitems(items):
    for item in items:
        if "small_disk" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.external)
