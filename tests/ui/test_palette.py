"""The command palette finds incidents by title or id and opens them, on a tab if asked."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import TabbedContent

from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.commands import split_tab
from screens.incident import IncidentScreen
from tests.ui.conftest import sample_incident, shown


async def open_from_palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette searches in the background, after a short debounce
    await pilot.press("enter")
    await pilot.pause()


async def test_typing_part_of_a_title_opens_that_incident(store: Store, now: datetime) -> None:
    store.create(sample_incident(now - timedelta(days=2)))
    other = sample_incident(now - timedelta(days=1))
    other.title = "Payment hold on the Globex milestone"
    other = store.create(other)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_from_palette(pilot, "globex")
        assert isinstance(app.screen, IncidentScreen)
        assert app.screen.incident.id == other.id
        assert "Payment hold on the Globex milestone" in await shown(pilot)


async def test_a_tab_name_after_the_title_opens_that_tab(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await open_from_palette(pilot, "security requests")
        assert isinstance(app.screen, IncidentScreen)
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "requests"
        assert "When and where did you last access your account?" in await shown(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, IncidentScreen)  # back on the list


async def test_a_title_with_markup_is_offered_as_plain_text(store: Store, now: datetime) -> None:
    hostile = sample_incident(now - timedelta(days=2))
    hostile.title = "[b]Acme[/b] [/] [link=https://x.test]hold[/link]"
    hostile = store.create(hostile)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"acme")
        await pilot.pause(0.3)
        assert "[b]Acme[/b] [/] [link=https://x.test]hold[/link]" in await shown(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentScreen) and app.screen.incident.id == hostile.id


def test_only_a_last_word_of_three_letters_or_more_names_a_tab() -> None:
    assert split_tab("acme req") == ("acme", "requests")
    assert split_tab("acme Messages") == ("acme", "messages")
    assert split_tab("timeline") == ("timeline", None)
    assert split_tab("acme me") == ("acme me", None)
    assert split_tab("acme ltd") == ("acme ltd", None)


def test_a_tab_name_in_japanese_picks_the_tab_when_the_app_speaks_japanese() -> None:
    from journal import i18n

    i18n.set_language("ja")
    assert split_tab("さくら 依頼") == ("さくら", "requests")
    assert split_tab("さくら 経緯") == ("さくら", "timeline")
    assert split_tab("acme req") == ("acme", "requests")  # English names still work
    assert split_tab("acme me") == ("acme me", None)


async def test_a_key_typed_at_once_after_opening_on_a_tab_acts_on_that_tab(store: Store, held: Incident) -> None:
    """The palette opens an incident on its tab before anything is drawn: `a` typed at once
    adds a request (the Requests tab's add), not an Overview item."""
    from screens.forms.request import RequestForm

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.open_incident(held.id, "requests")
        assert isinstance(app.screen, IncidentScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RequestForm)
