"""Japanese at 80 columns, read off the screen: paragraphs in dialogs, banners and notices wrap
by the Japanese line-breaking rule (no `。` or `）` starting a line, nothing cut or spilling
over a border), a file name in a notice is never broken, and the footer keeps `?` and `^p`
whole on every screen."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from textual.content import Content
from textual.widgets._toast import Toast

from journal import i18n
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.hanging import Paragraph, Paragraphs
from screens.modals import ConfirmModal
from screens.safe import notice_text, tell
from tests.ui.conftest import sample_incident, shown

CLOSERS = "。、）」』】〕〉》］｝"
"""Japanese characters that must never begin a line (JIS X 4051's 行頭禁則, the ones a
sentence of the app holds)."""
BORDERS = "█▌▐▊▋▍▏▕│┃▎"

TITLE = "さくらアプリ株式会社（東京本社）との契約が本人確認のため一時停止されました"
"""A Japanese title with no space in it, longer than half a dialog."""
SENTENCE = (
    "プラットフォームのサポートから本人確認の書類を求められたので、運転免許証（表と裏）と"
    "住所を確認できる書類（公共料金の請求書）をアップロードして、回答を送信しました。"
)


def segments(text: str) -> list[str]:
    """Each stretch of text between borders on each line of the screen, stripped."""
    return [part.strip() for line in text.splitlines() for part in re.split(f"[{BORDERS}]", line) if part.strip()]


def no_line_starts_with_a_closer(text: str) -> None:
    bad = [part for part in segments(text) if part[0] in CLOSERS]
    assert not bad, "\n".join(bad)


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.LANG_ENV, "ja")


@pytest.fixture
def sakura(store: Store, now: datetime) -> Incident:
    incident = sample_incident(now - timedelta(days=2))
    incident.title = TITLE
    return store.create(incident)


async def test_a_dialog_wraps_a_japanese_sentence_between_characters_not_across_its_border(
    store: Store, sakura: Incident, japanese: None
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        text = await shown(pilot)
        assert isinstance(app.screen, ConfirmModal)
        no_line_starts_with_a_closer(text)
        flat = re.sub(f"[\\s{BORDERS}]", "", text)
        assert f"インシデント{TITLE}をゴミ箱に移しますか？" in flat  # whole, nothing cut
        question = app.screen.query_one("#question")
        for line in question.render_lines(question.content_region.reset_offset):
            assert line.cell_length <= question.content_region.width


async def test_a_long_japanese_sentence_in_a_dialog_keeps_its_closers_on_the_line(
    store: Store, now: datetime, japanese: None
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmModal(Content(SENTENCE * 2)))
        text = await shown(pilot)
        no_line_starts_with_a_closer(text)
        assert SENTENCE * 2 in re.sub(f"[\\s{BORDERS}]", "", text)


async def test_the_home_banner_wraps_by_the_japanese_rule(store: Store, now: datetime, japanese: None) -> None:
    incident = sample_incident(now - timedelta(days=2))
    incident.title = TITLE
    incident.follow_up_at = now - timedelta(hours=1)  # due: named in the banner
    store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await shown(pilot)
        banner = app.screen.query_one("#today")
        assert banner.display and isinstance(banner, Paragraph)
        top = "\n".join(text.splitlines()[: banner.region.bottom])
        no_line_starts_with_a_closer(top)
        assert TITLE in re.sub(r"\s", "", top)


async def test_a_japanese_notice_wraps_by_the_rule_and_keeps_a_file_name_whole(
    store: Store, now: datetime, japanese: None
) -> None:
    name = "本人確認の書類（運転免許証）2026年11月.pdf"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tell(app, SENTENCE + f"ファイル {name} を保存しました。", whole=(name,))
        text = await shown(pilot)
        toast = app.screen.query_one(Toast)
        lines = [
            line[toast.region.x : toast.region.right]
            for line in text.splitlines()[toast.region.y : toast.region.bottom]
        ]
        notice = "\n".join(lines)
        no_line_starts_with_a_closer(notice)
        assert any(name in line for line in lines), notice  # on one line
        assert SENTENCE in re.sub(f"[\\s{BORDERS}]", "", notice)


def test_notice_text_breaks_before_a_name_rather_than_inside_it() -> None:
    name = "報告書（最終版）.pdf"
    text = notice_text("書き出しが終わりました：" + name + " を保存しました", 30, whole=(name,))
    assert name in text.splitlines()[1]
    assert all(len(line) and line[0] not in CLOSERS for line in text.splitlines())
    assert notice_text("short", 20) == "short"


def test_paragraphs_wrap_english_at_spaces_as_textual_does() -> None:
    text = Content("The incident's file changed on disk since it was opened; your next change will ask.")
    assert Paragraphs(text).at(30).plain == "\n".join(line.plain for line in text.wrap(30))


@pytest.mark.parametrize("keys", [(), ("enter",), ("t",), ("c",), ("x",), ("d",)])
async def test_the_footer_keeps_help_and_palette_keys_whole_at_80_columns(
    store: Store, held: Incident, japanese: None, keys: tuple[str, ...]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        footer = (await shown(pilot)).splitlines()[-1]
        assert footer.lstrip().startswith("? キー"), footer
        assert footer.rstrip().endswith("^p パレット"), footer
        assert footer.count("パレット") == 1


async def test_the_footer_shows_every_key_again_when_the_screen_widens(
    store: Store, held: Incident, japanese: None
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        narrow = (await shown(pilot)).splitlines()[-1]
        assert "q 終了" not in narrow
        await pilot.resize_terminal(120, 36)
        wide = (await shown(pilot)).splitlines()[-1]
        assert "q 終了" in wide and wide.rstrip().endswith("^p パレット")


async def test_the_glossary_in_japanese_wraps_by_the_rule_under_its_indent(
    store: Store, now: datetime, japanese: None
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("g")
        text = await shown(pilot)
        no_line_starts_with_a_closer(text)
        body = [part for part in (line.strip(BORDERS).rstrip() for line in text.splitlines()) if part.strip()]
        first = next(n for n, line in enumerate(body) if "[Upwork]" in line)
        assert body[first + 1].startswith("   ") and body[first + 2].startswith("   "), body[first : first + 3]
