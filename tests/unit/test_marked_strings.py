"""Every user-visible string of the TUI and the CLI is marked for translation.

Reads the code (no import) and lists each literal English text handed straight to something
that shows it — a notification, a label, a binding's description, argparse's help, a line
printed for the user — without going through `_()`, `N_()` or `ngettext()`. A new screen or
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
SHOWN_KEYWORDS = {"help", "description", "epilog", "title", "sub_title", "placeholder", "tooltip", "label", "prompt"}
TRANSLATORS = {"_", "N_", "gettext", "ngettext"}
_WORD = re.compile(r"[A-Za-z]{2,}")

PENDING: set[str] = {
    "journal/cli/history.py",
    "journal/cli/parser.py",
    "screens/app.py",
    "screens/attach.py",
    "screens/bundle.py",
    "screens/export.py",
    "screens/fields.py",
    "screens/history.py",
    "screens/home.py",
    "screens/import_file.py",
    "screens/incident_list.py",
    "screens/modals.py",
    "screens/now.py",
    "screens/roster.py",
}
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
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _name(node.func) in TRANSLATORS:
            continue
        name = _name(node.func)
        candidates: list[ast.expr] = []
        if name in SHOWN_POSITIONAL:
            index = SHOWN_POSITIONAL[name]
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
