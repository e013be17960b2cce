"""The yardstick: a minimal Textual app (Header + DataTable + Footer) with a few rows.

Started by the benchmark in the same pseudo-terminal setup as Incident Journal, so that
machine noise cancels out of the ratios.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header


class BaselineApp(App[None]):
    TITLE = "Baseline Journal"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Status")
        for n in range(10):
            table.add_row(f"Row {n}", "open")


if __name__ == "__main__":
    BaselineApp().run()
