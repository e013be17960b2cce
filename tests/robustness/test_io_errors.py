"""I/O errors: the order of the durable steps, and a real full disk (a small tmpfs).

Injected OSErrors at each step (write, flush, fsync, replace, folder fsync) are covered by
tests/unit/test_store.py::test_injected_failure_leaves_old_file_and_no_temp; here the disk
really fills up, and the steps that make a write survive a power cut are checked in order.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal import atomic as store_module
from journal import cli
from journal.errors import StoreError
from journal.model import Event
from journal.store import Store
from tests.robustness.conftest import T0, big_incident, snapshot

# ---------------------------------------------------------------------------- durability order


def test_write_is_fsynced_before_replace_and_folder_fsynced_after(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's data reaches the disk before the rename makes it visible, and the rename
    reaches the disk before the save reports success: a power cut leaves old or new."""
    incident = big_incident("order", messages=5, body_lines=10)
    incident.revision = None
    store.save(incident)
    path = store.path_for("order")
    incident.add_event(Event(at=T0, text="new"))
    expected = store.encode(incident)
    steps: list[str] = []
    real_fsync, real_replace, real_fsync_dir = os.fsync, os.replace, store_module.fsync_dir

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else "?"
            steps.append(f"fsync file {info.st_size} {Path(name).name.startswith('.')}")
        else:
            steps.append("fsync folder")
        real_fsync(fd)

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        steps.append(f"replace {Path(target).name}")
        real_replace(source, target)

    def fsync_dir(folder: Path) -> None:
        steps.append("fsync_dir")
        real_fsync_dir(folder)

    monkeypatch.setattr(store_module.os, "fsync", fsync)
    monkeypatch.setattr(store_module.os, "replace", replace)
    monkeypatch.setattr(store_module, "fsync_dir", fsync_dir)
    store.save(incident)
    monkeypatch.undo()
    assert path.read_bytes() == expected
    # the temp file (a dot name), complete, is fsynced; then renamed over; then the folder
    assert steps[:4] == [f"fsync file {len(expected)} True", "replace order.toml", "fsync_dir", "fsync folder"], steps


# ---------------------------------------------------------------------------- a real full disk


def _mount_small_disk(where: Path, options: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("a real full disk needs a small tmpfs, and mounting one needs root")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")


def _unmount(where: Path) -> None:
    if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MiB tmpfs, unmounted afterwards whatever happens."""
    where = tmp_path / "disk"
    _mount_small_disk(where, "size=8m,mode=0700")
    try:
        yield where
    finally:
        _unmount(where)


@pytest.fixture
def few_inodes(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs with room for 40 files only."""
    where = tmp_path / "inodes"
    _mount_small_disk(where, "size=8m,nr_inodes=40,mode=0700")
    try:
        yield where
    finally:
        _unmount(where)


def _fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk, then free about `leave` bytes. Returns the filler file."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(chunk)
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


def _fill_inodes(disk: Path) -> list[Path]:
    made = []
    with contextlib.suppress(OSError):
        for n in range(10_000):
            target = disk / f"f{n}"
            target.touch()
            made.append(target)
    return made


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_full_disk_save_fails_cleanly(small_disk: Path) -> None:
    store = Store(small_disk / "data", cache_dir=small_disk / "cache")
    incident = big_incident("evidence", messages=100, body_lines=30)  # about 1 MB
    incident.revision = None
    store.save(incident)
    path = store.path_for("evidence")
    before = path.read_bytes()
    filler = _fill(small_disk, leave=256 * 1024)
    incident.add_event(Event(at=T0, text="the disk is full now"))

    with pytest.raises(StoreError) as caught:
        store.save(incident)
    message = _one_line(str(caught.value))
    assert str(path) in message and "the disk is full" in message and "nothing was changed" in message
    assert path.read_bytes() == before
    assert store.temp_files() == []
    assert sorted(os.listdir(store.incidents_dir)) == ["evidence.toml"]

    filler.unlink()  # room again: the same save now goes through, the lock was released
    store.save(incident)
    assert store.load("evidence").events[-1].text == "the disk is full now"


def test_full_disk_cli_one_line_exit_1(
    small_disk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = small_disk / "data"
    assert cli.main(["--data-dir", str(data), "new", "--kind", "account-hold", "--title", "Hold"]) == 0
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    path = data / "incidents" / f"{incident_id}.toml"
    before = snapshot(data)
    _fill(small_disk, leave=64 * 1024)
    body = ("A long notice pasted from the e-mail. " * 26 + "\n") * 1000  # 1 MB
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode())))
    code = cli.main(["--data-dir", str(data), "add-message", incident_id, "--subject", "s", "--sender", "Support"])
    err = capsys.readouterr().err
    assert code == 1
    line = _one_line(err)
    assert line.startswith(f"incident-journal: error: {path}: could not ") and "the disk is full" in line
    assert snapshot(data) == before  # byte-identical, no temp file

    code = cli.main(["--data-dir", str(data), "new", "--kind", "account-hold", "--title", "Another " * 2000])
    err = capsys.readouterr().err
    assert code in (0, 1)
    if code == 1:  # a small new file may still fit; if not, nothing half-made is left
        assert "the disk is full" in _one_line(err)
        assert snapshot(data) == before


def test_no_inodes_left_save_fails_cleanly(few_inodes: Path) -> None:
    store = Store(few_inodes / "data", cache_dir=few_inodes / "cache")
    incident = big_incident("evidence", messages=3, body_lines=3)
    incident.revision = None
    store.save(incident)
    path = store.path_for("evidence")
    before = path.read_bytes()
    made = _fill_inodes(few_inodes)
    incident.add_event(Event(at=T0, text="no inode for the temp file"))
    with pytest.raises(StoreError) as caught:
        store.save(incident)
    message = _one_line(str(caught.value))
    assert str(path) in message and "could not create a temp file: the disk is full" in message
    assert path.read_bytes() == before
    assert store.temp_files() == []
    for target in made:
        target.unlink()
    store.save(incident)
    assert store.load("evidence").events[-1].text == "no inode for the temp file"


def test_read_only_disk_save_fails_cleanly(small_disk: Path) -> None:
    store = Store(small_disk / "data", cache_dir=small_disk / "cache")
    incident = big_incident("evidence", messages=3, body_lines=3)
    incident.revision = None
    store.save(incident)
    path = store.path_for("evidence")
    before = snapshot(store.data_dir)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        incident.add_event(Event(at=T0, text="read-only"))
        with pytest.raises(StoreError) as caught:
            store.save(incident)
        message = _one_line(str(caught.value))
        assert message.startswith(f"{path}: could not create a temp file: the file system is read-only")
        assert snapshot(store.data_dir) == before
        fresh = Store(store.data_dir, cache_dir=small_disk / "cache")  # a new start, read-only
        with pytest.raises(StoreError, match="the file system is read-only"):
            fresh.save(incident)
        assert snapshot(store.data_dir) == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
