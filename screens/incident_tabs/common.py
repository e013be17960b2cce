"""What every tab shares: safe table cells, short moments, the table tab with its detail view.

Table columns are sized in cells to the room the tab has: every column but one is as wide as
its longest cell (up to its cap), and the one `flex` column takes the rest, cut with `…` only
when its text is longer. A Japanese character is two cells wide (`rich.cells.cell_len`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import DataTable

from journal import clock
from journal.i18n import _
from journal.model import Incident
from journal.text import one_line
from screens.hanging import HangingLines

MAX_CELL_TEXT = 200
"""A table cell holds at most this many characters of an item's text (the column shows what
fits; the full text is in the detail view)."""
FLEX_MIN_CELLS = 12
"""The flexible column is never narrower than this (the table scrolls sideways instead)."""
CAPPED_MIN_CELLS = 12
"""A column with a cap gives up room down to this while the flexible column is cut."""


HEADLINE_TITLE_CHARS = 300
"""A longer title is cut in the headline (a 65,536-character one would push the tabs off the
screen); the edit form shows it whole."""


def cell(text: str, limit: int = MAX_CELL_TEXT) -> Text:
    """A table cell of untrusted text: one safe line, never parsed as markup, cut to `limit`
    cells with `…`."""
    return fit(Text(one_line(text[: limit * 2])), limit)


def fit(text: Text, cells: int) -> Text:
    """`text` as it is when it fits in `cells` cells, else cut to `cells` with `…` at the end
    (a wide character is never cut in half). Returns a new Text."""
    if cell_len(text.plain) <= cells:
        return text
    keep = used = 0
    for char in text.plain:
        width = cell_len(char)
        if used + width > cells - 1:
            break
        used += width
        keep += 1
    cut = text[:keep]
    cut.rstrip()
    cut.append("…")
    return cut


def short_moment(moment: datetime | None) -> str:
    """`2026-11-20 09:12` in the local zone (the offset is shown in full views): 16 cells in
    every language, so a table's time columns keep their width."""
    return moment.astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M") if moment else "-"


def on_hold(incident: Incident, now: datetime) -> timedelta:
    """How long the hold has lasted (until closed, or now)."""
    return max(timedelta(0), (incident.closed_at or now) - incident.opened_at)


class ItemTable(DataTable):  # type: ignore[type-arg]
    """A DataTable whose columns are all given their width (TableTab.fill_table): the cells
    of new rows are not measured one by one, so a tab of 1,000 messages fills at once."""

    def _update_dimensions(self, new_rows: Iterable[Any]) -> None:
        columns = list(self.columns.values())
        if not columns or any(c.auto_width for c in columns) or any(r.auto_height for r in self.rows.values()):
            super()._update_dimensions(new_rows)  # not ours to size: DataTable measures
            return
        width = sum(c.get_render_width(self) for c in columns) + self._row_label_column_width
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)


def fill(table: DataTable, rows: list[tuple[Text, ...]]) -> None:
    """Replace a table's rows, keeping the cursor where it was (as far as possible)."""
    row = table.cursor_row
    table.clear()
    for index, values in enumerate(rows):
        table.add_row(*values, key=str(index))
    if rows:
        table.move_cursor(row=min(max(row, 0), len(rows) - 1))


