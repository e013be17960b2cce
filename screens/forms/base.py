"""Forms' shared parts: the typed modal every form is, rows, choices and moments."""

from __future__ import annotations

import contextlib
from datetime import datetime
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from journal.i18n import _
from journal.timeparse import format_moment, parse_moment
from screens.fields import visible
from screens.modals import ConfirmModal
from screens.safe import error_line, log, tell

if TYPE_CHECKING:
    from journal.store import Store

R = TypeVar("R")


class SafeTextArea(TextArea):
    """A TextArea that shows control characters in its text as placeholders."""

    def render_line(self, y: int) -> Strip:
        return visible(super().render_line(y))


FORM_CSS = """
FormModal { align: center middle; }
FormModal > Vertical {
    width: 96; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $surface; padding: 0 1;
}
FormModal .form-title { text-style: bold; }
FormModal .form-hint { color: $text-muted; }
FormModal VerticalScroll { height: auto; max-height: 1fr; }
FormModal .row { height: auto; margin-top: 1; }
FormModal Horizontal.row { height: 1; margin-top: 0; }
FormModal Horizontal.row Input { background: $boost; }
FormModal .form-title { padding-bottom: 1; }
FormModal .form-hint { padding-top: 1; }
FormModal .row Label { width: 13; padding-right: 1; text-align: right; color: $text-muted; }
FormModal .row Input, FormModal .row Select { width: 1fr; }
FormModal TextArea { height: 10; border: none; padding: 0; }
FormModal TextArea:focus { border: none; }
FormModal TextArea.short { height: 4; }
"""


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

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="form.submit", tooltip="Save what is in the form"),
        Binding(
            "escape", "leave", "Cancel", id="form.cancel", tooltip="Leave the form (asks first if you typed something)"
        ),
    ]
    heading = "Form"
    hint = "ctrl+s saves · escape leaves"
    DRAFT_DELAY = 1.0
    """Seconds after the last change before the draft is written (see `keep_draft`)."""
    draft_store: Store | None = None
    draft_incident = ""
    draft_form = ""
    draft_restore = True
    draft_timer: Timer | None = None
    draft_problem = ""

    def keep_draft(self, store: Store, incident_id: str, form: str, restore: bool = True) -> FormModal[R]:
        """Keep what is typed in this form as a draft on disk (journal.drafts, form key
        `form`, such as `request-2`), a second after each change; with `restore`, put back
        the newest kept draft when the form opens. Returns the form."""
        self.draft_store, self.draft_incident, self.draft_form = store, incident_id, form
        self.draft_restore = restore
        return self

    def moment_fields(self) -> tuple[str, ...]:
        """Ids of the fields holding a moment (`at`, `asked_at`, ...): a draft keeps the
        absolute moment they meant when typed."""
        return tuple(
            w.id for w in self.query(Input) if w.id and (w.id in ("at", "opened", "follow_up") or w.id.endswith("_at"))
        )

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
        if self.draft_store is not None and self.draft_restore:
            self.call_after_refresh(self.put_back_draft)

    # ------------------------------------------------------------------ drafts

    def put_back_draft(self) -> None:
        """Fill the fields from the newest kept draft, if there is one, and say so."""
        from journal import drafts

        store = self.draft_store
        if store is None:
            return
        try:
            found = drafts.restore_draft(store, self.draft_incident, self.draft_form)
        except Exception as error:
            tell(self.app, _("Draft not restored: {error}").format(error=error_line(error)), error=True)
            return
        if not found:
            return
        kept, others = found
        self.restore(kept)
        line = _("Draft restored; escape and Discard drop it")
        if others:
            line += " " + _("({n} more draft(s) of this form from other windows are kept)").format(n=others)
        tell(self.app, line)

    def restore(self, kept: dict[str, str]) -> None:
        """Put a kept draft into the fields (a kept moment shown as the form shows moments)."""
        moments = self.moment_fields()
        for widget in self.query("Input, TextArea, Select"):
            name = widget.id or ""
            if name not in kept:
                continue
            value = kept[name]
            if isinstance(widget, TextArea):
                widget.load_text(value)
            elif isinstance(widget, Input):
                if name in moments:
                    with contextlib.suppress(ValueError):
                        value = moment_text(datetime.fromisoformat(value))
                widget.value = value
            elif isinstance(widget, Select):
                with contextlib.suppress(InvalidSelectValueError):
                    widget.value = value

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def schedule_draft(self) -> None:
        if self.draft_store is None:
            return
        if self.draft_timer is not None:
            self.draft_timer.stop()
        self.draft_timer = self.set_timer(self.DRAFT_DELAY, self.autosave)

    def autosave(self) -> None:
        """Write the draft now, if anything was typed (one notice if that fails)."""
        from journal import drafts

        self.draft_timer = None
        store = self.draft_store
        if store is None or not self.is_attached or not self.dirty:
            return
        fields = {name: str(value) for name, value in self.values().items() if name}
        try:
            drafts.save_draft(store, self.draft_incident, fields, self.draft_form, self.moment_fields())
        except Exception as error:
            line = _("Draft not kept: {error}").format(error=error_line(error))
            if line != self.draft_problem:
                tell(self.app, line, error=True)
            self.draft_problem = line
            return
        self.draft_problem = ""

    def dismiss(self, result: Any = None) -> Any:
        """Leaving with Discard drops the draft; a value given back keeps it until the
        screen has saved it (see `forget_draft`)."""
        timer = self.draft_timer
        if timer is not None:
            timer.stop()
            self.draft_timer = None
        if self.draft_store is not None:
            if result is None:
                forget_draft(self.draft_store, self.draft_incident, self.draft_form)
            elif timer is not None:
                self.autosave()  # the last changes, in case the save fails
        return super().dismiss(result)

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


def forget_draft(store: Store, incident_id: str, form: str) -> None:
    """Drop this app's draft of a form (once what it held is saved, or discarded); a
    failure is not worth a notice: the draft would only be offered again."""
    from journal import drafts

    with contextlib.suppress(Exception):
        drafts.discard_draft(store, incident_id, form)
