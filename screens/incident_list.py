"""A virtual list of incident summaries: only the visible lines are drawn, so 10,000
incidents open and filter as fast as ten (a DataTable measures every cell of every row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from journal import clock, labels
from journal.i18n import N_, _
from journal.index import Summary
from journal.text import fit, one_line


@dataclass(frozen=True)
class Column:
    """One column of the list: its key, header (English, marked; shown translated), width in
    cells and alignment."""

    key: str
    header: str
    width: int
    right: bool = False


ALL_COLUMNS = (
    Column("mark", "", 1),
    Column("title", N_("Title"), 0),
    Column("platform", N_("Platform"), 16),
    Column("kind", N_("Kind"), 19),
    Column("status", N_("Status"), 13),
    Column("opened", N_("Opened"), 10),
    Column("days", N_("Days"), 5, right=True),
    Column("follow_up", N_("Follow-up"), 16),
)
"""The columns, each at its widest (cells); `widths_for` narrows each to what it shows."""
DROP_ORDER = ("kind", "platform", "opened")
"""Columns left out, in this order, when the title would get narrower than MIN_TITLE."""
MIN_TITLE = 24
MEASURED = 200
"""Rows measured for the platform column's width (a list of 10,000 stays quick to show)."""
"""Cells the title keeps before a column is left out."""
WARNING_MARK = "⚠"
"""Before the title of an incident whose messages talk of moving payment or work off the platform."""


def widths_for(cells: list[dict[str, str]]) -> dict[str, int]:
    """Each column's width in cells for these rows (a sample of the first MEASURED is enough:
    the other columns have fixed-size texts) in the current language: as wide as its
    header and its widest cell, never wider than in ALL_COLUMNS (the title takes the rest).
    Kinds and statuses are measured over every label, so the columns do not jump when the
    filter changes."""
    wanted = {c.key: cell_len(_(c.header)) if c.header else c.width for c in ALL_COLUMNS}
    wanted["kind"] = max(wanted["kind"], *(cell_len(labels.kind(k)) for k in labels.KINDS))
    wanted["status"] = max(wanted["status"], *(cell_len(labels.status(k)) for k in labels.STATUSES))
    for row in cells:
        for key in ("platform", "days", "opened", "follow_up"):
            wanted[key] = max(wanted[key], cell_len(row[key]))
    return {c.key: min(c.width, wanted[c.key]) if c.key != "title" else 0 for c in ALL_COLUMNS}


def layout(width: int, widths: dict[str, int] | None = None) -> list[Column]:
    """The columns that fit in `width` cells (each as wide as `widths` says, else its widest),
    the title taking what is left; headers in the current language."""
    columns = [
        Column(c.key, _(c.header) if c.header else "", (widths or {}).get(c.key, c.width), c.right) for c in ALL_COLUMNS
    ]
    for drop in (None, *DROP_ORDER):
        if drop:
            columns = [c for c in columns if c.key != drop]
        fixed = sum(c.width for c in columns if c.key != "title") + len(columns) - 1
        if width - fixed >= MIN_TITLE:
            break
    title = max(8, width - fixed)
    return [Column(c.key, c.header, title) if c.key == "title" else c for c in columns]


def _local(moment: datetime, pattern: str) -> str:
    return moment.astimezone(clock.local_zone()).strftime(pattern)


def cells_of(summary: Summary, now: datetime) -> dict[str, str]:
    """The display text of each column for one incident (untrusted text made one safe line)."""
    overdue = summary.is_overdue(now)
    # a resolved or closed incident has no follow-up, whatever its file still says
    active_follow_up = summary.follow_up_at if summary.is_active else None
    return {
        "mark": "!" if overdue else " ",
        "title": (WARNING_MARK + " " if summary.warnings else "") + one_line(summary.title),
        "platform": one_line(summary.platform),
        "kind": labels.kind(summary.kind),
        "status": labels.status(summary.status),
        "opened": _local(summary.opened_at, "%Y-%m-%d"),
        "days": _("{n}d").format(n=summary.days_on_hold(now)),
        "follow_up": _local(active_follow_up, "%Y-%m-%d %H:%M") if active_follow_up else "-",
    }


