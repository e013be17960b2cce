"""The config file (`<config folder>/config.toml`): theme, language, keymap.

Reading never fails: a missing file gives the defaults; a bad file gives the defaults plus
one line naming the file, line and reason (`Config.problem`), and is never rewritten by a
read. A file that reads but has wrong entries (an unknown key, an unknown `language` such as
`"jp"`, an unknown theme, an unknown keymap binding id, a key name that is not a key) gives
one line for each, with the file and line (`Config.problems`); the rest still applies.
Writing a value keeps every other key, and is atomic like every write here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from journal import i18n, paths, safe_read
from journal.errors import JournalError
from journal.i18n import N_, _
from journal.tomlpos import Locator

MAX_CONFIG_BYTES = 1024 * 1024
KNOWN_KEYS = ("theme", "language", "keymap", "history", "remote")
LANGUAGES = i18n.LANGUAGES
THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
"""The themes the terminal UI has (Textual's built-in themes; a test keeps this list true)."""
BINDING_IDS = (
    "app.help",
    "app.quit",
    "app.theme",
    "attach.cancel",
    "attach.path",
    "bundle.cancel",
    "bundle.write",
    "choice.cancel",
    "confirm.no",
    "confirm.yes",
    "conflict.cancel",
    "conflict.mine",
    "conflict.reload",
    "drafts.cancel",
    "eml.cancel",
    "export.back",
    "export.bundle",
    "export.copy",
    "export.format",
    "export.keep",
    "export.lang",
    "export.next-mask",
    "export.notes",
    "export.path",
    "export.prev-mask",
    "export.redact",
    "export.unkeep",
    "export.write",
    "form.cancel",
    "form.editor",
    "form.glossary",
    "form.read-eml",
    "form.submit",
    "help.close",
    "help.glossary",
    "history.close",
    "home.clear-filter",
    "home.contracts",
    "home.delete",
    "home.export",
    "home.filter",
    "home.import",
    "home.new",
    "home.now",
    "home.reload",
    "import.cancel",
    "incident.add",
    "incident.attach",
    "incident.back",
    "incident.delete",
    "incident.draft",
    "incident.edit",
    "incident.export",
    "incident.follow-up",
    "incident.history",
    "incident.redo",
    "incident.reply",
    "incident.security-questions",
    "incident.status",
    "incident.tab-checklist",
    "incident.tab-contracts",
    "incident.tab-messages",
    "incident.tab-overview",
    "incident.tab-requests",
    "incident.tab-timeline",
    "incident.toggle",
    "incident.undo",
    "incident.when",
    "list.down",
    "list.first",
    "list.last",
    "list.open",
    "list.page-down",
    "list.page-up",
    "list.up",
    "moment.cancel",
    "now.back",
    "now.reload",
    "picker.by-hand",
    "picker.cancel",
    "reply.close",
    "reply.copy",
    "reply.editor",
    "reply.log",
    "request.attach",
    "request.remove-file",
    "roster.add",
    "roster.back",
    "roster.edit",
    "roster.end",
    "roster.now",
    "text.close",
)
"""Every binding id of the terminal UI a keymap may name (a test keeps this list true)."""
_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_KEY_NAMES = frozenset(
    [
        "escape",
        "enter",
        "return",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        "backslash",
        "underscore",
        "circumflex_accent",
        "right_square_bracket",
        *(f"f{n}" for n in range(1, 25)),
    ]
)
"""Key names Textual knows besides single characters and Unicode character names
(`question_mark`); a test checks them against `textual.keys.Keys`."""


def _entry_line(text: str, table: str, key: str) -> int | None:
    """The line (1-based) of `key = ...` inside `[table]`, the key bare or quoted; None if
    it is not written that way (a dotted key or an inline table: the caller falls back)."""
    import re

    inside = False
    pattern = re.compile(r"^\s*(?:" + "|".join(re.escape(q) for q in (key, f'"{key}"', f"'{key}'")) + r")\s*[=.]")
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[] \t").strip("\"'") == table
            continue
        if inside and pattern.match(line):
            return number
    return None


