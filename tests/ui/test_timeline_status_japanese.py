"""The timeline tab shows a status change (stored with its keys, `open -> waiting`) in the
reader's language, and the texts the app wrote as they were written."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journal import i18n
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import shown


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [("ja", "対応中 -> 返信待ち", "open -> waiting"), ("en", "open -> waiting", "対応中")],
)
async def test_a_status_change_reads_in_the_apps_language(
    store: Store, held: Incident, now: datetime, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str, absent: str
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", lang)
    i18n.set_language(None)
    incident = store.load(held.id)
    incident.set_status("waiting", now - timedelta(hours=1))
    store.save(incident)
    stored = [e.text for e in store.load(held.id).events if e.kind == "status-changed"]
    assert stored == ["open -> waiting"]
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        text = await shown(pilot)
        assert expected in text and absent not in text
