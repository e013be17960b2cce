"""Import from the home screen: the whole file is checked first, each refusal is one line
(file:line:col: reason), nothing is ever overwritten, the new id is shown and selected."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from textual.widgets import Input, Static

from journal.model import Incident
from journal.sharing import build_export
from journal.store import Store
from screens.app import make_app
from screens.import_file import ImportModal
from screens.incident_list import IncidentList
from tests.ui.conftest import screen_text


def folder_state(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.incidents_dir.glob("*.toml"))}


async def import_path(pilot, path: str) -> ImportModal:
    await pilot.pause()
    await pilot.press("i")
    modal = pilot.app.screen
    assert isinstance(modal, ImportModal)
    modal.query_one("#import-path", Input).value = path
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    return modal


async def test_import_of_an_existing_id_gets_a_new_one_and_overwrites_nothing(
    store: Store, held: Incident, tmp_path: Path, now: datetime
) -> None:
    exported = tmp_path / "shared.toml"
    exported.write_text(build_export(held, fmt="toml", now=now).text, encoding="utf-8")
    before = folder_state(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_path(pilot, str(exported))
        assert type(app.screen).__name__ == "HomeScreen"
        after = folder_state(store)
        assert len(after) == 2 and all(after[name] == data for name, data in before.items())
        [new_name] = set(after) - set(before)
        new_id = new_name.removesuffix(".toml")
        assert any(
            f"Imported as {new_id}" in n.message and "nothing was overwritten" in n.message for n in app._notifications
        )
        assert app.screen.query_one(IncidentList).selected.id == new_id
        assert store.load(new_id).title == held.title


async def test_a_new_id_is_imported_as_is(store: Store, held: Incident, tmp_path: Path, now: datetime) -> None:
    text = build_export(held, fmt="toml", now=now).text.replace(held.id, "2026-11-01-other-shared-case")
    (tmp_path / "other.toml").write_text(text, encoding="utf-8")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await import_path(pilot, str(tmp_path / "other.toml"))
        assert any(n.message == "Imported as 2026-11-01-other-shared-case" for n in app._notifications)
        assert "2026-11-01-other-shared-case.toml" in folder_state(store)


async def test_a_bad_file_is_one_line_with_its_place_and_nothing_is_written(
    store: Store, held: Incident, tmp_path: Path
) -> None:
    bad = tmp_path / "bad[red].toml"
    bad.write_text('format = 1\nid = "x"\ntitle = [\n', encoding="utf-8")
    before = folder_state(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        modal = await import_path(pilot, str(bad))
        assert app.screen is modal  # stays open to try another path
        line = modal.query_one("#import-error", Static).content.plain
        assert line == f"Not imported: {bad}:4:1: not valid TOML: Invalid value"
        assert f"{bad.name}:4:1" in screen_text(app)  # markup in the path is shown literally

        os.symlink(bad, tmp_path / "link.toml")
        modal.query_one("#import-path", Input).value = str(tmp_path / "link.toml")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "symbolic link" in modal.query_one("#import-error", Static).content.plain

        modal.query_one("#import-path", Input).value = str(tmp_path / "missing.toml")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "missing.toml" in modal.query_one("#import-error", Static).content.plain
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    assert folder_state(store) == before


async def test_an_empty_path_asks_for_one(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        modal = await import_path(pilot, "  ")
        assert app.screen is modal
        assert "Type the path" in modal.query_one("#import-error", Static).content.plain
