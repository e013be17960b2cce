"""The export a user can find and control: the exports folder with full paths, on/off in
words, a value kept from the preview (remembered per incident), the platform's own addresses
kept, labels in the export's language."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta

from textual.widgets import Checkbox, Input

from journal.keep import load_keep
from journal.model import Incident, Message
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import screen_text
from tests.ui.test_export import open_export, settle

BODY = "Send a screenshot. Write to noreply@upwork.com.\nMy IP is 203.0.113.7, mail me at me@example.com\n"


async def test_keep_a_masked_value_and_write_to_the_exports_folder(store: Store, now: datetime) -> None:
    incident = Incident(id="", title="Security hold", kind="security-review", opened_at=now - timedelta(days=1))
    incident.add_message(Message(at=now - timedelta(hours=3), sender="Upwork", subject="Hold", body=BODY))
    store.create(incident)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_export(pilot, store, incident.id)
        assert screen.query_one("#opt-redact", Checkbox).label.plain == "Redact (r): off"
        await pilot.press("f", "r")
        await settle(pilot)
        assert screen.query_one("#opt-redact", Checkbox).label.plain == "Redact (r): on"
        text = screen.export.text
        assert "noreply@upwork.com" in text and "203.0.113.7" not in text and "me@example.com" not in text
        assert "Masked: [ip-1] 203.0.113.7, [email-1] me@example.com" in screen_text(app)
        await pilot.press("right_square_bracket", "k")
        await settle(pilot)
        assert load_keep(store, incident.id) == ["203.0.113.7"]
        assert "My IP is 203.0.113.7" in screen.export.text and "me@example.com" not in screen.export.text
        assert "Kept as written: noreply@upwork.com, 203.0.113.7" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        target = (store.data_dir / "exports" / f"{incident.id}.md").resolve()
        assert target.read_text() == screen.export.text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
        assert str(target) in screen.query_one("#export-path", Input).value
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:  # remembered for the next export
        screen = await open_export(pilot, store, incident.id)
        await pilot.press("f", "r", "l")
        await settle(pilot)
        assert "203.0.113.7" in screen.export.text
        assert "## メッセージ (1)" in screen.export.text and "Security hold" in screen.export.text
