"""Nothing the user did in the terminal UI is lost when someone else writes the same incident
(the command line, a second app, an editor), and hostile text at scale neither crashes a
view nor reaches the terminal."""

from __future__ import annotations

from textual.widgets import Input

from journal.cli import main
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import EventForm
from screens.modals import ConflictModal
from tests.ui.conftest import screen_text


async def open_first(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "IncidentScreen"


async def test_cli_writes_while_the_screen_is_open_and_reload_reapplies_mine(store: Store, held: Incident) -> None:
    """The command line adds an event while the incident is open; the app's next save is
    refused and says so; "reload" shows the command's event and reopens the form with what
    was typed; saving it puts both in the file."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        assert main(["add-event", held.id, "Added from the command line"]) == 0
        await pilot.press("3", "a", *"Typed in the app", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)  # told, not overwritten
        assert "changed on disk" in screen_text(app)
        assert [e.text for e in store.load(held.id).events][-1] == "Added from the command line"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.screen.query_one("#text", Input).value == "Typed in the app"
        await pilot.press("ctrl+s")
        await pilot.pause()
        texts = [e.text for e in store.load(held.id).events]
        assert "Added from the command line" in texts and "Typed in the app" in texts
        assert store.conflict_copies() == []


async def test_cli_writes_while_the_screen_is_open_and_keep_mine_goes_beside(store: Store, held: Incident) -> None:
    """The same race answered with "keep mine": the command's event stays in the file, the
    user's change is in `<id>.conflict-<time>.toml`, and the notice names that file."""
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        assert main(["add-event", held.id, "Added from the command line"]) == 0
        await pilot.press("4", "space")
        await pilot.pause()
        assert isinstance(app.screen, ConflictModal)
        await pilot.press("m")
        await pilot.pause()
        on_disk = store.load(held.id)
        assert on_disk.events[-1].text == "Added from the command line" and on_disk.checklist[0].done_at is None
        [kept] = store.conflict_copies()
        assert store.load_path(kept).checklist[0].done_at is not None
        assert any(str(kept) in n.message for n in app._notifications)
        assert app.screen.incident.events[-1].text == "Added from the command line"


async def test_a_second_app_on_the_same_folder_cannot_overwrite_the_first(store: Store, held: Incident) -> None:
    first, second = make_app(store), make_app(Store(store.data_dir, cache_dir=store.cache_dir))
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        await open_first(one)
        await open_first(two)
        await one.press("3", "a", *"From the first app", "enter")
        await one.pause()
        assert store.load(held.id).events[-1].text == "From the first app"
        await two.press("3", "a", *"From the second app", "enter")
        await two.pause()
        assert isinstance(second.screen, ConflictModal)
        assert store.load(held.id).events[-1].text == "From the first app"
        await two.press("r")
        await two.pause()
        await two.press("ctrl+s")
        await two.pause()
        texts = [e.text for e in store.load(held.id).events]
        assert texts[-2:] == ["From the first app", "From the second app"]


async def test_a_change_on_disk_is_noticed_while_the_incident_is_open(
    store: Store, held: Incident, monkeypatch
) -> None:
    """With nothing open over it, the incident screen shows the file's new version at once
    (said once); with a form open, it says once that the next save will ask."""
    monkeypatch.setattr("screens.incident.DISK_CHECK_SECONDS", 0.05)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.pause(0.2)
        assert not any("changed on disk" in n.message for n in app._notifications)
        assert main(["add-event", held.id, "Added from the command line"]) == 0
        await pilot.pause(0.3)
        told = [n for n in app._notifications if "showing it as it is now" in n.message]
        assert len(told) == 1  # once, not every few seconds
        assert "Added from the command line" in [e.text for e in app.screen.incident.events]
        await pilot.press("3", "a")  # a form open over the screen: nothing is reloaded under it
        await pilot.pause()
        assert main(["add-event", held.id, "Added while the form is open"]) == 0
        await pilot.pause(0.3)
        await pilot.pause(0.3)
        screen = app.screen_stack[-2]
        assert "Added while the form is open" not in [e.text for e in screen.incident.events]
        await pilot.pause(0.2)
        assert len([n for n in app._notifications if "changed on disk since it was opened" in n.message]) == 1


async def test_the_reply_is_built_from_answers_given_on_the_command_line_a_moment_ago(
    store: Store, held: Incident
) -> None:
    """`r` right after `answer` on the command line (before the screen's own check of the
    file): the reply holds that answer, not the version the screen was showing."""
    from screens.reply import ReplyModal

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_first(pilot)
        await pilot.press("6")
        await pilot.pause()
        store.update(held.id, lambda i: setattr(i.requests[0], "answer", "Yesterday at 9, from home"))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReplyModal)
        assert "Yesterday at 9, from home" in app.screen.text
