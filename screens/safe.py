"""Showing untrusted text in widgets, and turning failures into one-line notices.

Textual parses markup in plain strings given to Static, Label, DataTable cells, OptionList
prompts, titles and `notify`. Every string that came from a user or a file goes through
`plain`/`block` (a `Content` that is never parsed), after `journal.text` made control,
escape and bidi characters visible.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from rich.cells import cell_len
from textual.app import App
from textual.content import Content
from textual.dom import DOMNode

from journal.text import break_offsets, one_line, printable

T = TypeVar("T")
log = logging.getLogger("incident-journal")


def plain(text: str, style: str = "") -> Content:
    """One line of untrusted text, shown literally."""
    content = Content(one_line(text))
    return content.stylize(style) if style else content


def block(text: str) -> Content:
    """Several lines of untrusted text, shown literally (tabs and line breaks kept)."""
    return Content(printable(text).expandtabs(4))


NAME_CELLS = 60
"""The most cells a file name takes in a notice: less than one line of a notice (the app's CSS
makes them at least 64 cells wide inside), so a name is never broken across two lines."""


def file_and_folder(path: Path) -> tuple[str, str]:
    """A path for a notice, as (file name, folder with `~` for the home folder), so the two
    are words of their own: a notice wraps at spaces, and the name, at most NAME_CELLS cells
    (a longer one keeps its start and its end around `…`), is never broken in the middle."""
    from rich.cells import cell_len, set_cell_size

    folder = str(path.parent)
    home = str(Path.home())
    if home not in ("", os.sep) and (folder == home or folder.startswith(home + os.sep)):
        folder = "~" + folder[len(home) :]
    name = path.name
    if cell_len(name) > NAME_CELLS:
        tail = name[-20:]
        name = set_cell_size(name, NAME_CELLS - 1 - cell_len(tail)).rstrip() + "…" + tail
    return name, folder


def error_line(error: BaseException) -> str:
    """One line for the user about a failure (never a traceback or local variables)."""
    text = one_line(str(error)) or type(error).__name__
    return text if len(text) <= 300 else text[:299] + "…"


TOAST_CELLS = 72
"""A notice's width in cells, and at most 90 % of the screen's (app.tcss: `Toast`)."""
TOAST_FRAME = 3
"""Cells of a notice that hold no text: its padding (1 each side) and its left border."""
TOAST_RACK_GUTTER = 2
"""Cells of the screen's width the notices' column does not have: its vertical scrollbar
(Textual's ToastRack scrolls), so 90 % is of the screen's width less these."""


def notice_text(message: str, width: int, whole: Sequence[str] = ()) -> str:
    """`message` (one line) cut into lines of at most `width` cells by the Japanese
    line-breaking rule (journal.text.break_offsets: between Japanese characters, never before
    `。` `）` nor after `（`; English at spaces), joined by newlines; never inside one of
    `whole` (a file name, a folder) that fits on a line: the line breaks before it instead."""
    spans = []
    for word in whole:
        at = message.find(word) if word else -1
        while at != -1:
            spans.append((at, at + len(word)))
            at = message.find(word, at + len(word))
    lines: list[str] = []
    start = 0
    while start < len(message):
        offsets = break_offsets(message[start:], max(width, 2))
        if not offsets:
            lines.append(message[start:])
            break
        cut = start + offsets[0]
        for first, end in spans:
            if start < first < cut < end and cell_len(message[first:end]) <= width:
                cut = first
        lines.append(message[start:cut].rstrip())
        start = cut
        while start < len(message) and message[start] == " ":
            start += 1
    return "\n".join(lines)


def tell(
    app: App, message: str, *, error: bool = False, whole: Sequence[str] = (), timeout: float | None = None
) -> None:
    """A notice with literal text (markup in file names or titles is not parsed). Text with
    wide (Japanese) characters is cut into lines by `notice_text` at the notice's width, so it
    wraps by the Japanese rules and none of `whole` (a file name) is broken in the middle;
    other text is left to Textual, which wraps it at spaces alike. Shown `timeout` seconds (default
    4, an error 8)."""
    text = one_line(message)
    if cell_len(text) != len(text):  # wide characters: Textual would wrap at spaces only
        screen = app.size.width - TOAST_RACK_GUTTER
        width = min(TOAST_CELLS, screen * 9 // 10 if screen > 0 else TOAST_CELLS) - TOAST_FRAME
        text = notice_text(text, width, whole)
    app.notify(
        text,
        severity="error" if error else "information",
        markup=False,
        timeout=timeout or (8 if error else 4),
    )


def attempt(app: App, do: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `do`; on any failure show one line and return (False, None). The caller keeps
    whatever the user typed, since nothing was dismissed."""
    try:
        return True, do()
    except Exception as error:  # a handler must never reach Textual's crash screen
        log.debug("operation failed", exc_info=True)
        tell(app, error_line(error), error=True)
        return False, None


def row_item(node: DOMNode, items: list[T]) -> T | None:
    """The item under the cursor of the first DataTable in `node`, if any (asked while the
    footer is built too, maybe before the table is composed)."""
    from textual.widgets import DataTable  # not at import: the home screen needs no table

    tables = node.query(DataTable)
    if not tables:
        return None
    row = tables.first().cursor_row
    return items[row] if 0 <= row < len(items) else None
