"""A very large incident (1,000 messages, a message of a megabyte) opens, its Messages tab
reaches the last message, and its warnings of off-platform talk still show once looked for."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.cells import cell_len
from textual.widgets import DataTable

from journal.model import Incident, Message
from journal.store import Store
from screens.app import make_app
from screens.incident_long_text import LongText
from tests.ui.conftest import screen_text

OFF_PLATFORM = "Let's move this to PayPal outside Upwork to avoid the fees."


def big(store: Store, opened: datetime, count: int, body: str) -> Incident:
    incident = Incident(id="", title="Account hold with many messages", kind="account-hold", opened_at=opened)
    for n in range(count):
        incident.messages.append(
            Message(at=opened + timedelta(minutes=n), subject=f"Reply number {n:04d}", sender="Support", body=body)
        )
    incident.messages[-1].body = OFF_PLATFORM
    return store.create(incident)


async def test_a_thousand_messages_open_and_the_last_one_shows_when_scrolled(store: Store, opened: datetime) -> None:
    made = big(store, opened, 1000, "We are reviewing your account. " * 10)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.open_incident(made.id)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the warnings are looked for after the first paint
        await pilot.pause()
        assert "Account hold with many messages" in screen_text(app)
        assert "1 warning (see Overview)" in screen_text(app)
        await pilot.press("2", "ctrl+end")
        await pilot.pause()
        table = app.screen.query_one("#messages-table", DataTable)
        assert table.row_count == 1000 and table.cursor_row == 999
        text = screen_text(app)
        assert "Reply number 0999" in text and "PayPal" in text  # the row, and its first lines below
        assert "Reply number 0000" not in text


async def test_a_message_of_a_megabyte_shows_its_first_lines(store: Store, opened: datetime) -> None:
    made = big(store, opened, 2, "確認中です。" * 170_000)  # one line of 1,020,000 characters
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.open_incident(made.id)
        await pilot.pause()
        await pilot.press("2", "home")
        await pilot.pause()
        text = screen_text(app)
        assert "Reply number 0000" in text and "確認中です。確認中です。" in text
        await pilot.press("enter")  # read it in full: only the rows on screen are laid out
        await pilot.pause()
        view = app.screen.query_one(LongText)
        rows = view.visible_text()
        assert rows[0].startswith("確認中です。確認中です。")
        assert all(cell_len(row) <= view.scrollable_content_region.width for row in rows)
        await pilot.press("end")
        await pilot.pause()
        last = [row for row in view.visible_text() if row]
        assert last[-1].endswith("確認中です。") and "".join(last).count("。") >= 10
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#messages-table")