def key_problem(keys: str) -> str:
    """Why `keys` (`"ctrl+a"`, `"f2,ctrl+n"`, `"question_mark"`) is not a key Textual can
    parse, or "" when it is."""
    import unicodedata

    for key in keys.split(","):
        key = key.strip()
        if not key:
            return f"{keys!r} has an empty key"
        *modifiers, name = key.split("+") if key != "+" else ["+"]
        bad = [m for m in modifiers if m.lower() not in _MODIFIERS]
        if bad:
            return f"{key!r}: unknown modifier {bad[0]!r} (use {', '.join(_MODIFIERS)})"
        if len(name) == 1 and name.isprintable():
            continue
        if name.lower() in _KEY_NAMES:
            continue
        try:
            unicodedata.lookup(name.replace("_", " "))
            continue
        except KeyError:
            return f"{key!r}: {name!r} is not a key name (such as a, f2, enter, escape, question_mark)"
    return ""


@dataclass
class Config:
    """The settings read from the config file."""

    data: dict[str, Any] = field(default_factory=dict)
    """Everything in the file, as parsed."""
    path: Path | None = None
    """Where it was read from."""
    problem: str = ""
    """One line if the file could not be read (the defaults are used then)."""
    text: str = ""
    """The file's text, to name the line of a wrong entry."""

    @property
    def theme(self) -> str | None:
        """The Textual theme chosen last, if any (None for a theme the app does not have)."""
        value = self.data.get("theme")
        return value if isinstance(value, str) and value in THEMES else None

    @property
    def language(self) -> str | None:
        """`en` or `ja` when set in the file (a locale such as `ja_JP.UTF-8` gives `ja`);
        None when not set or not a language we have."""
        value = self.data.get("language")
        return i18n.language_of(value) if isinstance(value, str) else None

    @property
    def keymap(self) -> dict[str, str]:
        """Binding id -> keys (`"incident.add" = "ctrl+a"`), from the `[keymap]` table; wrong
        entries (see `problems`) are left out."""
        table = self.data.get("keymap")
        if not isinstance(table, dict):
            return {}
        return {
            str(k): v
            for k, v in table.items()
            if k in BINDING_IDS and isinstance(v, str) and v.strip() and not key_problem(v)
        }

    @property
    def problems(self) -> list[str]:
        """One line per wrong entry, `<file>:<line>: <what is wrong>; <what is done>`."""
        if self.problem or not self.data:
            return []
        locator = Locator(self.text)

        def at(*where: str) -> str:
            line = _entry_line(self.text, where[0], where[1]) if len(where) == 2 else None
            if line is None:
                line, _column = locator.find(where)
            lines.append(line or 0)
            return f"{self.path}:{line}" if line else f"{self.path}"

        lines: list[int] = []

        out = []
        for key in self.data:
            if key not in KNOWN_KEYS:
                out.append(
                    f"{at(key)}: "
                    + _("unknown setting {key!r} (known: {items}); ignored").format(
                        key=key, items=", ".join(KNOWN_KEYS)
                    )
                )
        language = self.data.get("language")
        if language is not None and self.language is None:
            out.append(
                f"{at('language')}: "
                + _("unknown language {language!r} (use {items}); ignored").format(
                    language=language, items=" or ".join(repr(x) for x in LANGUAGES)
                )
            )
        theme = self.data.get("theme")
        if theme is not None and self.theme is None:
            out.append(f"{at('theme')}: " + _("unknown theme {theme!r}; the default theme is used").format(theme=theme))
        history = self.data.get("history")
        if history is not None and not isinstance(history, bool):
            out.append(f"{at('history')}: " + _("history must be true or false; history stays on"))
        remote = self.data.get("remote")
        if remote is not None and (not isinstance(remote, str) or not remote.strip()):
            out.append(f"{at('remote')}: " + _("remote must be text (an SSH URL or a folder path); ignored"))
        table = self.data.get("keymap")
        if table is not None and not isinstance(table, dict):
            out.append(f"{at('keymap')}: " + _("keymap must be a table ([keymap]); ignored"))
        elif isinstance(table, dict):
            for binding, keys in table.items():
                if isinstance(keys, dict):  # `app.quit = "ctrl+q"`: TOML reads a dotted key as a table
                    inner = next(iter(keys), "quit")
                    out.append(
                        f"{at('keymap', binding)}: "
                        + _('write binding ids in quotes, as "{binding}.{inner}" = ...; ignored').format(
                            binding=binding, inner=inner
                        )
                    )
                elif binding not in BINDING_IDS:
                    out.append(
                        f"{at('keymap', binding)}: "
                        + _("unknown binding id {binding!r} (the keys screen, ?, lists them); ignored").format(
                            binding=binding
                        )
                    )
                elif not isinstance(keys, str) or not keys.strip():
                    out.append(
                        f"{at('keymap', binding)}: "
                        + _('keys for {binding!r} must be text such as "ctrl+a"; ignored').format(binding=binding)
                    )
                elif reason := key_problem(keys):
                    out.append(
                        f"{at('keymap', binding)}: "
                        + _("{reason}; {binding!r} keeps its key").format(reason=reason, binding=binding)
                    )
        return [text for _, text in sorted(zip(lines, out), key=lambda pair: pair[0])]


