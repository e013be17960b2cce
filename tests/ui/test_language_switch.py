"""Switching the language from the command palette while the app runs: the footer, the title
and the screen change at once, the choice is saved in the config file and is the language of
the next start; binding ids (the keymap's names) stay the same."""

from __future__ import annotations

from datetime import datetime, timedelta

import tomli

from journal import i18n
from journal.config import load_config
from journal.store import Store
from screens.app import make_app
from screens.home import HomeScreen
from tests.ui.conftest import sample_incident, shown
from tests.ui.test_palette import open_from_palette


async def test_the_palette_switches_to_japanese_and_back_and_it_is_remembered(store: Store, now: datetime) -> None:
    store.create(sample_incident(now - timedelta(days=2)))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        before = await shown(pilot)
        assert "Incident Journal" in before and "New" in before and "1 incident, most urgent first" in before
        ids = sorted(b.id or "" for b in (a.binding for a in app.screen.active_bindings.values()))

        await open_from_palette(pilot, "日本語")
        text = await shown(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.title == "インシデント記録" and "インシデント記録" in text
        for words in ("? キー", "n 新規", "/ 絞り込み", "c 契約", "q 終了", "パレット"):  # the footer, translated
            assert words in text, words
        assert "インシデント 1件・急ぎの順" in text and "件名" in text
        assert "New " not in text and "Quit" not in text and "Incident Journal" not in text
        assert "言語: 日本語（保存しました）" in text  # the notice
        assert sorted(b.id or "" for b in (a.binding for a in app.screen.active_bindings.values())) == ids
        assert tomli.loads(load_config().path.read_text(encoding="utf-8"))["language"] == "ja"

        await pilot.press("question_mark")  # the keys screen follows too
        keys = await shown(pilot)
        assert "新しいインシデントを記録" in keys and "home.new" in keys
        await pilot.press("escape")

        await pilot.press("t")  # and a screen opened afterwards
        assert "今日やること" in await shown(pilot)
        await pilot.press("escape")

    i18n.set_language(None)  # the next start reads the config file
    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = await shown(pilot)
        assert "インシデント記録" in text and "? キー" in text

        await open_from_palette(pilot, "English")
        text = await shown(pilot)
        assert "Incident Journal" in text and "? Keys" in text and "インシデント記録" not in text
        assert load_config().language == "en"


async def test_the_language_is_not_switched_under_an_open_dialog(store: Store, now: datetime) -> None:
    store.create(sample_incident(now - timedelta(days=2)))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("i")  # the import dialog: what is typed there would be lost
        await pilot.press(*"~/notes.toml")
        app.switch_language("ja")
        text = await shown(pilot)
        assert "Close the open dialog first, then switch the language" in text
        assert i18n.language() == "en" and load_config().language is None


async def test_the_written_file_is_named_whole_in_the_notice_at_80_columns(
    store: Store, now: datetime, monkeypatch
) -> None:
    from screens.safe import file_and_folder
    from tests.ui.test_export import open_export, settle

    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    incident = store.create(sample_incident(now - timedelta(days=2)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot, store, incident.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = store.data_dir / "exports" / f"{incident.id}.toml"
        assert written.is_file()
        text = await shown(pilot)
        assert "を書き出しました" in text
        # this id is long: the notice keeps the name's start and end, on one line, never in two
        name, _folder = file_and_folder(written)
        assert name.startswith("2026-11-22-account-hold") and name.endswith("security-check.toml") and "…" in name
        assert any(name in line for line in text.splitlines()), text
