"""Hostile text at scale: a 200,000-character single line, fields at their 65,536-character
limit and a 1 MB paste, through every view that shows user data (list, headline, the six
tabs, the message reader, the edit forms): no crash, shown literally, stored exactly."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import events
from textual.widgets import Input, TextArea

from journal.model import MAX_TEXT_CHARS, Attachment, ChecklistItem, Contract, Event, Incident, Message, SupportRequest
from journal.store import Store
from screens.app import make_app
from screens.modals import TextModal
from tests.ui.conftest import shown
from tests.ui.test_hostile import HOSTILE, MARKUP, assert_literal


def long_line(prefix: str, size: int) -> str:
    """`prefix` then hostile text repeated up to exactly `size` characters, on one line."""
    text = prefix + " " + (HOSTILE + " 長い行 ") * (size // len(HOSTILE) + 1)
    return text[:size]


LINE_200K = long_line("B", 200_000)
PASTE_1MB = ("P " + HOSTILE + "\n" + ("y" * 200 + "\n") * 5_200)[:1_000_000]


def huge_incident(opened: datetime) -> Incident:
    cap = MAX_TEXT_CHARS
    incident = Incident(
        id="",
        title=long_line("T", cap),
        kind="account-hold",
        opened_at=opened,
        platform=long_line("P", cap),
        summary=long_line("S", 200_000),
    )
    incident.add_message(
        Message(
            at=opened,
            sender=long_line("F", 30_000),
            subject=long_line("J", 30_000),
            body=LINE_200K,
            note=long_line("N", cap),
        )
    )
    incident.add_event(Event(at=opened + timedelta(hours=1), text=long_line("E", cap)))
    incident.checklist.append(ChecklistItem(text=long_line("C", cap)))
    incident.contracts.append(Contract(client=long_line("K", cap), contract_id="[i]1[/i]", note=long_line("O", cap)))
    incident.requests.append(
        SupportRequest(
            question=long_line("Q", cap),
            answer=long_line("A", 200_000),
            attachments=[Attachment(path="[b]shot[/b].png")],
        )
    )
    return incident


async def test_huge_hostile_lines_and_a_1mb_paste_in_every_view(store: Store, opened: datetime) -> None:
    incident = store.create(huge_incident(opened))
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        text = await shown(pilot)
        assert "T [b]B[/b] [/] [@click=app.quit]x[/]" in text and "\x1b" not in text  # the list
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
        for key, pieces in {
            "1": ["T [b]B"],
            "2": ["F [b]B", "J [b]B"],
            "3": ["E [b]B"],
            "4": ["C [b]B"],
            "5": ["K [b]B"],
            "6": ["Q [b]B"],
        }.items():
            await pilot.press(key)
            text = await shown(pilot)
            assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text, key
            for piece in pieces:
                assert piece in text, (key, piece)
        await pilot.press("2", "enter")  # the 200,000-character line in the reader
        assert isinstance(app.screen, TextModal)
        text = await shown(pilot)
        assert_literal(text)
        assert "B [b]B" in text and "␛]52;c;Zm9v␇" in text
        await pilot.press("end", "escape")
        await pilot.pause()
        for key, field, prefix in (
            ("2", "#subject", "J"),
            ("3", "#text", "Received: J"),
            ("4", "#text", "C"),
            ("5", "#client", "K"),
            ("6", "#question", "Q"),
        ):
            await pilot.press(key, "e")
            await pilot.pause()
            value = app.screen.query_one(field, Input).value
            assert 30_000 <= len(value) <= MAX_TEXT_CHARS and prefix + " " + MARKUP in value  # edited as stored
            await pilot.press("end")
            assert "\x1b" not in await shown(pilot)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("1", "e")  # the incident form: a 200,000-character summary
        await pilot.pause()
        assert app.screen.query_one("#summary", TextArea).text == incident.summary
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2", "a")  # a 1 MB paste into a new message
        await pilot.pause()
        app.screen.query_one("#body", TextArea).focus()
        app.post_message(events.Paste(PASTE_1MB))
        await pilot.pause()
        assert "\x1b" not in await shown(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
        assert app.is_running and app.return_code is None
    saved = store.load(incident.id)
    assert saved.messages[0].body == LINE_200K and saved.messages[-1].body == PASTE_1MB
    assert saved.title == incident.title and saved.summary == incident.summary
