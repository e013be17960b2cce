"""Paragraphs wrapped by the Japanese line-breaking rule, and lines with a hanging indent: a
bullet or a label, then text that wraps under itself, never under the bullet. Wrapping is
measured in cells (`rich.cells.cell_len`: a Japanese character is two) and follows the usual Japanese line-breaking rules (kinsoku shori, JIS X 4051): no line
starts with a closing bracket or a comma/full stop such as `）` `、` `。`, and none ends with
an opening bracket such as `（` `「`; English wraps at spaces.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RulesMap, Visual
from textual.widget import Widget
from textual.widgets import Static

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


class Paragraphs(Visual):
    """A Content drawn wrapped by `wrap` (the Japanese line-breaking rule of journal.text:
    between Japanese characters, never before `）` `。` `、` nor after `（`; English at
    spaces) instead of Textual's wrapping, which breaks only at spaces and so cuts a Japanese
    sentence anywhere, a `。` or `）` starting the next line. Styles, alignment and padding
    are Textual's: the text is only cut into lines that fit the width (in cells) first."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.wrapped: tuple[int, Content] | None = None

    def __str__(self) -> str:
        """The text as given, unwrapped (as `str()` of a Content)."""
        return str(self.content)

    def at(self, width: int) -> Content:
        """The content with a newline at each break for `width` cells (kept for that width)."""
        if self.wrapped is None or self.wrapped[0] != width:
            self.wrapped = (width, Content("\n").join(wrap(self.content, max(width, 2))))
        return self.wrapped[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        pad = options.rules.get("line_pad", 0) * 2
        return self.at(width - pad).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = rules.get("line_pad", 0) * 2
        return self.at(width - pad).get_height(rules, width)


class Paragraph(Static):
    """A Static whose text (a Content; a plain str is taken as literal text, never markup)
    wraps by the Japanese line-breaking rule (`Paragraphs`): for every paragraph the user
    reads in a widget (the home banner, dialogs, the heads and details of Now and the roster).
    Lines with a bullet or a label go in `HangingLines`."""

    def __init__(self, content: Content | str = "", **kwargs: object) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(content, **kwargs)  # type: ignore[arg-type]

    def render(self) -> RenderResult:
        visual = self.visual
        return Paragraphs(visual) if isinstance(visual, Content) else visual
