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


# The core (journal/, outside the CLI): the errors it raises reach the user as the last line of
# a command or a notification of the TUI, so their words are marked too. Only the errors a user
# sees are checked (ValueError and the like are bugs, not messages); an argument counts when it
# holds words with a space between them, so keys such as "sha256" given beside a message pass.
USER_ERRORS = {
    "JournalError",
    "BadInputError",
    "StoreError",
    "ConflictError",
    "NotFoundError",
    "ExistsError",
    "BusyError",
    "Cancelled",
    "HistoryError",
    "FormatError",
    "RosterChangedError",
    "TimeParseError",
    "NonexistentTimeError",
    "Refused",
    "NotRegularFile",
    "TooBig",
    "Unparsable",
    "fail",  # the file readers' `r.fail(key, message)` (journal/codec.py)
}
_SENTENCE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]")


def _core_unmarked(node: ast.expr) -> bool:
    """A literal (or f-string, or a sum of them) with English words in it, not translated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_SENTENCE.search(re.sub(r"\{[^}]*\}", "", node.value)))
    if isinstance(node, ast.JoinedStr):
        return _core_unmarked(ast.Constant("".join(p.value for p in node.values if isinstance(p, ast.Constant))))
    if isinstance(node, ast.BinOp):
        return _core_unmarked(node.left) or _core_unmarked(node.right)
    return False


def core_unmarked_messages(path: Path) -> list[str]:
    """`file:line: text` for each English message given to an error a user sees without
    `_()`, and each step given to `StoreError.from_os_error` through `_()` instead of `N_()`
    (it translates the step itself, and knows a step the catalog lacks by it coming back
    unchanged)."""
    source = path.read_text(encoding="utf-8")
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in USER_ERRORS:
            for candidate in [*node.args, *(kw.value for kw in node.keywords)]:
                if _core_unmarked(candidate):
                    text = ast.get_source_segment(source, candidate) or ""
                    found.append(f"{where}:{candidate.lineno}: {text[:70]}")
        if name == "from_os_error" and len(node.args) > 2:
            step = node.args[2]
            if _core_unmarked(step) or (isinstance(step, ast.Call) and _name(step.func) == "_"):
                found.append(f'{where}:{step.lineno}: the step must be N_("...")')
    return found


CORE_MODULES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "journal").glob("*.py"))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_the_cores_error_messages_are_marked_for_translation(module: str) -> None:
    found = core_unmarked_messages(ROOT / module)
    assert not found, "wrap these in _() (N_() for a step of from_os_error):\n" + "\n".join(found)


def test_the_core_check_finds_an_unmarked_message(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(path, n, error):\n"
        '    raise BadInputError(f"{path}: there are {n} of them")\n'
        '    raise r.fail("sha256", _("{key} must be 64 hex digits"))\n'
        '    raise StoreError.from_os_error(path, error, _("read the file"))\n'
        '    raise ConflictError(f"{path}: " + _("changed on disk"))\n',
        encoding="utf-8",
    )
    found = core_unmarked_messages(sample)
    assert [line.split(": ", 1)[0] for line in found] == ["sample.py:2", "sample.py:4"]
