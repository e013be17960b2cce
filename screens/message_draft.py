"""The form for a new message, with its draft kept on disk as it is typed or pasted.

A long notice pasted into the body is the one thing that hurts to lose: a second after the
last change the fields are written to `drafts/<id>.message.json` (journal.drafts). The next
time the form is opened for that incident (also after a crash or a killed terminal) the
draft is put back. It is removed when the message is saved or the form is discarded."""

from __future__ import annotations

import contextlib
from typing import Any

from textual import on
from textual.timer import Timer
from textual.widgets import Input, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from journal import drafts, model
from journal.i18n import _
from journal.store import Store
from screens.forms import MessageForm
from screens.safe import attempt, error_line, tell

FIELDS = ("direction", "channel", "at", "sender", "subject", "note", "body")


class DraftedMessageForm(MessageForm):
    """`MessageForm` for a new message of one incident, autosaving a draft."""

    DRAFT_DELAY = 1.0
    """Seconds after the last change before the draft is written."""

    def __init__(self, message: model.Message | None = None, *, store: Store, incident_id: str) -> None:
        super().__init__(message)
        self.store = store
        self.incident_id = incident_id
        self.draft_timer: Timer | None = None
        self.draft_problem = ""

    def on_mount(self) -> None:
        # Textual runs this handler before FormModal's, which records the blank form; put
        # the draft back after that, so leaving with it still asks first.
        if self.message is None:  # not reopened with what was typed after a failed save
            self.call_after_refresh(self.put_back_draft)

    def put_back_draft(self) -> None:
        """Fill the fields from the kept draft, if there is one, and say so."""
        ok, kept = attempt(self.app, lambda: drafts.load_draft(self.store, self.incident_id))
        if ok and kept:
            self.restore(kept)
            size = len(kept.get("body", ""))
            tell(
                self.app,
                _("Draft restored ({n} characters of body); escape and Discard drop it").format(n=f"{size:,}"),
            )

    def restore(self, kept: dict[str, str]) -> None:
        """Put a kept draft into the fields."""
        for name in FIELDS:
            if name not in kept:
                continue
            widget = self.query_one(f"#{name}")
            if isinstance(widget, TextArea):
                widget.load_text(kept[name])
            elif isinstance(widget, Input):
                widget.value = kept[name]
            elif isinstance(widget, Select):
                with contextlib.suppress(InvalidSelectValueError):
                    widget.value = kept[name]

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def schedule_draft(self) -> None:
        if self.draft_timer is not None:
            self.draft_timer.stop()
        self.draft_timer = self.set_timer(self.DRAFT_DELAY, self.autosave)

    def autosave(self) -> None:
        """Write the draft now, if anything was typed (one notice if that fails)."""
        self.draft_timer = None
        if not self.is_attached or not self.dirty:
            return
        fields = {name: str(value) for name, value in self.values().items() if name in FIELDS}
        try:
            drafts.save_draft(self.store, self.incident_id, fields)
        except Exception as error:
            line = _("Draft not kept: {error}").format(error=error_line(error))
            if line != self.draft_problem:
                tell(self.app, line, error=True)
            self.draft_problem = line
            return
        self.draft_problem = ""

    def dismiss(self, result: Any = None) -> Any:
        """Leaving with Discard drops the draft; a message given back keeps it until the
        incident screen has saved it (see `discard_draft`)."""
        timer = self.draft_timer
        pending = timer is not None
        if timer is not None:
            timer.stop()
            self.draft_timer = None
        if result is None:
            discard_draft(self.store, self.incident_id)
        elif pending:
            self.autosave()  # the last changes, in case the save fails
        return super().dismiss(result)


def discard_draft(store: Store, incident_id: str) -> None:
    """Drop the draft of a new message for an incident (after it was saved, say); a failure
    is not worth a notice: the draft would only be offered again."""
    try:
        drafts.discard_draft(store, incident_id)
    except Exception:  # noqa: BLE001 - see the docstring
        pass
