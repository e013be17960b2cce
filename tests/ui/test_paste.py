"""A multi-line paste into a one-line field keeps every line, joined with spaces, and says
so. The first test is the field case (a four-line translation pasted into a message's Note)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from journal.model import Incident
from journal.store import Store
from screens.app import make_app

PASTE = "翻訳: アカウントを一時保留しました。\n次の書類を提出してください:\n1. 本人確認書類\n2. 住所確認書類"


async def open_message_form(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("2", "a")
    await pilot.pause()


async def test_field_case_19_a_multi_line_paste_into_the_note_keeps_every_line(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_message_form(pilot)
        form = app.screen
        form.query_one("#sender", Input).value = "Upwork Support"
        form.query_one("#subject", Input).value = "Account on hold"
        note = form.query_one("#note", Input)
        note.focus()
        await pilot.pause()
        app.post_message(events.Paste(PASTE))
        await pilot.pause()
        await pilot.pause()
        notices = [n.message for n in app._notifications]
        form.query_one("#body", TextArea).text = "Your account is on hold."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
    assert any("4 pasted lines were joined with spaces" in n for n in notices)
    saved = store.load(held.id).messages[-1]
    assert (
        saved.note == "翻訳: アカウントを一時保留しました。 次の書類を提出してください: 1. 本人確認書類 2. 住所確認書類"
    )


@pytest.mark.parametrize(
    ("typed", "paste", "want", "lines"),
    [
        ("Ref: ", "A-1\r\nB-2\r\n", "Ref: A-1 B-2", 2),  # CRLF from a Windows clipboard
        ("", "  indented\n\n\n  lines  \n", "indented lines", 2),  # blank lines carry nothing
        ("", "Account on hold\n", "Account on hold", 0),  # one line: as Textual does, no notice
        ("", "[b]bold[/b]\n<a href='x'>y</a>", "[b]bold[/b] <a href='x'>y</a>", 2),  # shown literally
    ],
)
async def test_pasted_lines_in_the_subject(
    store: Store, held: Incident, typed: str, paste: str, want: str, lines: int
) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_message_form(pilot)
        subject = app.screen.query_one("#subject", Input)
        subject.focus()
        await pilot.pause()
        subject.value = typed
        subject.cursor_position = len(typed)
        await pilot.pause()
        app.post_message(events.Paste(paste))
        await pilot.pause()
        await pilot.pause()
        assert subject.value == want
        notices = [n.message for n in app._notifications]
        assert any(f"{lines} pasted lines" in n for n in notices) is bool(lines)
