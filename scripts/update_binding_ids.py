"""Rewrite `BINDING_IDS` in journal/config.py from the bindings the terminal UI declares.

The core never imports the UI, so the list of binding ids a keymap may name is kept in the
core by hand; tests/unit/test_config_problems.py fails when it drifts. Run this after adding
or renaming a binding: `.venv/bin/python scripts/update_binding_ids.py`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import screens


def ui_binding_ids() -> list[str]:
    """Every binding id declared by a class of the `screens` package, sorted."""
    ids: set[str] = set()
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if inspect.isclass(value) and issubclass(value, DOMNode) and value.__module__.startswith("screens"):
                ids |= {b.id for b in value.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id}
    return sorted(ids)


def main() -> None:
    # One id a line, as `ruff format` writes a tuple with a trailing comma: the file stays
    # formatted, and a new id shows in a diff as one added line.
    block = "BINDING_IDS = (\n" + "".join(f'    "{name}",\n' for name in ui_binding_ids()) + ")\n"
    path = Path(__file__).resolve().parent.parent / "journal" / "config.py"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"BINDING_IDS = \(\n.*?\n\)\n", lambda _: block, text, count=1, flags=re.S), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