class TableTab(Vertical):
    """A tab with a table of items and, under it, the selected item in full.

    `columns` are English labels marked with N_() (translated when shown); `flex` is the
    index of the column that takes the room left; `caps` the widest (in cells) each other
    column may get, by index; `spare` the columns left out on a narrow screen."""

    table_id = ""
    columns: tuple[str, ...] = ()
    flex = -1
    caps: dict[int, int] = {}
    spare: tuple[int, ...] = ()
    """Columns (by index, first to go first) left out when the others cannot fit otherwise:
    ones whose content another column or the detail view already shows."""
    hint = ""

    def __init__(self) -> None:
        super().__init__()
        self.incident: Incident | None = None
        self.full_rows: list[tuple[Text, ...]] = []
        """The rows before the flexible column is fitted to the width."""
        self.fitted_width = -1

    def compose(self) -> ComposeResult:
        yield from self.above()
        yield ItemTable(id=self.table_id, cursor_type="row", zebra_stripes=True)
        yield HangingLines(classes="tab-detail")

    def above(self) -> ComposeResult:
        yield from ()

    def show(self, incident: Incident, now: datetime) -> None:
        self.incident = incident
        self.show_above(incident, now)
        self.full_rows = self.rows(incident, now)
        self.fill_table()
        self.show_detail()

    def room(self) -> int:
        """The cells the table's columns may use: its width, less a vertical scrollbar when
        the rows are more than it shows."""
        table = self.query_one(DataTable)
        # The tab's own width (the table fills it): the table's may lag behind during a layout.
        width = self.content_size.width or (self.app.size.width - 2)
        if len(self.full_rows) + 1 > table.size.height:
            width -= table.styles.scrollbar_size_vertical
        return width

    def fill_table(self) -> None:
        """(Re)build the columns, sized to the room there is, and the rows."""
        table = self.query_one(DataTable)
        labels = [_(label) for label in self.columns]
        rows = self.full_rows
        pad = 2 * table.cell_padding
        widths = []
        for index, label in enumerate(labels):
            longest = max([cell_len(label), *(cell_len(row[index].plain) for row in rows)])
            widths.append(min(longest, self.caps.get(index, longest)))
        flex = self.flex % len(labels) if labels else None
        if flex is not None:
            natural = widths[flex]
            room = self.room()
            # A capped column gives up room (down to CAPPED_MIN_CELLS) while the flexible one is cut.
            for index in sorted(self.caps, key=lambda i: -widths[i]):
                others = sum(w + pad for i, w in enumerate(widths) if i != flex)
                short = natural - (room - others - pad)
                if short <= 0:
                    break
                widths[index] = max(min(CAPPED_MIN_CELLS, widths[index]), widths[index] - short)
            shown = [i for i in range(len(labels))]
            for index in self.spare:  # a column that repeats another goes when the rest cannot fit
                if sum(widths[i] + pad for i in shown if i != flex) + FLEX_MIN_CELLS + pad <= room:
                    break
                shown.remove(index)
            others = sum(widths[i] + pad for i in shown if i != flex)
            widths[flex] = max(FLEX_MIN_CELLS, min(natural, room - others - pad))
        else:
            shown = []
        self.fitted_width = self.content_size.width
        cursor = table.cursor_row
        table.clear(columns=True)
        for index in shown:
            table.add_column(fit(Text(labels[index]), widths[index]), width=widths[index])
        fill(table, [tuple(fit(row[i], widths[i]) for i in shown) for row in rows])
        if rows:
            table.move_cursor(row=min(max(cursor, 0), len(rows) - 1))

    def on_resize(self, event: events.Resize) -> None:
        if self.full_rows and self.content_size.width != self.fitted_width:
            self.call_after_refresh(self.fill_table)

    def show_above(self, incident: Incident, now: datetime) -> None:
        pass

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return []

    def items(self, incident: Incident) -> list[Any]:
        return []

    def detail(self, item: Any) -> list[tuple[Content, Content]]:
        """The selected item in full: (label, text) lines, the text wrapping under itself."""
        return []

    def show_detail(self) -> None:
        box = self.query_one(".tab-detail", HangingLines)
        index = self.query_one(DataTable).cursor_row
        items = self.items(self.incident) if self.incident else []
        lines = self.detail(items[index]) if 0 <= index < len(items) else []
        lines.append((Content(""), Content.styled(_(self.hint), "dim")))
        box.update(lines)

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()


def field(label: str, value: Content) -> tuple[Content, Content]:
    """A detail line: the label (already translated) in bold, then its value under itself."""
    return (Content.styled(label + " ", "bold") if label else Content(""), value)


def line(value: Content) -> tuple[Content, Content]:
    """A detail line without a label."""
    return (Content(""), value)
