"""A message to send, built from the record (the reply to support, a client note, an appeal,
a status request): an editable preview, $EDITOR, copy, and one key to record it as sent.
Before it is recorded, the text as it stands is checked with journal.outgoing and each hit
is shown with why; ctrl+s then asks once more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from journal import clock
from journal.i18n import N_, _, ngettext
from journal.outgoing import OutgoingHit, check_outgoing
from journal.reply import Reply, reply_file_path, write_reply_file
from journal.store import Store
from journal.timeparse import TimeParseError, parse_moment
from screens import clipboard
from screens.fields import SafeInput, now_word
from screens.footer import FittedFooter
from screens.forms.base import SafeTextArea
from screens.hanging import HangingLines, Paragraph
from screens.modals import MODALS_TCSS, ConfirmModal, Dialog
from screens.safe import attempt, error_line, file_and_folder, plain, tell


@dataclass
class SentReply:
    """What the reply screen gives back when the user records the reply as sent."""

    text: str
    """The reply as finally sent (after any edit)."""
    at: datetime
    """When it was sent."""
    copied: bool = True
    """False when it was too large for the terminal's clipboard (nothing was sent there)."""


class ReplyModal(Dialog[SentReply | None]):
    """A message ready to send: edit it here or in $EDITOR, copy it, then record it as a sent
    message (for the reply to support, its moment becomes each answer's `answered_at`).
    `title` heads the screen (default: the reply's count of answers); `language` is the
    outgoing check's for its reasons (en or ja)."""

    CSS_PATH = [MODALS_TCSS, "reply.tcss"]
    BINDINGS = [
        Binding(
            "ctrl+k",
            "copy",
            N_("Copy"),
            id="reply.copy",
            tooltip=N_("Copy the subject and the reply to the clipboard"),
            priority=True,  # before the text area's own ctrl+k (delete to the end of the line)
        ),
        Binding("ctrl+o", "editor", N_("$EDITOR"), id="reply.editor", tooltip=N_("Edit the reply in your $EDITOR")),
        Binding(
            "ctrl+s",
            "log",
            N_("Log as sent"),
            id="reply.log",
            tooltip=N_("Record the reply as a sent message; its moment becomes each answer's answered_at"),
        ),
        Binding("escape", "close", N_("Close"), id="reply.close", tooltip=N_("Close without recording anything")),
    ]

    def __init__(
        self,
        reply: Reply,
        title: str | None = None,
        language: str = "en",
        store: Store | None = None,
        incident_id: str = "",
    ) -> None:
        super().__init__()
        self.reply = reply
        self.store = store
        self.incident_id = incident_id
        """With a store and the incident's id, a reply too large for the clipboard is offered
        as a file in the exports folder."""
        self.copied = False
        count = len(reply.indexes)
        self.title_text = title or ngettext(
            "Reply to support: {n} answer", "Reply to support: {n} answers", count
        ).format(n=count)
        self.language = language
        self.warned_text: str | None = None
        """The text whose outgoing-check hits were shown on a ctrl+s (a second ctrl+s records it)."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(Content(self.title_text), classes="dialog-title")
            yield Paragraph(Content.assemble((_("Subject:") + " ", "bold"), plain(self.reply.subject)), id="subject")
            yield Paragraph(id="outgoing-hits")
            yield SafeTextArea(self.reply.text, id="reply-text", soft_wrap=True)
            with Horizontal(classes="row"):
                yield Label(Content(_("Sent at")))
                yield SafeInput(now_word(), id="sent-at", compact=True)
            yield HangingLines(classes="hint")  # wraps between the hint's parts
        yield FittedFooter()

    def on_mount(self) -> None:
        hint = _("ctrl+k copies · ctrl+o edits in $EDITOR · ctrl+s records it as sent (at 'Sent at') · escape closes")
        self.query_one(".hint", HangingLines).update([(Content(""), Content(hint))])
        self.query_one("#reply-text", TextArea).focus()
        self.show_hits()

    def hits(self) -> list[OutgoingHit]:
        """What the outgoing check finds in the subject and the text as they stand."""
        return check_outgoing(f"{self.reply.subject}\n\n{self.text}", self.language)

    def show_hits(self) -> list[OutgoingHit]:
        """Show each hit with why above the text (nothing when clean); returns them."""
        found = self.hits()
        head = ngettext(
            "{n} thing a platform may read as dealing outside it:",
            "{n} things a platform may read as dealing outside it:",
            len(found),
        ).format(n=len(found))
        lines = [Content.styled(head, "bold $warning")]
        lines += [Content.assemble(("  ! ", "bold $warning"), plain(hit.line())) for hit in found[:4]]
        if len(found) > 4:
            lines.append(Content("  " + _("… and {n} more").format(n=len(found) - 4)))
        widget = self.query_one("#outgoing-hits", Static)
        widget.update(Content("\n").join(lines) if found else Content(""))
        widget.display = bool(found)
        return found

    @on(TextArea.Changed)
    def text_changed(self) -> None:
        self.show_hits()

    @property
    def text(self) -> str:
        return self.query_one("#reply-text", TextArea).text

    def action_copy(self) -> None:
        self.copy(offer=True)

    def copy(self, offer: bool) -> None:
        """Send the subject and the text to the terminal's clipboard; over its limit nothing
        is sent and (with `offer`, and a store) writing the file is offered instead."""
        text = self.text
        if clipboard.send(self.app, f"Subject: {self.reply.subject}\n\n{text}", _("the reply")):
            self.copied = True
            return
        if not offer or self.store is None or not self.incident_id:
            tell(self.app, _("Open it in your $EDITOR (ctrl+o) to save it as a file, or shorten it"), error=True)
            return
        store, subject = self.store, self.reply.subject
        ok, target = attempt(self.app, lambda: reply_file_path(store, self.incident_id, clock.now()))
        if not ok or target is None:
            return
        question = plain(
            _("The reply is too large for the terminal's clipboard. Write it to {path} instead?").format(path=target)
        )

        def answered(write: bool | None) -> None:
            if not write:
                return
            done, written = attempt(self.app, lambda: write_reply_file(store, target, subject, text))
            if done and written is not None:
                name, folder = file_and_folder(written)
                tell(self.app, _("Wrote the reply to {name} in {folder}").format(name=name, folder=folder))

        self.app.push_screen(ConfirmModal(question, yes=_("Write the file"), no=_("Cancel"), offer=True), answered)

    def action_editor(self) -> None:
        from journal.userfiles import edit_in_editor

        area = self.query_one("#reply-text", TextArea)
        try:
            with self.app.suspend():
                text = edit_in_editor(area.text)
        except Exception as error:  # no editor, suspend not supported (e.g. in tests)
            tell(self.app, error_line(error), error=True)
            return
        if text is not None:
            area.load_text(text)
        area.focus()

    def action_log(self) -> None:
        raw = self.query_one("#sent-at", Input).value.strip() or "now"
        try:
            at = parse_moment(raw)
        except TimeParseError as error:
            tell(self.app, _("Sent at") + f": {error}", error=True)
            return
        if not self.text.strip():
            tell(self.app, _("The text is empty; nothing was recorded"), error=True)
            return
        found = self.show_hits()
        if found and self.warned_text != self.text:
            self.warned_text = self.text
            tell(
                self.app,
                ngettext(
                    "{n} outgoing warning, shown above: edit the text, or ctrl+s again to record it as sent anyway",
                    "{n} outgoing warnings, shown above: edit the text, or ctrl+s again to record it as sent anyway",
                    len(found),
                ).format(n=len(found)),
                error=True,
            )
            return
        if not self.copied:
            self.copy(offer=False)
        self.dismiss(SentReply(text=self.text, at=at, copied=self.copied))

    @on(Input.Submitted)
    def sent_at_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_log()

    def action_close(self) -> None:
        self.dismiss(None)
