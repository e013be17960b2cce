"""Pictures of the screens of the drafts, the money at risk and the glossary: the draft
picker, a client note with an outgoing warning, the incident headline with money at risk, the
glossary; at 80x24 and 120x36 (update with `--snapshot-update` on this file)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import TextArea

from journal import at_risk
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW, sample_incident

SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])


@pytest.fixture
def at_stake(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    now = datetime.fromisoformat(NOW)
    incident = sample_incident(now - timedelta(days=2))
    incident.contracts[0].amounts = at_risk.parse_amounts(
        "420.00 USD in escrow until 2026-12-09; 300 USD held until 2027-05-28; 50 USD refunded", now
    )
    store.create(incident)
    return store


@SIZES
def test_headline_and_overview_with_money_at_risk(snap_compare, at_stake: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(at_stake), terminal_size=size, press=["enter"])


@SIZES
def test_draft_picker(snap_compare, at_stake: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(at_stake), terminal_size=size, press=["enter", "w"])


@SIZES
def test_client_note_with_an_outgoing_warning(snap_compare, at_stake: Store, size: tuple[int, int]) -> None:
    async def warn(pilot) -> None:
        await pilot.press("enter", "5", "w", "enter")
        await pilot.pause()
        area = pilot.app.screen.query_one("#reply-text", TextArea)
        area.load_text(area.text + "\nOr message me on WhatsApp.\n")
        await pilot.pause()
        pilot.app.screen.show_hits()  # as TextArea.Changed does, before the picture is taken
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(at_stake), terminal_size=size, run_before=warn)


@SIZES
def test_glossary_from_the_key_list(snap_compare, at_stake: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(at_stake), terminal_size=size, press=["question_mark", "g"])
