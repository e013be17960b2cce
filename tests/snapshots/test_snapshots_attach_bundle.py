"""Pictures of the file picker (the home folder, hidden files shown, the path field) and of
the bundle dialog with its checklist of files in redacted mode; at 80x24 and 120x36 (update
with `--snapshot-update` on this file)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DirectoryTree, Input

from journal.attachments import add_to, copy_in
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW, sample_incident

SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])


@pytest.fixture
def with_files(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    now = datetime.fromisoformat(NOW)
    incident = store.create(sample_incident(now - timedelta(days=2)))
    home = Path(os.environ["HOME"])
    for folder in ("Documents", "Pictures"):
        (home / folder).mkdir(exist_ok=True)
    (home / ".notes-hidden.txt").write_text("x")
    for name, data in (("ip-check.png", b"\x89PNG one"), ("id-card.pdf", b"%PDF two")):
        (home / name).write_bytes(data)
        item = copy_in(store, home / name, now=now)
        item.original = f"/home/me/{name}"  # a stable path in the picture
        store.update(incident.id, lambda d, item=item: add_to(d, "messages", 0, item))
    return store


async def tree_loaded(pilot) -> None:
    tree = pilot.app.screen.query_one(DirectoryTree)
    for _ in range(100):
        await pilot.pause(0.02)
        if len(tree.root.children) >= 5:
            break
    await pilot.pause()


@SIZES
def test_file_picker(snap_compare, with_files: Store, size: tuple[int, int]) -> None:
    async def open_picker(pilot) -> None:
        await pilot.press("enter", "2", "o")
        await tree_loaded(pilot)

    assert snap_compare(make_app(with_files), terminal_size=size, run_before=open_picker)


@SIZES
def test_bundle_dialog_redacted(snap_compare, with_files: Store, size: tuple[int, int]) -> None:
    async def open_bundle(pilot) -> None:
        await pilot.press("enter", "x")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        export_path = pilot.app.screen.query_one("#export-path", Input)
        export_path.value = "/home/me/.local/share/incident-journal/exports/" + export_path.value.rsplit("/", 1)[-1]
        await pilot.press("b")
        await pilot.pause()
        field = pilot.app.screen.query_one("#bundle-path", Input)
        field.value = "/home/me/.local/share/incident-journal/exports/" + field.value.rsplit("/", 1)[-1]
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(make_app(with_files), terminal_size=size, run_before=open_bundle)


from tests.ui.conftest import list_loads_at_once  # noqa: E402, F401  (autouse: the list is there at once)
