"""The export screen: a preview of exactly what will be written, masks highlighted, toggles,
writing a file (never over an existing one unless confirmed) and copying the Markdown."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from journal.model import Incident, Message
from journal.sharing import build_export
from journal.store import Store
from screens.app import make_app
from screens.export import MASK_STYLE, ExportScreen
from screens.modals import ConfirmModal
from tests.ui.conftest import screen_text
from tests.unit.sharing_data import security_review


@pytest.fixture
def saved(store: Store, tmp_path: Path, now: datetime) -> Incident:
    return store.create(security_review(tmp_path / "evidence"))


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_export(pilot, store: Store, incident_id: str) -> ExportScreen:
    await pilot.pause()
    screen = ExportScreen(store, incident_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    assert pilot.app.screen is screen
    return screen


def preview(screen: ExportScreen):
    return screen.query_one("#preview-text", Static).content


async def test_preview_is_exactly_the_export_and_toggles_change_it(
    store: Store, saved: Incident, now: datetime
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, store, saved.id)
        expected = build_export(saved, fmt="toml", now=now)
        assert screen.export.text == expected.text
        assert preview(screen).plain == expected.text
        assert "TOML (imports back) · not redacted · my notes left out" in screen_text(app)

        await pilot.press("f")
        await settle(pilot)
        assert screen.export.format == "markdown"
        assert preview(screen).plain.startswith("# Account on hold after a security check")
        assert screen.query_one("#export-path", Input).value == str(
            (store.data_dir / "exports" / f"{saved.id}.md").resolve()
        )
        assert "自分用メモ" not in preview(screen).plain

        await pilot.press("n")
        await settle(pilot)
        assert "> My note: 自分用メモ: パスワードは変更済み" in preview(screen).plain

        await pilot.press("r")
        await settle(pilot)
        content = preview(screen)
        assert "203.0.113.77" not in content.plain and "security@upwork.example" not in content.plain
        highlighted = {content.plain[s.start : s.end] for s in content.spans if str(s.style) == MASK_STYLE}
        assert {"[ip-1]", "[ip-2]", "[email-1]", "[phone-1]"} <= highlighted
        assert all(text.startswith("[") and text.endswith("]") for text in highlighted)
        assert "addresses masked (highlighted)" in screen_text(app)
        assert store.load(saved.id) == saved  # the stored incident is unchanged


async def test_write_refuses_to_overwrite_unless_confirmed(store: Store, saved: Incident, tmp_path: Path) -> None:
    target = tmp_path / "for-support.toml"
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, store, saved.id)
        await pilot.press("r")
        await settle(pilot)
        field = screen.query_one("#export-path", Input)
        field.value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert target.read_text() == screen.export.text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert "203.0.113.77" not in target.read_text()

        target.write_text("keep me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text() == "keep me"
        assert app.screen is screen

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text() == screen.export.text


async def test_copy_puts_the_markdown_on_the_clipboard(store: Store, saved: Incident) -> None:
    app = make_app(store)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, store, saved.id)
        await pilot.press("r")
        await settle(pilot)
        assert screen.export.format == "toml"
        await pilot.press("c")
        await pilot.pause()
        assert len(copied) == 1
        assert copied[0].startswith("# Account on hold after a security check")
        assert "[ip-1]" in copied[0] and "203.0.113.77" not in copied[0]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)


async def test_hostile_text_is_shown_literally(store: Store, opened: datetime) -> None:
    incident = Incident(id="", title="[b]bold[/b] [@click=app.quit]x[/]", kind="other", opened_at=opened)
    incident.add_message(
        Message(at=opened, subject="[red]s[/red]", body="\x1b]52;c;ZXZpbA==\x07 [link=x]y[/link] \u202eabc")
    )
    saved = store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot, store, saved.id)
        await pilot.press("f")
        await settle(pilot)
        text = preview(screen).plain
        assert "# \\[b\\]bold\\[/b\\] \\[@click=app.quit\\]x\\[/\\]" in text  # escaped Markdown, shown literally
        assert "[link=x]y[/link]" in text
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert "[b]bold[/b] [@click=app.quit]x[/]" in screen_text(app)


async def test_x_opens_the_export_screen_from_the_list_and_escape_closes_it(store: Store, saved: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.incident.id == saved.id
        assert app.screen.export is not None and app.screen.export.format == "toml"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
