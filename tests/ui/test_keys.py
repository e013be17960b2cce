"""Keys: help lists every binding, the palette offers every action, the keymap remaps,
the theme is remembered, every binding has an id and a tooltip."""

from __future__ import annotations

import importlib
import pkgutil

import tomli
from textual.binding import Binding

from journal import paths
from journal.model import Incident
from journal.store import Store
from screens.app import make_app
from screens.forms import IncidentForm
from screens.modals import ChoiceModal, HelpModal
from tests.ui.conftest import shown


def all_binding_classes():
    """Every class with bindings in every module of the UI (forms and later screens included)."""
    import screens

    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and getattr(value, "BINDINGS", None) and value.__module__ == module.__name__:
                yield value


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    ids = []
    for cls in all_binding_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), cls
            assert binding.id and binding.tooltip, f"{cls.__name__}: {binding.key}"
            ids.append(binding.id)
    assert len(ids) == len(set(ids))


async def test_help_lists_every_binding_of_the_screen(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpModal)
        text = await shown(pilot)
        for words in ("Record a new incident", "Filter by title", "Leave Incident Journal", "ctrl+p"):
            assert words in text
        assert {"Next incident", "Read the journal folder again"} <= {row[2] for row in app.screen.rows}
        await pilot.press("escape", "enter")
        await pilot.pause()
        await pilot.press("question_mark")
        text = await shown(pilot)
        for words in ("Add an item to the current tab", "Change the status", "Back to the list"):
            assert words in text
        tips = {row[2] for row in app.screen.rows}
        assert {"Show the Requests tab", "Tick or untick the checklist item (records when)"} - tips == {
            "Tick or untick the checklist item (records when)"
        }


async def test_command_palette_offers_every_action(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Add", "Edit", "Status", "Follow-up", "Back", "Overview", "Requests", "Quit", "Theme"} <= titles
        status = next(c for c in app.get_system_commands(app.screen) if c.title == "Status")
        await status.callback()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)  # the status picker (labels in the app's language)


async def test_keymap_in_the_config_file_remaps_bindings(store: Store) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keymap]\n"home.new" = "ctrl+n"\n')
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert not isinstance(app.screen, IncidentForm)
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, IncidentForm)


async def test_theme_choice_is_remembered_in_the_config_file(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    assert tomli.loads(paths.config_file().read_text())["theme"] == "nord"
    again = make_app(store)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_bad_config_file_is_reported_and_not_rewritten(store: Store) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("theme = \n")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("config" in n.message for n in app._notifications)
        app.theme = "nord"
        await pilot.pause()
    assert config.read_text() == "theme = \n"


async def test_x_opens_the_export_screen_from_home_and_incident(store: Store, held: Incident) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"


async def test_keys_that_cannot_work_are_refused_with_file_and_line_and_the_defaults_kept(store: Store) -> None:
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keymap]\n"home.new" = ","\n"app.quit" = "ctrl+"\n')
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = " ".join(n.message for n in app._notifications)
        assert f"{config}:2:" in said and f"{config}:3:" in said
        await pilot.press("n")
        assert isinstance(app.screen, IncidentForm)  # the default key still works
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running or app.return_code is not None
