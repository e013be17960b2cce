"""The support request form: what support asked, the answer, and its attachments."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Label, Static, TextArea

from journal import model
from journal.i18n import N_, _
from journal.store import Store
from screens.attach import AttachModal, attachment_line
from screens.fields import SafeInput, now_word
from screens.forms.base import FormModal, SafeTextArea, field_row, moment_text, read_moment
from screens.hanging import Paragraph
from screens.safe import plain, tell

WHOLE_QUESTION_CELLS = 48
"""A question longer than this (in cells) is also shown whole above the form's fields: the
field is narrower than that at 80 columns with Japanese labels."""

LEAD_CHARS = 300
"""At most this many characters of the question above the fields (a question pasted from a
long mail would push the fields out of the form); the field below holds all of it."""


@dataclass
class RequestFields:
    """What the request form gives back: the request, its attachments already copied into
    the journal."""

    request: model.SupportRequest


class RequestForm(FormModal[RequestFields]):
    """What support asked, and the answer (answered in place later with `e`)."""

    heading = N_("Support request")
    hint = N_(
        "ctrl+s saves · ctrl+o attaches a file (copied into the journal) · ctrl+r takes the last off · escape leaves"
    )
    BINDINGS = [
        Binding(
            "ctrl+o",
            "attach",
            N_("Attach file"),
            id="request.attach",
            tooltip=N_("Choose a file to send with the answer; it is copied into the journal with its SHA-256"),
        ),
        Binding(
            "ctrl+r",
            "remove_file",
            N_("Remove file"),
            id="request.remove-file",
            tooltip=N_("Take the last file off this request (saved with ctrl+s; the copy stays in history)"),
        ),
    ]

    def __init__(self, request: model.SupportRequest | None = None, store: Store | None = None) -> None:
        super().__init__()
        self.request = request
        self.store = store
        """The journal the picker copies files into (None: no attaching, e.g. in a test of the form)."""
        self.files: list[model.Attachment] = list(request.attachments) if request else []
        if request is not None:
            self.heading = N_("Answer the support request")

    def lead(self) -> ComposeResult:
        """The whole question, wrapped and always in sight, when its one-line field would cut
        it (longer than WHOLE_QUESTION_CELLS)."""
        r = self.request
        if r and cell_len(r.question) > WHOLE_QUESTION_CELLS:
            said = _("Usually asked: {question}") if r.suggested else _("Support asked: {question}")
            question = r.question if len(r.question) <= LEAD_CHARS else r.question[: LEAD_CHARS - 1] + "…"
            # untrusted text: one line, escapes and bidi controls as visible placeholders, no markup
            yield Paragraph(plain(said.format(question=question)), id="whole-question", classes="form-lead")

    def fields(self) -> ComposeResult:
        r = self.request
        # A question still in the template's words is only a placeholder: paste support's own.
        suggested = bool(r and r.suggested)
        placeholder = _("what support asked for")
        if r and suggested:
            placeholder = _("paste support's own words")
        yield field_row(
            _("Asked"),
            SafeInput(
                "" if suggested or not r else r.question,
                id="question",
                placeholder=placeholder,
                compact=True,
            ),
        )
        yield field_row(
            _("Asked at"), SafeInput(moment_text(r.asked_at) if r else now_word(), id="asked_at", compact=True)
        )
        yield field_row(
            _("Answered at"),
            SafeInput(
                moment_text(r.answered_at) if r else "",
                id="answered_at",
                placeholder=_("when you sent it (empty: not yet; the reply, r, sets it)"),
                compact=True,
            ),
        )
        yield Paragraph(id="request-files", classes="row")
        yield Button(Content(_("Attach a file… (ctrl+o)")), id="request-attach", compact=True)
        yield Label(Content(_("Answer:")), classes="row")
        yield SafeTextArea(r.answer if r else "", id="answer", soft_wrap=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_files()

    def show_files(self) -> None:
        """The files attached so far: name, size and SHA-256 of each."""
        lines = [attachment_line(a) for a in self.files] or [Content(_("No files attached."))]
        self.query_one("#request-files", Static).update(Content("\n").join(lines))

    def values(self) -> dict[str, object]:
        return {**super().values(), "files": [a.sha256 or a.path for a in getattr(self, "files", [])]}

    @on(Button.Pressed, "#request-attach")
    def attach_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_attach()

    def action_attach(self) -> None:
        """Pick a file and copy it into the journal; it is attached when the form is saved."""
        if self.store is None:
            return

        def copied(item: model.Attachment | None) -> None:
            if item is None:
                return
            if any(a.sha256 == item.sha256 for a in self.files):
                tell(
                    self.app,
                    _("{name} is already attached to this request").format(name=item.original or item.path),
                )
                return
            self.files.append(item)
            self.show_files()
            tell(
                self.app,
                _("Copied {name} into the journal; ctrl+s saves the request with it").format(name=item.original),
            )

        self.app.push_screen(AttachModal(self.store, _("this support request")), copied)

    def action_remove_file(self) -> None:
        """Take the last attached file off the request (on disk once the form is saved)."""
        if not self.files:
            tell(self.app, _("No file is attached to this request"))
            return
        item = self.files.pop()
        self.show_files()
        tell(self.app, _("{name} taken off; ctrl+s saves, escape keeps it").format(name=item.original or item.path))

    def first_field(self) -> Widget | None:
        if self.request is not None:
            return self.query_one("#answer", TextArea)
        return super().first_field()

    def result(self) -> RequestFields:
        question = self.text("question").strip()
        suggested = False
        if not question and self.request is not None and self.request.suggested:
            question, suggested = self.request.question, True  # still the template's paraphrase
        if not question:
            raise ValueError(_("Asked: say what support asked for"))
        answer = self.query_one("#answer", TextArea).text
        answered_at = read_moment(self.text("answered_at"), _("Answered at"), app=self.app, required=False)
        r = self.request
        request = model.SupportRequest(
            question=question,
            asked_at=read_moment(self.text("asked_at"), _("Asked at"), app=self.app, required=False),
            answer=answer,
            answered_at=answered_at,
            attachments=copy.deepcopy(self.files),
            suggested=suggested,
            extra=dict(r.extra) if r else {},
        )
        return RequestFields(request=request)
