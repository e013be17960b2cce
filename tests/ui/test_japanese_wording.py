"""Japanese wording of the palette's language command, the home screen's count line and the
conflict dialog, read off the screen."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from journal import i18n
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.modals import ConflictModal
from tests.ui.conftest import shown


async def test_the_palette_offers_to_switch_the_display_language_to_english(
    store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"English")
        await pilot.pause(0.3)
        text = await shown(pilot)
        assert "表示言語を English に切り替え" in text
        assert "今から" not in text


async def test_the_count_line_reads_as_one_phrase(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await shown(pilot)
        assert "インシデント 1件・急ぎの順（! = フォローアップ期限切れ）" in text
        await pilot.press("slash")
        text = await shown(pilot)
        assert "絞り込み：件名・クライアント・メッセージ本文に含まれる語" in text


async def test_the_conflict_dialog_names_the_file_in_japanese(
    store: Store, held: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        store.update(held.id, lambda i: setattr(i, "summary", "Changed elsewhere"))  # another process
        await pilot.press("4", "space")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        text = await shown(pilot)
        assert "開いた後にインシデントのファイルがディスク上で変更されました" in text
        assert f"ファイル：{held.id}.toml" in re.sub(r"[\s█]", "", text)  # the whole name, maybe over two lines
        assert "changed on disk" not in text and "reload it" not in text


async def test_the_palette_says_no_match_in_japanese(
    store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zzzqqq")
        await pilot.pause(1.0)  # the palette says so after half a second without a hit
        text = await shown(pilot)
        assert "一致するものはありません" in text and "No matches found" not in text
