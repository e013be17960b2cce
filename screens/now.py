"""Now: everything that needs the user today, across the journal — follow-ups that have
passed, support requests not answered yet, affected contracts whose deadline is within 3
days. `enter` opens the incident an item belongs to."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from journal import clock
from journal.deadlines import deadline_text, local_day
from journal.followups import DEADLINE_SOON_DAYS, NowItem, now_items
from journal.i18n import N_, _, ngettext
from journal.index import Problem
from journal.store import Store
from journal.text import one_line
from journal.timeshow import format_duration, show_moment
from screens.footer import FittedFooter
from screens.hanging import Paragraph
from screens.safe import attempt, error_line, plain, row_item, tell
from screens.translated import TranslatedScreen

KIND_TEXT = {"follow-up": N_("Follow-up due"), "request": N_("Answer support"), "deadline": N_("Deadline")}
"""What each kind of item asks of the user (English, marked; shown translated)."""
EMPTY_TEXT = N_(
    "Nothing needs you today: no follow-up has passed, every support request is answered, "
    "and no affected contract is due within {days} days."
)
WHEN_CELLS = 30
"""The widest the When column gets, in cells (the rest goes to the free text columns)."""


def cut(text: str, cells: int) -> Text:
    """A cell of untrusted text: one safe line of at most `cells` terminal cells (wide
    characters count two), cut with an ellipsis, never parsed as markup."""
    line = one_line(text)
    if cell_len(line) > cells:
        line = set_cell_size(line, cells - 1).rstrip() + "…"
    return Text(line)


def when_cell(item: NowItem, now: datetime) -> Text:
    """When the item became due: how long ago the follow-up passed or support asked, or the
    deadline with the days left."""
    if item.kind == "deadline" and item.deadline is not None:
        left = item.days_left(now) or 0
        day = local_day(item.deadline).isoformat()[5:]
        return Text(f"{item.when(now)} ({day})", style="bold red" if left <= 1 else "")
    if item.at is None:
        return Text("-")
    moment = item.at.astimezone(clock.local_zone()).strftime("%m-%d %H:%M")
    if item.kind == "follow-up":
        line = _("{moment}, {duration} ago").format(moment=moment, duration=format_duration(now - item.at))
        return Text(line, style="bold red")
    return Text(_("asked {moment}").format(moment=moment))


def about(item: NowItem) -> str:
    """What the item is about, in a few words."""
    if item.kind == "follow-up":
        return _("No news: ask support for the status, or log what happened")
    return item.text


class NowScreen(TranslatedScreen):
    """What needs the user today; `enter` opens the incident of the selected item."""

    CSS_PATH = "now.tcss"
    BACKGROUND_LOAD = True
    """Gather the items in a thread (tests turn it off to see them at once)."""
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="now.back", tooltip=N_("Back to the list of incidents")),
        Binding("r", "reload", N_("Reload"), id="now.reload", tooltip=N_("Read the journal again")),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.items: list[NowItem] = []
        self.problems: list[Problem] = []
        self.now = clock.now()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Paragraph(id="now-head")
        yield Paragraph(id="now-problems")
        yield DataTable(id="now-table", cursor_type="row", zebra_stripes=True)
        yield Paragraph(id="now-detail")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Now: what needs you today")
        table = self.query_one(DataTable)
        self.reload()
        table.focus()

    def reload(self) -> None:
        """Gather the items again and show them, keeping the cursor on the same row number;
        in a thread when BACKGROUND_LOAD is set (10,000 incidents take seconds to go through)."""
        now = clock.now()
        if self.BACKGROUND_LOAD:
            self.query_one("#now-head", Static).update(Content(_("Reading the journal…")))
            self.gather_in_background(now)
            return
        ok, result = attempt(self.app, lambda: now_items(self.store, now))
        if ok and result is not None:
            self.show(*result, now=now)

    @work(thread=True, exclusive=True, group="now", exit_on_error=False)
    def gather_in_background(self, now: datetime) -> None:
        try:
            items, problems = now_items(self.store, now)
        except Exception as error:  # reported in one line, like any other failure
            self.app.call_from_thread(tell, self.app, error_line(error), error=True)
            return
        self.app.call_from_thread(self.show, items, problems, now)

    def show(self, items: list[NowItem], problems: list[Problem], now: datetime) -> None:
        self.items, self.problems, self.now = items, problems, now
        self.fill_table()
        self.show_head()

    def fill_table(self) -> None:
        """The rows, the free text columns sharing the width the screen has."""
        items, now = self.items, self.now
        table = self.query_one(DataTable)
        row = table.cursor_row
        whens = [when_cell(item, now) for item in items]
        what_cells = max(cell_len(_("What")), *(cell_len(_(text)) for text in KIND_TEXT.values()))
        when_cells = min(WHEN_CELLS, max(cell_len(_("When")), *(w.cell_len for w in whens), 8))
        # each column has one cell of padding either side; the table a margin and a scroll bar
        free = max(24, self.size.width - what_cells - when_cells - 12)
        about_need = max([cell_len(_("About")), *(cell_len(one_line(about(item))) for item in items)])
        title_need = max([cell_len(_("Incident")), *(cell_len(one_line(item.incident_title)) for item in items)])
        about_cells = max(12, min(about_need, free * 3 // 5))
        title_cells = max(12, free - about_cells)
        if title_cells > title_need:  # the title needs less: the rest goes to what the item is about
            about_cells, title_cells = max(about_cells, free - title_need), title_need
        table.clear(columns=True)  # fixed widths, shared out again on every resize
        columns = ((_("What"), what_cells), (_("When"), when_cells), (_("About"), about_cells))
        for label, width in (*columns, (_("Incident"), title_cells)):
            table.add_column(label, width=width)
        for index, item in enumerate(items):
            style = "bold red" if item.kind == "follow-up" else ""
            when = whens[index]
            if when.cell_len > when_cells:
                style_of_when, when = when.style, cut(when.plain, when_cells)
                when.stylize(style_of_when)
            table.add_row(
                Text(_(KIND_TEXT[item.kind]) if item.kind in KIND_TEXT else item.kind, style=style),
                when,
                cut(about(item), about_cells),
                cut(item.incident_title, title_cells),
                key=str(index),
            )
        if items:
            table.move_cursor(row=min(max(row, 0), len(items) - 1))

    def on_resize(self) -> None:
        self.fill_table()

    def show_head(self) -> None:
        items, problems = self.items, self.problems
        table = self.query_one(DataTable)
        table.display = bool(items)
        counts = {kind: sum(1 for i in items if i.kind == kind) for kind in KIND_TEXT}
        head = self.query_one("#now-head", Static)
        if items:
            parts = [
                ngettext("{n} follow-up due", "{n} follow-ups due", counts["follow-up"]),
                ngettext("{n} support request to answer", "{n} support requests to answer", counts["request"]),
                ngettext("{n} deadline soon", "{n} deadlines soon", counts["deadline"]),
            ]
            words = [part.format(n=counts[kind]) for part, kind in zip(parts, KIND_TEXT, strict=True)]
            head.update(Content(" · ".join([*words, _("enter opens the incident")])))
        else:
            head.update(Content(_(EMPTY_TEXT).format(days=DEADLINE_SOON_DAYS)))
        box = self.query_one("#now-problems", Static)
        box.display = bool(problems)
        if problems:
            n = len(problems)
            lines = [
                Content(
                    ngettext(
                        "Could not read {n} file; it is left untouched:",
                        "Could not read {n} files; they are left untouched:",
                        n,
                    ).format(n=n)
                )
            ]
            box.update(Content("\n").join(lines + [plain(p.message) for p in problems]))
        self.show_detail()

    @property
    def selected(self) -> NowItem | None:
        return row_item(self, self.items)

    def show_detail(self) -> None:
        item = self.selected
        box = self.query_one("#now-detail", Static)
        if item is None:
            box.update(Content(""))
            return
        label = {
            "follow-up": _("Follow-up passed:"),
            "request": _("Support asked:"),
            "deadline": _("Client:"),
        }[item.kind]
        if item.rule_id:  # a platform rule's deadline, not a contract's
            label = _("Platform rule:")
        what = show_moment(item.at) if item.kind == "follow-up" and item.at else item.text
        lines = [Content.assemble((label + " ", "bold"), plain(what))]
        if item.kind == "deadline":
            lines.append(
                Content.assemble(
                    (_("Deadline:") + " ", "bold"), f"{deadline_text(item.deadline)} ({item.when(self.now)})"
                )
            )
            if item.index is None and not item.rule_id:
                lines.append(
                    Content.styled(_("From the roster: every client is affected while this hold stops work."), "dim")
                )
        lines.append(
            Content.assemble(
                (_("Incident:") + " ", "bold"), plain(item.incident_title), (f"  ({item.incident_id})", "dim")
            )
        )
        box.update(Content("\n").join(lines))

    @on(DataTable.RowHighlighted)
    def highlighted(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected)
    def chosen(self) -> None:
        item = self.selected
        if item is not None:
            self.open_incident(item)

    def open_incident(self, item: NowItem) -> None:
        """Open the item's incident, on the tab where the item is; back here afterwards."""
        from screens.incident import IncidentScreen

        ok, screen = attempt(self.app, lambda: IncidentScreen(self.store, item.incident_id))
        if not ok or screen is None:
            return
        screen.initial_tab = {"request": "requests", "deadline": None if item.rule_id else "contracts"}.get(item.kind)
        self.app.push_screen(screen, lambda _: self.reload())

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
