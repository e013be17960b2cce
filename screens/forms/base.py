"""Forms' shared parts: the typed modal every form is, rows, choices and moments."""

from __future__ import annotations

from datetime import datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Generic, TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.timeparse import format_moment, parse_moment
from screens.fields import visible
from screens.modals import ConfirmModal
from screens.safe import error_line, log, tell

R = TypeVar("R")


class SafeTextArea(TextArea):
    """A TextArea that shows control characters in its text as placeholders."""

    def render_line(self, y: int) -> Strip:
        return visible(super().render_line(y))


FORM_TCSS = Path(__file__).with_name("base.tcss")
"""The look every form shares. Absolute, because Textual reads a relative CSS_PATH beside the
module of the class instantiated (a form subclassed in another folder would miss it)."""


def moment_text(moment: datetime | None) -> str:
    """A moment as the form shows it (and reads back): `2026-11-20 09:12+09:00`."""
    if moment is None:
        return ""
    return format_moment(moment).replace(" +", "+").replace(" -", "-")


def read_moment(text: str, label: str, required: bool = True, app: App | None = None) -> datetime | None:
    """A typed moment, or None when empty and not required. Raises ValueError naming the field.
    A note of the reading (a repeated local time taken as the first) is told on `app`."""
    if not text.strip():
        if required:
            raise ValueError(f"{label}: give a time (now, -2h, yesterday 9:00, 2026-11-20 09:12)")
        return None
    notes: list[str] = []
    try:
        moment = parse_moment(text, notes=notes)
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from None
    for note in notes:
        if app is not None:
            tell(app, f"{label}: {note}")
    return moment


def field_row(label: str, widget: Widget) -> Horizontal:
    """A label and its field on one line."""
    return Horizontal(Label(Content(label)), widget, classes="row")


def choices(values: tuple[str, ...], labels: dict[str, str] | None = None) -> list[tuple[Content, str]]:
    return [(Content((labels or {}).get(v, v)), v) for v in values]


class FormModal(ModalScreen[R | None], Generic[R]):
    """A form: subclasses give `fields()` and `result()`."""

    CSS_PATH = [FORM_TCSS]
    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="form.submit", tooltip="Save what is in the form"),
        Binding(
            "escape", "leave", "Cancel", id="form.cancel", tooltip="Leave the form (asks first if you typed something)"
        ),
    ]
    heading = "Form"
    hint = "ctrl+s saves · escape leaves"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.heading), classes="form-title")
            with VerticalScroll():
                yield from self.fields()
            yield Static(Content(self.hint), classes="form-hint")

    def fields(self) -> ComposeResult:
        yield from ()

    def result(self) -> R:
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self.values()
        first = self.first_field()
        if first is not None:
            first.focus()

    def first_field(self) -> Widget | None:
        """The field the cursor starts in."""
        return next(iter(self.query("Input, TextArea, Select")), None)

    def values(self) -> dict[str, object]:
        """What is in the fields now, by id."""
        out: dict[str, object] = {}
        for widget in self.query("Input, TextArea, Select"):
            if isinstance(widget, Input):
                out[widget.id or ""] = widget.value
            elif isinstance(widget, TextArea):
                out[widget.id or ""] = widget.text
            elif isinstance(widget, Select):
                out[widget.id or ""] = widget.value
        return out

    @property
    def dirty(self) -> bool:
        """True when something differs from what the form opened with."""
        return self.values() != getattr(self, "_initial", self.values())

    def text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def choice(self, field_id: str) -> str:
        value = self.query_one(f"#{field_id}", Select).value
        return value if isinstance(value, str) else ""

    def action_submit(self) -> None:
        try:
            value = self.result()
        except (ValueError, InvalidOperation) as error:
            tell(self.app, error_line(error), error=True)
            return
        except Exception as error:  # a bug must not close the form and lose what was typed
            log.debug("reading the form failed", exc_info=True)
            tell(self.app, f"Not saved: {error_line(error)}", error=True)
            return
        self.dismiss(value)

    @on(Input.Submitted)
    def enter_submits(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal("Leave this form? What you typed will be lost.", yes="Discard", no="Keep editing"), answered
        )