def load_config(path: Path | None = None) -> Config:
    """Read the config file; never raises."""
    path = path or paths.config_file()
    try:
        raw = safe_read.read_file(path, MAX_CONFIG_BYTES, N_("the config file"), follow_links=True)
    except FileNotFoundError:
        return Config(path=path)
    except (JournalError, OSError) as error:
        return Config(path=path, problem=f"{error}; the config file is ignored")
    try:
        data = tomli.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(path=path, problem=f"{path}: the config file is not UTF-8 text; ignored")
    except tomli.TOMLDecodeError as error:
        return Config(
            path=path, problem=f"{path}:{error.lineno}:{error.colno}: {error.msg}; the config file is ignored"
        )
    except (RecursionError, MemoryError):
        return Config(path=path, problem=f"{path}: the config file is nested too deeply to read; ignored")
    return Config(data=data, path=path, text=raw.decode("utf-8"))


CONFIG_LOCK_SECONDS = 5.0
"""How long a config write waits for another process writing the config (seconds)."""


def with_value(text: str, key: str, value: Any) -> str:
    """The config file's text with one top-level key set to `value`: only the line of that
    key changes (its comment kept), or the key is added after the other top-level keys
    (before the first table); every other line (comments, blank lines, key order, tables)
    stays as the user wrote it (tomlkit edits TOML keeping its style). Raises JournalError
    when the result would not read back as the same settings with that key changed."""
    import tomlkit

    try:
        doc = tomlkit.parse(text)
        doc[key] = value
        out = tomlkit.dumps(doc)
    except Exception as error:  # tomlkit's own errors: the file was read by tomli already
        raise JournalError(
            _("the config file could not be edited ({error}); not changed").format(error=error)
        ) from None
    expected = dict(tomli.loads(text))
    expected[key] = value
    if tomli.loads(out) != expected:
        raise JournalError(_("the config file would not read back as written; not changed"))
    return out


def set_config_value(key: str, value: Any, path: Path | None = None) -> None:
    """Set one top-level key in the config file, keeping the others, and the user's comments,
    blank lines and key order: only the line of that key changes, or the key is added among
    the top-level keys (see `with_value`). The file is read again and the one key merged in
    under a lock (flock on `<config folder>/.config.lock`), so a change another process (a
    second app, the command line) made meanwhile is never dropped. Refuses to replace a
    config file that could not be read (so nothing the user wrote is lost). Raises
    JournalError (BusyError when another process holds the lock for more than
    CONFIG_LOCK_SECONDS)."""
    import os

    from journal.atomic import atomic_write, flock_within
    from journal.errors import BusyError, StoreError

    target = path or paths.config_file()
    paths.ensure_private_dir(target.parent)
    lock_path = target.parent / ".config.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError as error:
        raise StoreError.from_os_error(lock_path, error, N_("open the config lock")) from None
    try:
        flock_within(
            fd,
            CONFIG_LOCK_SECONDS,
            lambda: BusyError(f"{target}: " + _("another Incident Journal is writing it; try again")),
        )
        config = load_config(target)
        if config.problem:
            raise JournalError(_("{split}; not changed").format(split=config.problem.split(";")[0]))
        atomic_write(target, with_value(config.text, key, value).encode("utf-8"))
    finally:
        os.close(fd)
