"""Attaching a file in the TUI: the picker opens in the home folder, a typed path is copied
into the journal (and shown with its name, size and SHA-256), a FIFO is refused in one line,
and a copy of a big file runs in a worker that escape stops, leaving nothing behind."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from textual.widgets import DirectoryTree, Input, ProgressBar, Static
from textual.worker import WorkerFailed, WorkerState

from journal.attachments import Cancelled
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.attach import AttachModal
from tests.ui.conftest import screen_text
from tests.ui.test_incident import open_first


def stored_files(store: Store) -> list[Path]:
    """Every file (not folder) under the journal's attachments folder, temp files included."""
    root = store.data_dir / "attachments"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def open_picker(pilot) -> AttachModal:
    """Open the incident, the Messages tab, and `o` on its first message."""
    await open_first(pilot)
    await pilot.press("2", "o")
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, AttachModal)
    return picker


async def copy_done(pilot, picker: AttachModal) -> None:
    """Wait for the picker's copy to end (a refused or stopped copy ends in error)."""
    try:
        await picker.copying.wait()
    except WorkerFailed:
        pass
    await pilot.pause()


async def type_path(pilot, picker: AttachModal, path: Path) -> None:
    await pilot.press("ctrl+l")
    picker.query_one("#attach-path", Input).value = str(path)
    await pilot.press("enter")


async def test_picker_opens_in_home_and_shows_hidden_files(store: Store, held: Incident) -> None:
    home = Path(os.environ["HOME"])
    (home / ".secret-notes.txt").write_text("x")
    (home / "Pictures").mkdir()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        picker = await open_picker(pilot)
        tree = picker.query_one(DirectoryTree)
        assert Path(tree.path) == home
        for _ in range(50):  # the tree reads the folder in its own worker
            await pilot.pause(0.02)
            if len(tree.root.children) >= 2:
                break
        text = screen_text(app)
        assert "Attach a file to message 1" in text
        assert ".secret-notes.txt" in text and "Pictures" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
        assert stored_files(store) == []


async def test_typed_path_is_copied_and_shown_with_size_and_sha(store: Store, held: Incident, tmp_path: Path) -> None:
    shot = tmp_path / "ip-check.png"
    data = b"\x89PNG screenshot of the IP check"
    shot.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    app = make_app(store)
    async with app.run_test(size=(160, 40)) as pilot:
        picker = await open_picker(pilot)
        await type_path(pilot, picker, shot)
        await copy_done(pilot, picker)
        assert type(app.screen).__name__ == "IncidentScreen"
        item = store.load(held.id).messages[0].attachments[0]
        assert item.sha256 == sha and item.size == len(data) and item.original == str(shot)
        assert (store.data_dir / item.path).read_bytes() == data
        shot.unlink()  # the original gone: the evidence stays
        app.clear_notifications()
        await pilot.pause()
        text = screen_text(app)
        assert "ip-check.png" in text and f"sha256 {sha}" in text and f"{len(data)} bytes" in text


async def test_fifo_is_refused_in_one_line_and_picker_stays(store: Store, held: Incident, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        picker = await open_picker(pilot)
        await type_path(pilot, picker, fifo)
        await copy_done(pilot, picker)
        assert app.screen is picker  # still open: choose another file
        status = picker.query_one("#attach-status", Static).content
        assert status.plain == f"{fifo}: is not a regular file (a folder, FIFO or device); nothing attached"
        assert "is not a regular file" in screen_text(app)
        assert "Traceback" not in screen_text(app)
        assert store.load(held.id).messages[0].attachments == []
        assert stored_files(store) == []


async def test_big_sparse_file_copies_in_a_worker_and_escape_stops_it(
    store: Store, held: Incident, tmp_path: Path
) -> None:
    big = tmp_path / "screen-recording.mov"
    with open(big, "wb") as handle:
        handle.truncate(1900 * 1024 * 1024)  # sparse: no disk used by the original
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        picker = await open_picker(pilot)
        await type_path(pilot, picker, big)
        bar = picker.query_one("#attach-bar", ProgressBar)
        for _ in range(200):  # the UI thread is free: it repaints the progress while the worker copies
            await pilot.pause(0.02)
            if (bar.progress or 0) > 0:
                break
        assert 0 < (bar.progress or 0) < bar.total
        assert picker.copying.state == WorkerState.RUNNING
        assert "of 2.0 GB" in screen_text(app)
        await pilot.press("escape")  # answered while the worker runs: it stops the copy
        await copy_done(pilot, picker)
        assert isinstance(picker.copying.error, Cancelled)
        assert app.screen is picker
        assert "stopped; nothing attached" in screen_text(app)
        assert stored_files(store) == []  # no partial copy, no temp file
        assert store.load(held.id).messages[0].attachments == []
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