class IncidentList(ScrollView, can_focus=True):
    """The incidents, one per line under a fixed header line; `enter` opens one."""

    COMPONENT_CLASSES = {
        "incident-list--header",
        "incident-list--cursor",
        "incident-list--overdue",
        "incident-list--ended",
    }
    DEFAULT_CSS = """
    IncidentList { height: 1fr; scrollbar-size-vertical: 1; }
    IncidentList > .incident-list--header { text-style: bold; color: $text-muted; }
    IncidentList > .incident-list--cursor { background: $block-cursor-blurred-background; }
    IncidentList:focus > .incident-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    IncidentList > .incident-list--overdue { color: $error; }
    IncidentList > .incident-list--ended { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", N_("Up"), show=False, id="list.up", tooltip=N_("Previous incident")),
        Binding("down,j", "move(1)", N_("Down"), show=False, id="list.down", tooltip=N_("Next incident")),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="list.page-up", tooltip=N_("One page up")),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="list.page-down", tooltip=N_("One page down")),
        Binding("home", "jump(0)", N_("First"), show=False, id="list.first", tooltip=N_("First incident")),
        Binding("end", "jump(-1)", N_("Last"), show=False, id="list.last", tooltip=N_("Last incident")),
        Binding("enter", "select", N_("Open"), id="list.open", tooltip=N_("Open the selected incident")),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Selected(Message):
        """The user chose an incident (enter or double click)."""

        summary: Summary

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Summary] = []
        """The rows in order; a journal.listing.Listing reads them from the index by page."""
        self.now: datetime | None = None
        self._cells: dict[str, dict[str, str]] = {}
        self._widths: dict[str, int] | None = None
        self._columns: tuple[int, list[Column]] | None = None
        """The layout at a width, kept with the widths it was made from (headers translated
        once, not on every line drawn)."""
        self._selected_id: str | None = None
        """The incident under the cursor when it last moved (rows read by page may change order)."""

    # ------------------------------------------------------------------ data in

    def set_rows(self, rows: Sequence[Summary], now: datetime) -> None:
        """Show `rows` (already in order), keeping the cursor on the same incident if it is there."""
        current = self._selected_id
        self.rows = rows
        self.now = now
        self._cells = {}
        self._widths = None
        self._columns = None
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        index = self.position_of(current) if current is not None else None
        self.cursor = index or 0
        self.refresh()

    @property
    def selected(self) -> Summary | None:
        """The incident under the cursor, if any."""
        return self._row(self.cursor)

    def position_of(self, incident_id: str) -> int | None:
        """The row of an incident by id (None when it is not shown)."""
        index_of = getattr(self.rows, "index_of", None)
        if index_of is not None:
            found: int | None = index_of(incident_id)
            return found
        return next((i for i, s in enumerate(self.rows) if s.id == incident_id), None)

    def select_id(self, incident_id: str) -> None:
        """Put the cursor on an incident by id (if it is shown)."""
        index = self.position_of(incident_id)
        if index is not None:
            self.cursor = index

    # ------------------------------------------------------------------ drawing

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.refresh()

    def _row(self, index: int) -> Summary | None:
        """The row at `index`, or None past the end (an index that shrank since it was counted)."""
        if not 0 <= index < len(self.rows):
            return None
        try:
            return self.rows[index]
        except IndexError:
            return None

    def _cells_for(self, summary: Summary) -> dict[str, str]:
        cells = self._cells.get(summary.id)
        if cells is None:
            cells = self._cells[summary.id] = cells_of(summary, self.now or summary.opened_at)
        return cells

    def _line(self, texts: list[str], style: Style, width: int) -> Strip:
        text = " ".join(texts)
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._widths is None:  # measured once per set of rows
            self._widths = widths_for([self._cells_for(s) for s in self.rows[:MEASURED]])
            self._columns = None
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, layout(width, self._widths))
        columns = self._columns[1]
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("incident-list--header")
            return self._line([fit(c.header, c.width, c.right) for c in columns], style, width)
        index = int(self.scroll_offset.y) + y - 1
        summary = self._row(index)
        if summary is None:
            return Strip.blank(width, base)
        cells = self._cells_for(summary)
        style = base
        if summary.is_overdue(self.now or summary.opened_at):
            style += self.get_component_rich_style("incident-list--overdue")
        elif not summary.is_active:
            style += self.get_component_rich_style("incident-list--ended")
        if index == self.cursor:
            style += self.get_component_rich_style("incident-list--cursor")
        return self._line([fit(cells[c.key], c.width, c.right) for c in columns], style, width)

    # ------------------------------------------------------------------ moving

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, value: int) -> None:
        row = self._row(value)
        self._selected_id = row.id if row is not None else None
        visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if value < top:
            self.scroll_to(y=value, animate=False, immediate=True)
        elif value >= top + visible:
            self.scroll_to(y=value - visible + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else len(self.rows) - 1

    def action_select(self) -> None:
        if self.selected is not None:
            self.post_message(self.Selected(self.selected))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = int(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def visible_text(self) -> list[str]:
        """The lines as shown (for tests and screen readers of the code)."""
        height = self.scrollable_content_region.height
        return [self.render_line(y).text for y in range(height)]
