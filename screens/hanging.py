"""Lines with a hanging indent: a bullet or a label, then text that wraps under itself, never
under the bullet. Wrapping is measured in cells (`rich.cells.cell_len`: a Japanese character is
two) and follows the usual Japanese line-breaking rules (kinsoku shori, JIS X 4051): no line
starts with a closing bracket or a comma/full stop such as `）` `、` `。`, and none ends with
an opening bracket such as `（` `「`; English wraps at spaces.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from journal.text import break_offsets

SEPARATOR = " · "
"""What separates the parts of a hint (`a 追加 · e 編集`): a line of parts breaks after one."""


def part_offsets(text: str, width: int) -> list[int] | None:
    """Breaks for a line made of parts joined by SEPARATOR, each line holding whole parts
    (the separator stays at the end of a line); None when a part alone is wider than `width`."""
    starts = [0]
    at = text.find(SEPARATOR)
    while at != -1:
        starts.append(at + len(SEPARATOR))
        at = text.find(SEPARATOR, at + 1)
    starts.append(len(text))
    if len(starts) < 3:
        return None
    breaks: list[int] = []
    line_start = 0
    for index in range(1, len(starts)):
        if cell_len(text[line_start : starts[index]].rstrip()) > width:
            previous = starts[index - 1]
            if previous == line_start:
                return None
            breaks.append(previous)
            line_start = previous
            if cell_len(text[line_start : starts[index]].rstrip()) > width:
                return None
    return breaks


def wrap(body: Content, width: int) -> list[Content]:
    """`body` wrapped to `width` cells (each newline starts a new line), styles kept."""
    lines: list[Content] = []
    for paragraph in body.split("\n", allow_blank=True):
        offsets = part_offsets(paragraph.plain, width)
        if offsets is None:
            offsets = break_offsets(paragraph.plain, width)
        pieces = paragraph.divide(offsets) if offsets else [paragraph]
        lines += [piece.rstrip() for piece in pieces]
    return lines or [Content("")]


def hanging(prefix: Content, body: Content, width: int) -> list[Content]:
    """`prefix` then `body` wrapped under itself in `width` cells: the lines after the first
    start with as many spaces as the prefix has cells. A prefix wider than a third of the
    width gets a line of its own, the text wrapping under it from the left edge."""
    indent = prefix.cell_length
    if indent > width // 3:  # a long prefix (a moment, say) on its own line, the text under it
        return [prefix.rstrip(), *wrap(body, width)]
    lines = wrap(body, width - indent)
    pad = Content(" " * indent)
    return [Content.assemble(prefix if number == 0 else pad, line) for number, line in enumerate(lines)]


class HangingLines(Widget):
    """Lines of (prefix, text) with a hanging indent each, wrapped to the widget's width;
    its height follows (use `height: auto`)."""

    DEFAULT_CSS = "HangingLines { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[tuple[Content, Content]] = []
        self.wrapped: tuple[int, list[Content]] | None = None

    def update(self, items: list[tuple[Content, Content]]) -> None:
        """Show these lines: each (prefix, text); the text may hold newlines."""
        self.items = items
        self.wrapped = None
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The lines at `width` cells (kept until the width or the items change: a long
        summary is wrapped once, not at each repaint)."""
        if self.wrapped is not None and self.wrapped[0] == width:
            return self.wrapped[1]
        out: list[Content] = []
        for prefix, body in self.items:
            out += hanging(prefix, body, width)
        self.wrapped = (width, out)
        return out

    @property
    def text(self) -> str:
        """What is shown, at the current width, as plain lines (for tests and copying)."""
        return "\n".join(line.plain for line in self.lines(self.content_size.width or 80))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width or 80))
