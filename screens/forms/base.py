"""Forms' shared parts: the typed modal every form is, rows, choices and moments."""

from __future__ import annotations

import contextlib
from datetime import datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea
from textual.widgets._select import SelectOverlay
from textual.widgets.select import InvalidSelectValueError

from journal.i18n import N_, _
from journal.timeparse import parse_moment
from journal.timeshow import show_moment
from screens.fields import visible
from screens.hanging import HangingLines, Paragraph
from screens.modals import ConfirmModal
from screens.safe import error_line, log, tell
from screens.translated import TranslatedBindings

if TYPE_CHECKING:
    from journal.store import Store

R = TypeVar("R")


class SafeTextArea(TextArea):
    """A TextArea that shows control characters in its text as placeholders."""

    def render_line(self, y: int) -> Strip:
        return visible(super().render_line(y))


FORM_TCSS = Path(__file__).with_name("base.tcss")
"""The look every form shares. Absolute, because Textual reads a relative CSS_PATH beside the
module of the class instantiated (a form subclassed in another folder would miss it)."""


def moment_text(moment: datetime | None) -> str:
    """A moment as a form field shows it, in the user's local zone, and reads it back:
    `2026-11-20 09:12 +09:00`, as `journal.timeshow.show_moment` shows it in English (the
    same in Japanese: journal.timeparse reads this form back, not `11月20日(金)`); "" for None."""
    if moment is None:
        return ""
    return show_moment(moment, lang="en")


def read_moment(text: str, label: str, required: bool = True, app: App | None = None) -> datetime | None:
    """A typed moment, or None when empty and not required. Raises ValueError naming the field
    (`label`, already in the app's language).
    A note of the reading (a repeated local time taken as the first) is told on `app`."""
    if not text.strip():
        if required:
            raise ValueError(_("{field}: give a time (now, -2h, yesterday 9:00, 2026-11-20 09:12)").format(field=label))
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
    """A label (already in the app's language) and its field on one line."""
    return Horizontal(Label(Content(label)), widget, classes="row")


def choices(
    values: tuple[str, ...] | dict[str, str], labels: dict[str, str] | None = None
) -> list[tuple[Content, str]]:
    """(shown label, stored value) pairs for a Select. `values` is the stored values in order,
    or a table of journal.labels (stored key -> English label marked with N_()); `labels` a
    table of English labels by value. Labels are translated now; a value without a label is
    shown as written."""
    table = values if isinstance(values, dict) else (labels or {})
    return [(Content(_(table[v]) if v in table else v), v) for v in values]


class FormModal(TranslatedBindings, ModalScreen[R | None], Generic[R]):
    """A form: subclasses give `fields()` and `result()`."""

    CSS_PATH = [FORM_TCSS]
    BINDINGS = [
        Binding("ctrl+s", "submit", N_("Save"), id="form.submit", tooltip=N_("Save what is in the form")),
        Binding(
            "escape",
            "leave",
            N_("Cancel"),
            id="form.cancel",
            tooltip=N_("Leave the form (asks first if you typed something)"),
        ),
    ]
    heading = N_("Form")
    """The form's title: English marked with N_() (translated when shown), or already translated."""
    hint = N_("ctrl+s saves · escape leaves")
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
            yield Paragraph(Content(_(self.heading)), classes="form-title")
            yield from self.lead()
            with VerticalScroll():
                yield from self.fields()
            yield HangingLines(classes="form-hint")

    def lead(self) -> ComposeResult:
        """What stays in sight above the fields, however far they scroll (none by default)."""
        yield from ()

    def fields(self) -> ComposeResult:
        yield from ()

    def result(self) -> R:
        raise NotImplementedError

    LABEL_CELLS = (12, 20)
    """The row labels' column is as wide as the longest label, within these cells (a Japanese
    label is two cells a character); a longer one is cut with `…`."""

    def size_labels(self) -> int:
        """Give every row label the width of the longest, so the fields line up in any
        language; returns that width in cells (padding included)."""
        found = list(self.query("Horizontal.row > Label").results(Label))
        longest = max((lbl.render().cell_length for lbl in found), default=0)  # type: ignore[union-attr]
        low, high = self.LABEL_CELLS
        width = min(max(longest, low), high) + 1
        for lbl in found:
            lbl.styles.width = width
        return width

    def on_mount(self) -> None:
        self.query_one(".form-hint", HangingLines).update([(Content(""), Content(_(self.hint)))])
        self.label_cells = self.size_labels()
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
        fields = self.draft_fields()
        try:
            drafts.save_draft(store, self.draft_incident, fields, self.draft_form, self.moment_fields())
        except Exception as error:
            line = _("Draft not kept: {error}").format(error=error_line(error))
            if line != self.draft_problem:
                tell(self.app, line, error=True)
            self.draft_problem = line
            return
        self.draft_problem = ""

    def draft_fields(self) -> dict[str, str]:
        """What the draft keeps: the fields' text by id (a form may add more)."""
        return {name: str(value) for name, value in self.values().items() if name}

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
            tell(self.app, _("Not saved: {error}").format(error=error_line(error)), error=True)
            return
        self.dismiss(value)

    @on(events.DescendantFocus)
    def list_opened(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, SelectOverlay):
            self.keep_list_inside(event.widget)

    def keep_list_inside(self, overlay: SelectOverlay) -> None:
        """An open select list stays inside the form's border, above its hint: the form grows
        (as far as the screen allows) until the list fits below its field, and the list
        scrolls within what is left (rows)."""
        dialog = self.query_one(Vertical)
        select = overlay.parent
        if not isinstance(select, Widget):
            return
        wanted = min(overlay.option_count + overlay.styles.gutter.height, 12)  # with the list's own border
        hint = self.query_one(".form-hint", HangingLines)
        bottom = hint.content_region.y if hint.display else dialog.content_region.bottom  # the hint stays in sight
        room = bottom - (select.region.y + 1)
        if room < wanted:
            grown = min(self.size.height, dialog.outer_size.height + wanted - room)
            dialog.styles.min_height = grown
            room += grown - dialog.outer_size.height
        overlay.styles.max_height = max(3, min(wanted, room))

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
            ConfirmModal(_("Leave this form? What you typed will be lost."), yes=_("Discard"), no=_("Keep editing")),
            answered,
        )


def forget_draft(store: Store, incident_id: str, form: str) -> None:
    """Drop this app's draft of a form (once what it held is saved, or discarded); a
    failure is not worth a notice: the draft would only be offered again."""
    from journal import drafts

    with contextlib.suppress(Exception):
        drafts.discard_draft(store, incident_id, form)
