"""Every user-visible string of the TUI and the CLI is marked for translation.

Reads the code (no import) and lists each literal English text handed straight to something
that shows it — a notification, a label, a binding's description, argparse's help, a line
printed for the user (`print`, `sys.stdout.write`, the CLI's `warn`/`say` helpers, an error
raised for bad input) — without going through `_()`, `N_()` or `ngettext()`. A new screen or
command that forgets to mark its words fails here, naming file and line, before a Japanese user
sees English. Texts that are not words for people (CSS, ids, key names, format strings made
only of placeholders, markup-free separators) pass, since they hold no letters to translate
or are not in these calls.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SHOWN_POSITIONAL = {
    # Textual widgets and app methods whose first argument is shown as text.
    "notify": 0,
    "Static": 0,
    "Label": 0,
    "Button": 0,
    "Checkbox": 0,
    "Switch": None,
    "set_title": 0,
    "push_message": 0,
    # argparse
    "add_parser": None,
    "ArgumentParser": None,
    "add_argument_group": 0,
}
CLI_SHOWN_POSITIONAL = {
    # What the command line prints: print() and stream writes, its own helpers for warning
    # and message lines (journal/cli/output.py), and the errors it raises for bad input.
    "print": 0,
    "write": 0,
    "warn": 0,
    "say": 0,
    "BadInputError": 0,
    "ArgumentTypeError": 0,
}
SHOWN_KEYWORDS = {"help", "description", "epilog", "title", "sub_title", "placeholder", "tooltip", "label", "prompt"}
TRANSLATORS = {"_", "N_", "gettext", "ngettext"}
_WORD = re.compile(r"[A-Za-z]{2,}")

PENDING: set[str] = set()
"""Modules not yet converted (each removed from here once its words are marked)."""


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _unmarked(node: ast.expr | None) -> bool:
    """A literal with words in it, or an f-string with words, not inside a translator call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", node.value)
        return bool(_WORD.search(text))
    if isinstance(node, ast.JoinedStr):
        return any(_unmarked(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def unmarked_strings(path: Path) -> list[str]:
    """`file:line: text` for each literal shown to the user without a translator call."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    shown = SHOWN_POSITIONAL
    if path.is_relative_to(ROOT / "journal" / "cli"):
        shown = {**SHOWN_POSITIONAL, **CLI_SHOWN_POSITIONAL}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) in TRANSLATORS:
            continue
        name = _name(node.func)
        candidates: list[ast.expr] = []
        if name in shown:
            index = shown[name]
            if index is not None and len(node.args) > index:
                candidates.append(node.args[index])
        if name == "Binding" and len(node.args) > 2:
            candidates.append(node.args[2])
        candidates += [kw.value for kw in node.keywords if kw.arg in SHOWN_KEYWORDS]
        for candidate in candidates:
            if _unmarked(candidate):
                text = ast.get_source_segment(path.read_text(encoding="utf-8"), candidate) or ""
                found.append(f"{path.relative_to(ROOT)}:{candidate.lineno}: {text[:70]}")
    return found


MODULES = sorted(
    str(p.relative_to(ROOT)) for p in [*(ROOT / "screens").rglob("*.py"), *(ROOT / "journal" / "cli").rglob("*.py")]
)


@pytest.mark.parametrize("module", MODULES)
def test_user_visible_strings_are_marked_for_translation(module: str) -> None:
    found = unmarked_strings(ROOT / module)
    if module in PENDING:
        assert found, f"{module} has no unmarked strings left: remove it from PENDING"
        return
    assert not found, "wrap these in _() (or N_() at import time):\n" + "\n".join(found)


def translator_calls_inside_fstrings(path: Path) -> list[str]:
    """`file:line` for each `_()`/`ngettext()`/`N_()` written inside an f-string: Babel's
    extractor does not look inside f-strings, so such a message never reaches the catalogs
    and shows in English whatever the language."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and _name(inner.func) in TRANSLATORS
                    and inner.args
                    and isinstance(inner.args[0], ast.Constant)  # a literal message (a variable was marked elsewhere)
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


ALL_MODULES = sorted(
    str(p.relative_to(ROOT)) for p in [*(ROOT / "screens").rglob("*.py"), *(ROOT / "journal").rglob("*.py")]
)


@pytest.mark.parametrize("module", ALL_MODULES)
def test_no_message_is_marked_inside_an_fstring(module: str) -> None:
    found = translator_calls_inside_fstrings(ROOT / module)
    assert not found, "take these out of the f-string (Babel cannot extract them):\n" + "\n".join(found)
