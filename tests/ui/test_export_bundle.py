"""`b` on the export screen: the bundle for support written to the exports folder (0600,
accepted by `verify-bundle`), replaced only when the user says so, and in redacted mode
only the ticked files go in."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from journal.attachments import add_to, copy_in
from journal.cli import main
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.bundle import BundleModal
from screens.modals import ConfirmModal
from screens.safe import file_and_folder
from tests.ui.conftest import screen_text
from tests.ui.test_export import open_export, settle


def attach_two(store: Store, incident: Incident, tmp_path: Path) -> None:
    for name, data in (("ip-check.png", b"\x89PNG one"), ("id-card.pdf", b"%PDF two")):
        (tmp_path / name).write_bytes(data)
        item = copy_in(store, tmp_path / name)
        store.update(incident.id, lambda d, item=item: add_to(d, "messages", 0, item))


async def test_b_writes_a_verified_bundle_and_asks_before_replacing(
    store: Store, held: Incident, tmp_path: Path, capsys
) -> None:
    attach_two(store, held, tmp_path)
    target = (store.data_dir / "exports" / f"{held.id}.zip").resolve()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot, store, held.id)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BundleModal)
        text = screen_text(app)
        assert "ip-check.png" in text and "id-card.pdf" in text and "MANIFEST.txt" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Wrote the bundle" in screen_text(app)
        said = [n.message for n in app._notifications]  # the whole line (the toast wraps it)
        name, folder = file_and_folder(target)
        assert any(m == f"Wrote the bundle {name} (2 files) in {folder}" for m in said), said
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        with zipfile.ZipFile(target) as archive:
            names = archive.namelist()
        assert {"summary.md", "incident.toml", "MANIFEST.txt"} <= set(names)
        assert sorted(n for n in names if n.startswith("files/")) == ["files/1-ip-check.png", "files/2-id-card.pdf"]
        assert main(["verify-bundle", str(target)]) == 0
        first = target.read_bytes()

        await pilot.press("b", "ctrl+s")  # the same file again: asked first, kept on "no"
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and "already exists" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert target.read_bytes() == first
        await pilot.press("b", "ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert main(["verify-bundle", str(target)]) == 0
        assert "Replace" not in screen_text(app)
    capsys.readouterr()


async def test_redacted_bundle_holds_only_the_ticked_file(store: Store, held: Incident, tmp_path: Path) -> None:
    attach_two(store, held, tmp_path)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot, store, held.id)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert "tick the files support may see" in screen_text(app)
        await pilot.press("down", "space")  # the second file only: id-card.pdf
        app.screen.query_one("#bundle-path").value = "for-support.zip"
        await pilot.press("ctrl+s")
        await settle(pilot)
        target = store.data_dir / "exports" / "for-support.zip"
        with zipfile.ZipFile(target) as archive:
            files = [n for n in archive.namelist() if n.startswith("files/")]
            assert files == ["files/2-file.pdf"]
            assert archive.read(files[0]) == b"%PDF two"
        assert main(["verify-bundle", str(target)]) == 0
