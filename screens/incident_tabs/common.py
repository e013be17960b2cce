"""What every tab shares: safe table cells, short moments, the table tab with its detail view."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from journal.model import Incident
from journal.text import one_line
from journal.timeparse import format_moment

MAX_CELL_TEXT = 44
"""Table cells are cut to this many characters (the full text is in the detail view)."""


HEADLINE_TITLE_CHARS = 300
"""A longer title is cut in the headline (a 65,536-character one would push the tabs off the
screen); the edit form shows it whole."""


def cell(text: str, limit: int = MAX_CELL_TEXT) -> Text:
    """A table cell of untrusted text: one safe line, never parsed as markup."""
    line = one_line(text)
    return Text(line if len(line) <= limit else line[: limit - 1] + "…")


def short_moment(moment: datetime | None) -> str:
    """`2026-11-20 09:12` in the local zone (the offset is shown in full views)."""
    return format_moment(moment)[:16] if moment else "-"


def on_hold(incident: Incident, now: datetime) -> timedelta:
    """How long the hold has lasted (until closed, or now)."""
    return max(timedelta(0), (incident.closed_at or now) - incident.opened_at)


def fill(table: DataTable, rows: list[tuple[Text, ...]]) -> None:
    """Replace a table's rows, keeping the cursor where it was (as far as possible)."""
    row = table.cursor_row
    table.clear()
    for index, values in enumerate(rows):
        table.add_row(*values, key=str(index))
    if rows:
        table.move_cursor(row=min(max(row, 0), len(rows) - 1))


class TableTab(Vertical):
    """A tab with a table of items and, under it, the selected item in full."""

    table_id = ""
    columns: tuple[str, ...] = ()
    hint = ""

    def __init__(self) -> None:
        super().__init__()
        self.incident: Incident | None = None

    def compose(self) -> ComposeResult:
        yield from self.above()
        table: DataTable = DataTable(id=self.table_id, cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.columns)
        yield table
        yield Static(classes="tab-detail")

    def above(self) -> ComposeResult:
        yield from ()

    def show(self, incident: Incident, now: datetime) -> None:
        self.incident = incident
        self.show_above(incident, now)
        fill(self.query_one(DataTable), self.rows(incident, now))
        self.show_detail()

    def show_above(self, incident: Incident, now: datetime) -> None:
        pass

    def rows(self, incident: Incident, now: datetime) -> list[tuple[Text, ...]]:
        return []

    def items(self, incident: Incident) -> list[Any]:
        return []

    def detail(self, item: Any) -> list[Content]:
        return []

    def show_detail(self) -> None:
        box = self.query_one(".tab-detail", Static)
        index = self.query_one(DataTable).cursor_row
        items = self.items(self.incident) if self.incident else []
        lines = self.detail(items[index]) if 0 <= index < len(items) else []
        lines.append(Content.styled(self.hint, "dim"))
        box.update(Content("\n").join(lines))

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()


def field(label: str, value: Content) -> Content:
    return Content.assemble((label + " ", "bold"), value)
