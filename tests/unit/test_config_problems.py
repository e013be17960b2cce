"""A config file with wrong entries: each is named with the file and line, by `check` and
in the terminal UI at start, and the rest of the file still applies."""

from __future__ import annotations

import pytest

from journal import paths
from journal.cli import main
from journal.config import BINDING_IDS, THEMES, key_problem, load_config

CONFIG = """theme = "nrod"
language = "jp"
colour = "red"

[keymap]
"incident.add" = "ctrl+a"
"incident.nope" = "x"
"list.up" = "ctrl+foo"
"list.down" = "question_mark"
"home.new" = "hyperspace+n"
"""


def write(text: str):
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_wrong_entry_is_named_with_its_line_and_the_rest_applies() -> None:
    path = write(CONFIG)
    config = load_config()
    assert config.problems == [
        f"{path}:1: unknown theme 'nrod'; the default theme is used",
        f"{path}:2: unknown language 'jp' (use 'en' or 'ja'); ignored",
        f"{path}:3: unknown setting 'colour' (known: theme, language, keymap, history, remote); ignored",
        f"{path}:7: unknown binding id 'incident.nope' (the keys screen, ?, lists them); ignored",
        f"{path}:8: 'ctrl+foo': 'foo' is not a key name (such as a, f2, enter, escape, question_mark); 'list.up' keeps its key",
        f"{path}:10: 'hyperspace+n': unknown modifier 'hyperspace' (use ctrl, shift, alt, meta, super, hyper); 'home.new' keeps its key",
    ]
    assert config.keymap == {"incident.add": "ctrl+a", "list.down": "question_mark"}
    assert config.theme is None and config.language is None


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ('language = "english"\n', 1, "unknown language 'english'"),
        ('theme = "nord"\nkeymap = "ctrl+q"\n', 2, "keymap must be a table"),
        ("[keymap]\n'app.quit' = 'ctrl+q'\n'app.help' = 3\n", 3, "must be text"),
        ("[keymap]\napp.quit = 'ctrl+q'\n", 2, 'write binding ids in quotes, as "app.quit"'),
        ('[keymap]\n"app.quit" = "ctrl+q,,f10"\n', 2, "empty key"),
        ('[colors]\nbackground = "black"\n', 1, "unknown setting 'colors'"),
    ],
)
def test_more_wrong_entries(text: str, line: int, said: str) -> None:
    path = write(text)
    problems = load_config().problems
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: ") and said in problems[0]


@pytest.mark.parametrize(
    "good",
    [
        "ctrl+a",
        "f2",
        "escape",
        "question_mark",
        "ctrl+shift+up",
        "?",
        "ａ",
        "enter,ctrl+s",
        "ctrl+right_square_bracket",
    ],
)
def test_key_names_textual_parses_pass(good: str) -> None:
    assert key_problem(good) == ""


def test_good_settings_give_no_problem() -> None:
    write('theme = "nord"\nlanguage = "ja_JP.UTF-8"\n\n[keymap]\n"app.quit" = "ctrl+q"\n')
    config = load_config()
    assert config.problems == [] and config.language == "ja" and config.theme == "nord"


def test_check_names_the_config_problems(capsys) -> None:
    path = write(CONFIG)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: unknown language 'jp'" in err and f"{path}:7: unknown binding id 'incident.nope'" in err


def test_the_lists_are_those_of_the_terminal_ui() -> None:
    """BINDING_IDS and THEMES are kept by hand in the core (which never imports the UI): after
    adding a binding, run scripts/update_binding_ids.py."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.keys import Keys
    from textual.theme import BUILTIN_THEMES

    import screens
    from journal import config

    ids = set()
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, DOMNode) and value.__module__.startswith("screens"):
                ids |= {b.id for b in value.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id}
    assert ids == set(BINDING_IDS)
    assert set(BUILTIN_THEMES) == set(THEMES)
    names = {key.value.split("+")[-1] for key in Keys} - {
        "<any>",
        "<ignore>",
        "<scroll-down>",
        "<scroll-up>",
        "ctrl-at",
    }
    assert {name for name in names if len(name) > 1} <= config._KEY_NAMES
