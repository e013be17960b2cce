"""The Textual application and its factory, shared by the command line, tests and benchmarks."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from journal import clock
from journal.index import sort_urgent
from journal.store import Store
from journal.text import one_line
from journal.timeparse import format_moment


class IncidentJournalApp(App[int]):
    """Home: the incidents, most urgent first."""

    TITLE = "Incident Journal"
    BINDINGS = [Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave Incident Journal")]
    CSS = """
    #empty { padding: 1 2; color: $text-muted; }
    #problems { padding: 0 1; color: $error; height: auto; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="problems", markup=False)
        yield DataTable(id="incidents", cursor_type="row", zebra_stripes=True)
        yield Static("No incidents yet.", id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        """Reload the list from the store."""
        now = clock.now()
        summaries, problems = self.store.scan()
        table = self.query_one("#incidents", DataTable)
        table.clear(columns=True)
        table.add_columns("", "Title", "Platform", "Kind", "Status", "Opened", "Days", "Follow-up")
        for s in sort_urgent(summaries, now):
            table.add_row(
                Text("!" if s.is_overdue(now) else ""),
                Text(one_line(s.title)),
                Text(one_line(s.platform)),
                Text(s.kind),
                Text(s.status),
                Text(format_moment(s.opened_at)[:16]),
                Text(str(s.days_on_hold(now))),
                Text(format_moment(s.follow_up_at)[:16] if s.follow_up_at else "-"),
                key=s.id,
            )
        self.query_one("#empty", Static).display = not summaries
        self.query_one("#problems", Static).update(Text("\n".join(p.message for p in problems)))


def make_app(store: Store) -> IncidentJournalApp:
    """The app for a store (one factory for the CLI, tests and benchmarks)."""
    return IncidentJournalApp(store)


def run_app(store: Store) -> int:
    """Run the UI; returns the process exit code."""
    store.ensure()
    app = make_app(store)
    result = app.run()
    return app.return_code or (result or 0)
