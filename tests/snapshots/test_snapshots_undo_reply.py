"""Pictures of the new dialogs and screens: the delete question, the moment dialog, the
status list marking the current value, the reply to support, the export screen with masks
and on/off options; at 80x24 and 120x36 (update with `--snapshot-update` on this file)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import Input

from journal.model import Message
from journal.store import Store
from screens.app import make_app
from tests.ui.conftest import NOW, sample_incident

SIZES = pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])


@pytest.fixture
def answered(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    now = datetime.fromisoformat(NOW)
    incident = sample_incident(now - timedelta(days=2))
    incident.requests[0].answer = "Yesterday 21:00 from Tokyo, on my Mac, IP 203.0.113.7.\nNo VPN."
    incident.add_message(
        Message(
            at=now - timedelta(days=1),
            sender="noreply@upwork.com",
            subject="Re: Temporary hold",
            body="Please answer. Your IP 203.0.113.7 was seen; write to me@example.com",
        )
    )
    store.create(incident)
    return store


@SIZES
def test_delete_question(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(answered), terminal_size=size, press=["enter", "4", "d"])


@SIZES
def test_status_list_marks_current(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(answered), terminal_size=size, press=["enter", "s"])


@SIZES
def test_moment_dialog(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(answered), terminal_size=size, press=["enter", "4", "t"])


@SIZES
def test_reply_to_support(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(answered), terminal_size=size, press=["enter", "6", "r"])


@SIZES
def test_export_with_masks(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    async def redact(pilot) -> None:
        await pilot.press("enter", "x")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f", "r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right_square_bracket")
        # the data folder is a temp folder in tests: show a stable path in the picture
        field = pilot.app.screen.query_one("#export-path", Input)
        field.value = "/home/me/.local/share/incident-journal/exports/" + field.value.rsplit("/", 1)[-1]
        await pilot.pause()

    assert snap_compare(make_app(answered), terminal_size=size, run_before=redact)


@SIZES
def test_export_with_a_kept_value(snap_compare, answered: Store, size: tuple[int, int]) -> None:
    """The keep-list: the highlighted IP address kept as written (k), the preview saying so."""

    async def keep(pilot) -> None:
        await pilot.press("enter", "x")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("f", "r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right_square_bracket", "k")
        await pilot.app.workers.wait_for_complete()
        field = pilot.app.screen.query_one("#export-path", Input)
        field.value = "/home/me/.local/share/incident-journal/exports/" + field.value.rsplit("/", 1)[-1]
        await pilot.pause()

    assert snap_compare(make_app(answered), terminal_size=size, run_before=keep)


from tests.ui.conftest import list_loads_at_once  # noqa: E402, F401  (autouse: the list is there at once)
