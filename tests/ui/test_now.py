"""The Now screen: what needs the user today, across the journal; enter opens the incident."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import DataTable, TabbedContent

from journal.model import Contract, Incident
from journal.store import Store
from screens.app import make_app
from screens.now import EMPTY_TEXT, NowScreen
from tests.ui.conftest import screen_text, shown


@pytest.fixture(autouse=True)
def now_loads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Gather the Now items on the UI thread, so a test sees them after `pilot.pause()`."""
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", False)


def overdue_suspension(
    store: Store, now: datetime, title: str = "Contract with Northwind Studio suspended"
) -> Incident:
    incident = Incident(
        id="",
        title=title,
        kind="contract-suspension",
        opened_at=now - timedelta(days=5),
        status="waiting",
        follow_up_at=now - timedelta(hours=3),
    )
    incident.contracts.append(
        Contract(client="Northwind Studio", state="paused", deadline=now.date() + timedelta(days=10))
    )
    return store.create(incident)


async def test_t_lists_follow_ups_requests_and_near_deadlines(store: Store, held: Incident, now: datetime) -> None:
    late = overdue_suspension(store, now)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        text = await shown(pilot)
        assert isinstance(app.screen, NowScreen)
        assert "1 follow-up due · 1 support request to answer · 1 deadline soon" in text
        lines = [line for line in text.splitlines() if line.strip()]
        rows = [line for line in lines if line.lstrip().startswith(("Follow-up due", "Answer support", "Deadline"))]
        assert [r.split()[0] for r in rows] == ["Follow-up", "Answer", "Deadline"]  # follow-ups first
        assert "3h ago" in rows[0] and "Contract with Northwind" in rows[0]
        assert "When and where did you last access" in rows[1]
        assert "today (11-24)" in rows[2] and "Acme Ltd" in rows[2]
        assert "Northwind Studio" not in rows[2]  # its deadline is 10 days away

        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentScreen"
        assert app.screen.incident.id == late.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NowScreen)

        await pilot.press("down", "enter")  # the request opens on the Requests tab
        await pilot.pause()
        await pilot.pause()
        assert app.screen.incident.id == held.id
        assert app.screen.query_one(TabbedContent).active == "requests"


async def test_answered_request_leaves_the_list_on_return(store: Store, held: Incident, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert "Answer support" in screen_text(app)

        def answer(incident: Incident) -> None:
            incident.requests[0].answer = "Yesterday at home, from my laptop."
            incident.requests[0].answered_at = now

        store.update(held.id, answer)
        await pilot.press("r")
        text = await shown(pilot)
        assert "Answer support" not in text and "Deadline" in text


async def test_nothing_due_says_so(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        text = await shown(pilot)
        assert " ".join(EMPTY_TEXT.split()[:6]) in " ".join(text.split())
        assert not app.screen.query_one(DataTable).display
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_markup_in_titles_and_questions_is_shown_literally(store: Store, held: Incident, now: datetime) -> None:
    overdue_suspension(store, now, title="[bold red]Acme[/] \x1b[31m suspended")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        text = await shown(pilot)
        assert "[bold red]Acme[/]" in text
        assert "\x1b" not in text


async def test_now_is_offered_in_the_footer_and_by_name(store: Store, now: datetime) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "t Now" in text and "c Contracts" in text and "i Import" in text
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Now", "Contracts", "Import"} <= set(titles)


async def test_items_are_gathered_in_a_thread(
    store: Store, held: Incident, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(NowScreen, "BACKGROUND_LOAD", True)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        text = await shown(pilot)
        assert "Answer support" in text and "Reading the journal" not in text
