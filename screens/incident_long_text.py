"""Reading a very long message (a pasted log, a 1 MiB notice): only the lines on screen are
laid out. A TextArea wraps the whole text before it shows any of it (minutes for a megabyte
of Japanese on one line), so a message over LONG_TEXT_CHARS is shown by `LongText` instead:
each line is cut into rows of a fixed number of characters (the width in cells, or half of it
for a line with any character outside ASCII, which may be two cells wide), so where any row
starts is known without reading the text before it."""

from __future__ import annotations

import bisect
from array import array

from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from screens.modals import TextModal

LONG_TEXT_CHARS = 100_000
"""A message body longer than this many characters is read with LongText."""


class LongText(ScrollView, can_focus=True):
    """Plain text (a display copy: journal.text.printable, tabs expanded), wrapped into rows
    of fixed character counts and drawn a row at a time; scrolled with the arrow and page
    keys, home and end."""

    DEFAULT_CSS = """
    LongText { height: 1fr; scrollbar-size-vertical: 1; }
    """

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines = text.split("\n")
        self._wide = [not line.isascii() for line in self.lines]
        self._starts = array("q")
        """The first row of each line at the current width (its last item: the row count)."""
        self._width = -1

    def _layout(self, width: int) -> None:
        """Count each line's rows at `width` cells (len and isascii only: C speed)."""
        self._width = width
        starts = array("q", [0])
        total = 0
        for line, wide in zip(self.lines, self._wide):
            step = self._step(wide, width)
            total += max(1, -(-len(line) // step))
            starts.append(total)
        self._starts = starts
        self.virtual_size = Size(width, total)

    @staticmethod
    def _step(wide: bool, width: int) -> int:
        """Characters a row holds."""
        return max(1, width // 2 if wide else width)

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._layout(width)
        self.refresh()

    def on_mount(self) -> None:
        self._layout(max(1, self.scrollable_content_region.width or self.size.width))

    def row_text(self, row: int) -> str:
        """The text of row `row` (0 is the first), or "" past the end."""
        if not 0 <= row < (self._starts[-1] if self._starts else 0):
            return ""
        number = bisect.bisect_right(self._starts, row) - 1
        step = self._step(self._wide[number], self._width)
        offset = (row - self._starts[number]) * step
        return self.lines[number][offset : offset + step]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        style = self.rich_style
        text = self.row_text(int(self.scroll_offset.y) + y)
        return Strip([Segment(text, style)]).crop(0, width).adjust_cell_length(width, style)

    def visible_text(self) -> list[str]:
        """The rows on screen (what a user reads)."""
        return [self.row_text(int(self.scroll_offset.y) + y) for y in range(self.scrollable_content_region.height)]


class LongTextModal(TextModal):
    """TextModal for a body over LONG_TEXT_CHARS: the same dialog, drawn by LongText (the
    text cannot be selected: the terminal's clipboard takes at most 100 KiB anyway)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.head, id="head")
            yield LongText(self.body, id="body")


def text_modal(head: Content, body: str) -> TextModal:
    """The dialog that reads `body` (a display copy): LongTextModal for a long one."""
    return LongTextModal(head, body) if len(body) > LONG_TEXT_CHARS else TextModal(head, body)
