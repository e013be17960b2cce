"""Untrusted text (markup, escape sequences, bidi controls) is shown literally by every
widget that shows user data, and never runs an action or reaches the terminal raw."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Input

from journal.model import Attachment, ChecklistItem, Contract, Event, Incident, Message, SupportRequest
from journal.store import Store
from screens.app import make_app
from screens.modals import ConfirmModal, TextModal
from tests.ui.conftest import shown

MARKUP = "[b]B[/b] [/] [@click=app.quit]x[/] [Upwork] 停止 [link=https://evil.example]y[/link]"
ESCAPES = "\x1b[31mred\x1b[0m \x1b]0;retitled\x07 \x1b]52;c;Zm9v\x07 \u202eevil\u202c"
HOSTILE = MARKUP + " " + ESCAPES


def hostile_incident(opened: datetime) -> Incident:
    incident = Incident(
        id="",
        title="T " + HOSTILE,
        kind="account-hold",
        opened_at=opened,
        platform="P " + MARKUP,
        summary="S " + HOSTILE + "\nsecond line " + MARKUP,
        tags=["[red]tag[/red]"],
    )
    incident.add_message(
        Message(
            at=opened,
            sender="F " + MARKUP,
            subject="J " + HOSTILE,
            body="B " + HOSTILE + "\n" + MARKUP,
            note="N " + MARKUP,
        )
    )
    incident.add_event(Event(at=opened + timedelta(hours=1), text="E " + HOSTILE))
    incident.checklist.append(ChecklistItem(text="C " + HOSTILE))
    incident.contracts.append(Contract(client="K " + HOSTILE, contract_id="[i]1[/i]", note=MARKUP))
    incident.requests.append(
        SupportRequest(question="Q " + HOSTILE, answer="A " + HOSTILE, attachments=[Attachment(path="[b]shot[/b].png")])
    )
    return incident


def assert_literal(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "[b]B[/b] [/] [@click=app.quit]x[/] [Upwork] 停止" in text


async def test_hostile_text_is_literal_in_every_view(store: Store, opened: datetime) -> None:
    store.create(hostile_incident(opened))
    (store.incidents_dir / "[reverse]bad[b].toml").write_text("not toml")
    app = make_app(store)
    async with app.run_test(size=(200, 50)) as pilot:
        text = await shown(pilot)
        assert_literal(text)
        assert "[reverse]bad[b].toml" in text  # the unreadable file's name, literally
        await pilot.press("slash")
        app.screen.query_one("#filter", Input).value = "[@click=app.quit]x[/]"
        text = await shown(pilot)
        assert "match [@click=app.quit]x[/]" in text
        await pilot.press("escape", "d")
        assert isinstance(app.screen, ConfirmModal)
        assert_literal(await shown(pilot))
        await pilot.press("n", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
        seen = {
            "1": [
                "T [b]B",
                "␛[31mred␛[0m",
                "<U+202E>evil<U+202C>",
                "P [b]B",
                "S [b]B",
                "second line [b]B",
                "[red]tag[/red]",
            ],
            "2": ["F [b]B", "J [b]B"],
            "3": ["E [b]B", "J [b]B"],
            "4": ["C [b]B"],
            "5": ["K [b]B", "[i]1[/i]"],
            "6": ["Q [b]B", "A [b]B", "[b]shot[/b].png"],
        }
        for key, expected in seen.items():
            await pilot.press(key)
            text = await shown(pilot)
            assert "\x1b" not in text and "\u202e" not in text
            for piece in expected:
                assert piece in text, (key, piece)
        await pilot.press("2", "enter")
        assert isinstance(app.screen, TextModal)
        text = await shown(pilot)
        assert_literal(text)
        assert "B [b]B" in text and "N [b]B" in text and "␛]0;retitled␇" in text
        await pilot.press("escape")
        for key, field in (("2", "#subject"), ("3", "#text"), ("4", "#text"), ("5", "#client"), ("6", "#question")):
            await pilot.press(key, "e")
            await pilot.pause()
            assert HOSTILE in app.screen.query_one(field, Input).value  # edited as stored
            assert "\x1b" not in await shown(pilot)
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running and app.return_code is None
    assert store.load(store.ids()[0]).title == "T " + HOSTILE  # looking changed nothing


async def test_hostile_text_is_unchanged_on_disk_after_an_edit(store: Store, opened: datetime) -> None:
    incident = store.create(hostile_incident(opened))
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("4", "space")
        await pilot.pause()
    saved = store.load(incident.id)
    assert saved.title == "T " + HOSTILE and saved.messages[0].body == "B " + HOSTILE + "\n" + MARKUP
    assert saved.checklist[0].done_at is not None
