"""The Textual application and its factory, shared by the command line, tests and benchmarks.

Only what the home screen needs is imported here; the incident screen and the forms are
imported the first time they are opened, so the app starts fast.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path, PurePath

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from journal import i18n
from journal.config import Config, load_config, set_config_value
from journal.i18n import N_, _
from journal.store import Store
from screens.safe import error_line, tell
from screens.translated import translated_bindings

PALETTE_SKIP = ("list.", "text.", "help.", "choice.", "confirm.", "conflict.")
"""Bindings not worth offering by name in the command palette (moving a cursor, closing a dialog)."""


_UI = Path(__file__).parent
_SHARED_STYLES = [_UI / "modals.tcss", _UI / "forms" / "base.tcss"]
STYLES: list[str | PurePath] = [*_SHARED_STYLES, *sorted(set(_UI.rglob("*.tcss")) - set(_SHARED_STYLES))]
"""Every .tcss of the UI (each screen's CSS_PATH names its own), read once when the app
starts: a screen's first opening then parses nothing (reading a file there re-parses every
rule and restyles every widget, long enough for keys typed ahead to reach a dialog before
it is mounted). The shared files come first, so a dialog's own rules win at equal
specificity, as when its CSS_PATH is read alone."""


class IncidentJournalApp(App[int]):
    """Incident Journal: home lists the incidents; each opens in its own screen."""

    TITLE = N_("Incident Journal")
    CSS_PATH = STYLES
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Below 100 columns screens get the class `-narrow` (a tighter footer, see app.tcss)."""
    COMMANDS = App.COMMANDS | {lambda: _incident_commands()}
    BINDINGS = [
        Binding("question_mark", "help", N_("Keys"), id="app.help", tooltip=N_("List every key that works here")),
        Binding("q", "quit", N_("Quit"), id="app.quit", tooltip=N_("Leave Incident Journal")),
        Binding(
            "ctrl+t",
            "change_theme",
            N_("Theme"),
            show=False,
            id="app.theme",
            tooltip=N_("Choose a colour theme (remembered)"),
        ),
    ]

    def __init__(self, store: Store, config: Config | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config if config is not None else load_config()
        self.title = _(self.TITLE)

    history_recorder = None
    """Commits each change in a thread of its own (None when history is off)."""

    def _history_problem(self, line: str) -> None:
        """A commit failed (the save itself stands): one line, from the history thread."""
        self.call_from_thread(tell, self, line, error=True)

    def on_unmount(self) -> None:
        if self.history_recorder is not None:
            self.history_recorder.flush(10.0)  # what is still queued is caught up next time

    @property
    def export_available(self) -> bool:
        """True when the export screen is part of this installation."""
        return importlib.util.find_spec("screens.export") is not None

    def on_mount(self) -> None:
        from journal.recorder import connect
        from screens.home import HomeScreen

        history = connect(self.store, self.config.data, self._history_problem, background=True)
        self.history_recorder = getattr(history, "recorder", None)

        if self.config.problem:
            tell(self, self.config.problem, error=True)
        for problem in self.config.problems:  # wrong entries: the rest of the file still applies
            tell(self, problem, error=True)
        keymap = self.config.keymap
        if keymap:
            try:
                self.set_keymap(keymap)
            except Exception as error:  # a bad key name in the config file
                line = _("[keymap] not used: {error}").format(error=error_line(error))
                tell(self, f"{self.config.path}: {line}", error=True)
        theme = self.config.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen(self.store))

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if not isinstance(name, str) or name == self.config.theme:
            return
        try:
            set_config_value("theme", name, self.config.path)
        except Exception as error:
            tell(self, _("Theme not remembered: {error}").format(error=error_line(error)), error=True)
            return
        self.config = load_config(self.config.path)

    # ------------------------------------------------------------------ keys

    def binding_rows(self, screen: Screen) -> list[tuple[str, str, str, str]]:
        """(key, name, what it does, id for the keymap) for every binding active on `screen`,
        in the app's language."""
        shown: list[tuple[str, str, str, str]] = []
        others: list[tuple[str, str, str, str]] = []
        seen = set()
        for active in translated_bindings(screen.active_bindings).values():
            binding = active.binding
            marker = (binding.action, id(active.node))
            if marker in seen or (binding.id is None and not binding.show):
                continue  # Textual's own scrolling keys: not ours to explain
            seen.add(marker)
            row = (
                self.get_key_display(binding),
                binding.description or binding.action,
                binding.tooltip,
                binding.id or "",
            )
            (shown if binding.show else others).append(row)
        return [*shown, ("ctrl+p", _("Commands"), _("Find any action by name"), ""), *others]

    def action_help(self) -> None:
        from screens.modals import HelpModal

        self.push_screen(HelpModal(self.binding_rows(self.screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: the app's own (theme, quit, keys, language, screenshot),
        then every binding of `screen` by its name, all in the app's language."""
        yield SystemCommand(_("Theme"), _("Choose a colour theme (remembered)"), self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Leave Incident Journal"), self.action_quit)
        yield SystemCommand(_("Keys"), _("List every key that works here"), self.action_help)
        current = i18n.language()
        for lang in i18n.LANGUAGES:
            name = i18n.NAMES[lang]
            help_text = _("Speak {language} from now on (remembered)").format(language=name)
            if lang == current:
                help_text = _("The language now")
            # "Language" in English too, so a user lost in a language they do not read finds it
            title = _("Language") + ("" if current == "en" else " (Language)") + f": {name}"
            yield SystemCommand(title, help_text, partial(self.switch_language, lang))
        yield SystemCommand(
            _("Screenshot"),
            _("Save an SVG picture of the screen"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        seen = {_("Quit"), _("Keys"), _("Theme")}
        for active in translated_bindings(screen.active_bindings).values():
            binding = active.binding
            if not binding.id or binding.id.startswith(PALETTE_SKIP) or binding.id.startswith("app."):
                continue
            title = binding.description or binding.action
            if title in seen:
                continue
            seen.add(title)
            help_text = f"{binding.tooltip} ({self.get_key_display(binding)})"
            # the app runs it with the binding's node (screen or widget) as the namespace,
            # as the node's own run_action would
            yield SystemCommand(title, help_text, partial(self.run_action, binding.action, active.node))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from screens.commands import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette", placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from screens.commands import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    # ------------------------------------------------------------------ language

    def switch_language(self, lang: str) -> None:
        """Speak `lang` (en or ja) from now on, remember it in the config file, and show the
        home screen again in it. Refused while a dialog is open (what was typed there would be
        lost): one line says so."""
        from textual.command import CommandPalette
        from textual.screen import ModalScreen

        from screens.home import HomeScreen

        if any(isinstance(s, ModalScreen) and not isinstance(s, CommandPalette) for s in self.screen_stack):
            tell(self, _("Close the open dialog first, then switch the language"), error=True)
            return
        i18n.set_language(lang)
        self.title = _(self.TITLE)
        try:
            set_config_value("language", lang, self.config.path)
        except Exception as error:
            tell(self, _("Language not remembered: {error}").format(error=error_line(error)), error=True)
        else:
            self.config = load_config(self.config.path)
        while len(self.screen_stack) > 2:  # the default screen, then home
            self.pop_screen()
        self.switch_screen(HomeScreen(self.store))
        line = _("Language: {language} (remembered)").format(language=i18n.NAMES[lang])
        if i18n.language_of(os.environ.get(i18n.LANG_ENV)) not in (None, lang):
            line += " · " + _("{name} chooses another at the next start").format(name=i18n.LANG_ENV)
        tell(self, line)

    # ------------------------------------------------------------------ incidents

    def open_incident(self, incident_id: str, tab: str | None = None) -> None:
        """Open an incident from anywhere (the palette), on `tab` when given; the list is
        reloaded when it is closed, as when it is opened from the list."""
        from screens.home import HomeScreen

        home = next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)
        if home is None:
            return
        home.open_incident(incident_id, tab)

    # ------------------------------------------------------------------ export

    def open_export(self, incident_id: str) -> None:
        """Open the export screen for an incident, when it is installed."""
        try:
            from screens.export import ExportScreen  # type: ignore[import-not-found]
        except ImportError:
            tell(self, _("Export is not available in this version; use: incident-journal export ID"))
            return
        try:
            screen = ExportScreen(self.store, incident_id)
        except Exception as error:
            tell(self, error_line(error), error=True)
            return
        self.push_screen(screen)

    # ------------------------------------------------------------------ failures

    def _fatal_error(self) -> None:
        """An unexpected failure: one line on stderr, exit code 1, never a traceback with
        local variables (they may hold email bodies or addresses)."""
        error = self._exception
        self.bell()
        name = type(error).__name__ if error else "error"
        self._exit_renderables.append(
            Text(
                "incident-journal: "
                + _("internal error ({name}): {error}; everything saved before is on disk").format(
                    name=name, error=error_line(error) if error else ""
                )
            )
        )
        self._close_messages_no_wait()


def _incident_commands() -> type:
    """The palette provider of incidents, imported when the palette first opens."""
    from screens.commands import IncidentCommands

    return IncidentCommands


def make_app(store: Store, config: Config | None = None) -> IncidentJournalApp:
    """The app for a store (one factory for the CLI, tests and benchmarks)."""
    return IncidentJournalApp(store, config)


def run_app(store: Store) -> int:
    """Run the UI; returns the process exit code (1 after an unexpected failure)."""
    store.ensure()
    app = make_app(store)
    result = app.run()
    code = app.return_code
    if code is None:
        code = result if isinstance(result, int) else 0
    if code:
        sys.stderr.flush()
    return code
