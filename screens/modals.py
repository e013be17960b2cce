"""Small typed dialogs: confirm, conflict, choose one, read a text, help."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from journal.i18n import N_, _
from screens.hanging import HangingLines, Paragraph
from screens.translated import TranslatedBindings

MODALS_TCSS = Path(__file__).with_name("modals.tcss")
"""The look every dialog shares (and the rules of this module's dialogs). Absolute, because
Textual reads a relative CSS_PATH beside the module of the class instantiated, which for a
subclass elsewhere is another folder."""

ResultT = TypeVar("ResultT")


class Dialog(TranslatedBindings, ModalScreen[ResultT]):
    """A centred, framed dialog returning a `ResultT` with `dismiss`: `.dialog-title` and
    `.buttons` inside its one `Vertical` get the shared look of `modals.tcss`. A subclass
    with rules of its own lists its .tcss after it: `CSS_PATH = [MODALS_TCSS, "history.tcss"]`."""

    CSS_PATH = [MODALS_TCSS]


class ConfirmModal(Dialog[bool]):
    """Ask a yes/no question; `y`/enter on Yes answers yes, `n`/escape answers no.

    `offer=False` (a deletion, a discard, a replace): No has the focus, so enter keeps things as
    they are, and Yes is shown in the warning colour. `offer=True` (a suggested next step such as
    "set waiting" or "add to the hold"): Yes has the focus and the primary colour, so enter
    takes the step the question proposes."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes", tooltip=N_("Answer yes")),
        Binding("n,escape", "answer(False)", N_("No"), id="confirm.no", tooltip=N_("Answer no")),
    ]

    def __init__(
        self, question: Content | str, yes: str | None = None, no: str | None = None, *, offer: bool = False
    ) -> None:
        """`yes`/`no`: the buttons' words, already translated (default: Yes / No in the app's language)."""
        super().__init__()
        self.question = question if isinstance(question, Content) else Content(question)
        self.yes, self.no, self.offer = yes or _("Yes"), no or _("No"), offer

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(Content(self.yes), id="yes", variant="primary" if self.offer else "error")
                yield Button(Content(self.no), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.offer else "#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChoiceModal(Dialog[str | None]):
    """Choose one of a few fixed values (a status, say); escape chooses nothing."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="choice.cancel", tooltip=N_("Close without choosing"))]

    def __init__(
        self,
        title: str,
        choices: Sequence[str],
        current: str | None = None,
        shown: Callable[[str], str] | None = None,
    ) -> None:
        """`choices`: the values given back; `shown` turns one into its label (a stored
        status into its words in the app's language, say); the values themselves by default."""
        super().__init__()
        self.heading = title
        self.choices = list(choices)
        self.current = current
        self.shown = shown or (lambda value: value)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(Content(self.heading), classes="dialog-title")
            yield OptionList(
                *[
                    Option(Content(self.shown(c) + ("  " + _("(current)") if c == self.current else "")), id=c)
                    for c in self.choices
                ],
                id="choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MomentModal(Dialog[datetime | None]):
    """Ask when something happened: one field, `now` by default, the command line's WHEN
    grammar (`2026-11-25 10:00`, `-2h`, `yesterday 18:00`); enter accepts, escape cancels.
    A moment that does not read is said in one line under the field and nothing closes."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="moment.cancel", tooltip=N_("Close without changing anything"))
    ]

    def __init__(self, question: str, initial: str | None = None) -> None:
        """`initial`: what the field holds at first (default: now, in the app's language)."""
        super().__init__()
        from screens.fields import now_word

        self.question, self.initial = question, now_word() if initial is None else initial

    def compose(self) -> ComposeResult:
        from screens.fields import SafeInput

        with Vertical():
            yield Paragraph(Content(self.question), classes="dialog-title")
            yield Paragraph(
                Content(_("When: now, 2026-11-25 10:05, yesterday 18:00, -2h (your time zone)")), classes="hint"
            )
            yield SafeInput(self.initial, id="when", compact=True)
            yield Paragraph(id="moment-error")

    def on_mount(self) -> None:
        self.query_one("#when").focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        from journal.timeparse import TimeParseError, parse_moment

        try:
            moment = parse_moment(event.value.strip() or "now")
        except TimeParseError as error:
            self.query_one("#moment-error", Static).update(Content(str(error)))
            return
        self.dismiss(moment)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConflictModal(Dialog[str | None]):
    """The file changed (or was deleted) on disk since it was opened: keep my version beside
    it as `<id>.conflict-<time>.toml` and show the file's version, or reload it (what was
    typed stays in the form). Nothing is overwritten either way."""

    BINDINGS = [
        Binding(
            "m",
            "choose('mine')",
            N_("Keep mine"),
            id="conflict.mine",
            tooltip=N_("Save my version beside the file, then show the file's version"),
        ),
        Binding(
            "r",
            "choose('reload')",
            N_("Reload"),
            id="conflict.reload",
            tooltip=N_("Show the file's new version; my typed text stays"),
        ),
        Binding("escape", "choose(None)", N_("Cancel"), id="conflict.cancel", tooltip=N_("Do nothing for now")),
    ]

    def __init__(self, detail: str, deleted: bool = False) -> None:
        super().__init__()
        self.detail = detail
        self.deleted = deleted

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.deleted:
                yield Paragraph(
                    Content(_("The incident's file was deleted on disk since it was opened; it is not recreated.")),
                    classes="dialog-title",
                )
            else:
                yield Paragraph(
                    Content(_("The incident's file changed on disk since it was opened.")), classes="dialog-title"
                )
            yield Paragraph(Content(self.detail))
            yield Paragraph(Content(_("Keep mine saves your version beside it as <id>.conflict-<time>.toml.")))
            with Horizontal(classes="buttons"):
                yield Button(Content(_("Keep mine") + " (m)"), id="mine", variant="primary")
                if not self.deleted:
                    yield Button(Content(_("Reload") + " (r)"), id="reload")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.deleted and action == "choose" and parameters == ("reload",))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class TextModal(Dialog[None]):
    """Read a long text (a message in full): only the visible lines are drawn, so a 1 MiB
    notice opens at once; the text can be selected and copied but not changed."""

    BINDINGS = [Binding("escape,q", "close", N_("Close"), id="text.close", tooltip=N_("Back to the list"))]

    def __init__(self, head: Content, body: str, *, wrapped: bool = False) -> None:
        """`body` must already be a display copy (journal.text.printable). `wrapped`: a text
        of modest size (the glossary) laid out by the Japanese line-breaking rule, each line's
        leading spaces kept as a hanging indent (screens.hanging), instead of a TextArea
        (which wraps only at spaces)."""
        super().__init__()
        self.head, self.body, self.wrapped = head, body, wrapped

    def compose(self) -> ComposeResult:
        from textual.widgets import TextArea  # slow to import; the home screen does not need it

        with Vertical():
            yield Paragraph(self.head, id="head")
            if self.wrapped:
                with VerticalScroll(id="body"):
                    yield HangingLines(id="lines")
            else:
                yield TextArea(self.body, id="body", read_only=True, soft_wrap=True, show_cursor=False)

    def on_mount(self) -> None:
        if self.wrapped:
            items = []
            for line in self.body.split("\n"):
                text = line.lstrip(" ")
                items.append((Content(" " * (len(line) - len(text))), Content(text)))
            self.query_one("#lines", HangingLines).update(items)
        self.query_one("#body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


HELP_TEXT_CELLS = 40
"""The keys screen keeps the keymap ids in a column of their own while what each key does
still gets this many cells; narrower, the id goes under it."""


class HelpModal(Dialog[None]):
    """Every key that works where help was asked for, with what it does."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", N_("Close"), id="help.close", tooltip=N_("Close the key list")),
        Binding(
            "g",
            "glossary",
            N_("Glossary"),
            id="help.glossary",
            tooltip=N_("What each platform's words for a hold mean, and what still works during each"),
        ),
    ]

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(
                Content(_("Keys (escape closes; ctrl+p finds any action by name; g: the glossary of hold words)")),
                classes="dialog-title",
            )
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.fill_table()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.fill_table()

    def fill_table(self) -> None:
        """Key, name, what it does (wrapped to the room left) and the keymap id: in a column
        of its own when there is room for it, else on a dim line under what the key does."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        room = (table.size.width or self.size.width - 6) - 2  # the scroll bar
        key_cells = max(cell_len(_("Key")), *(cell_len(key) for key, *_rest in self.rows))
        name_cells = max(cell_len(_("Action")), *(cell_len(name) for _key, name, *_rest in self.rows))
        id_cells = max(cell_len(_("Id (for [keymap])")), *(cell_len(row[3]) for row in self.rows))
        what_cells = room - key_cells - name_cells - id_cells - 8  # a cell of padding either side
        own_column = what_cells >= HELP_TEXT_CELLS
        if not own_column:
            what_cells = max(16, room - key_cells - name_cells - 6)
        table.clear(columns=True)
        table.add_column(_("Key"), width=key_cells)
        table.add_column(_("Action"), width=name_cells)
        table.add_column(_("What it does"), width=what_cells)
        if own_column:
            table.add_column(Text(_("Id (for [keymap])")), width=id_cells)
        for key, name, tip, binding_id in self.rows:
            what = Text(tip)
            if not own_column and binding_id:
                what.append("\n" + binding_id, style="dim")
            cells = [Text(key), Text(name), what]
            if own_column:
                cells.append(Text(binding_id, style="dim"))
            table.add_row(*cells, height=None)
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))

    def action_glossary(self) -> None:
        from screens.glossary import show_glossary

        show_glossary(self.app)

    def action_close(self) -> None:
        self.dismiss(None)
