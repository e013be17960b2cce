"""The message form: paste a notice verbatim, read an .eml, or write it in $EDITOR."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Select, TextArea
from textual.widgets.option_list import Option

from journal import clock, labels, model, templates
from journal.eml import ParsedEmail
from journal.i18n import N_, _, ngettext
from journal.outgoing import OutgoingHit, check_outgoing
from screens.fields import SafeInput, now_word
from screens.forms.base import FormModal, SafeTextArea, choices, field_row, moment_text, read_moment
from screens.hanging import Paragraph
from screens.modals import ChoiceModal, ConfirmModal
from screens.safe import error_line, plain, tell


class MessageForm(FormModal[model.Message]):
    """A message: paste the body into the editor (every line is kept), or `ctrl+o` for $EDITOR."""

    heading = N_("Message")
    hint = N_(
        "ctrl+s saves · paste a raw email into the body, or ctrl+l reads an .eml file · ctrl+o edits the body in "
        "$EDITOR · escape leaves"
    )
    BINDINGS = [
        Binding(
            "ctrl+o",
            "external_editor",
            N_("Body in $EDITOR"),
            id="form.editor",
            tooltip=N_("Edit the body in your $EDITOR"),
        ),
        Binding(
            "ctrl+l", "read_eml", N_("Read .eml"), id="form.read-eml", tooltip=N_("Fill the message from an .eml file")
        ),
    ]

    def __init__(self, message: model.Message | None = None) -> None:
        super().__init__()
        self.message = message
        self.intake: ParsedEmail | None = None
        """The raw email the fields were last filled from (its Message-ID and sha256 are kept)."""

    def fields(self) -> ComposeResult:
        m = self.message
        yield field_row(
            _("Direction"),
            Select(
                choices(model.DIRECTIONS, labels.DIRECTIONS),
                value=m.direction if m else "received",
                id="direction",
                allow_blank=False,
                compact=True,
            ),
        )
        yield field_row(
            _("Channel"),
            Select(
                choices(model.CHANNELS, labels.CHANNELS),
                value=m.channel if m else "email",
                id="channel",
                allow_blank=False,
                compact=True,
            ),
        )
        yield field_row(_("When"), SafeInput(moment_text(m.at) if m else now_word(), id="at", compact=True))
        yield field_row(
            _("From"),
            SafeInput(
                m.sender if m else "", id="sender", placeholder=_("e.g. Upwork Trust & Safety, me"), compact=True
            ),
        )
        yield field_row(_("Subject"), SafeInput(m.subject if m else "", id="subject", compact=True))
        yield field_row(
            _("Note"),
            SafeInput(
                m.note if m else "",
                id="note",
                placeholder=_("optional: your own summary or translation"),
                compact=True,
            ),
        )
        yield Label(Content(_("Body (paste the text exactly as received):")), classes="row")
        yield SafeTextArea(m.body if m else "", id="body", soft_wrap=True, show_line_numbers=False)

    def result(self) -> model.Message:
        at = read_moment(self.text("at"), _("When"), app=self.app)
        assert at is not None
        body = self.query_one("#body", TextArea).text
        if len(body) > model.MAX_BODY_CHARS:
            raise ValueError(
                _("Body: {n} characters; the limit is {limit}").format(
                    n=f"{len(body):,}", limit=f"{model.MAX_BODY_CHARS:,}"
                )
            )
        source = self.intake.message if self.intake else self.message
        if source is not None and self.text("at") == moment_text(source.at):
            at = source.at  # unchanged: keep the offset it was written with (the form shows the local one)
        return model.Message(
            at=at,
            direction=self.choice("direction"),
            channel=self.choice("channel"),
            sender=self.text("sender"),
            subject=self.text("subject"),
            body=body,
            note=self.text("note"),
            message_id=source.message_id if source else "",
            raw_sha256=source.raw_sha256 if source else "",
            extra=dict(self.message.extra) if self.message else {},
        )

    # -------------------------------------------------------------- notice intake

    @on(events.Paste)
    def pasted(self, event: events.Paste) -> None:
        """After a paste into the body: if the body is now a raw email, offer to read it.

        A paste that lands on a field holding no text (a dropdown such as Direction, which
        would drop it) goes into the body while the body is empty, and says so; with a body
        already written it is refused in words, never dropped silently."""
        from journal.eml import looks_like_email
        from screens.intake import PASTE_CHOICES, PASTE_QUESTION

        area = self.query_one("#body", TextArea)
        if self.focused is not area:
            if isinstance(self.focused, (Input, TextArea)) or not event.text.strip():
                return
            event.stop()
            if area.text.strip():
                tell(
                    self.app, _("Nothing pasted: this field holds no text; tab to the body to paste there"), error=True
                )
                return
            area.focus()
            area.insert(event.text)  # as the body's own paste does: a terminal's CR line ends become lines
            tell(self.app, _("The paste went into the body (the field you were on holds no text)"))
        raw = area.text
        if not looks_like_email(raw):
            return

        def chosen(choice: str | None) -> None:
            from screens.intake import BODY_ONLY, KEEP_RAW

            if choice in (BODY_ONLY, KEEP_RAW) and area.text == raw:
                from journal.eml import parse_pasted_email

                try:
                    parsed = parse_pasted_email(raw, clock.now())
                except Exception as error:  # a body over the size limit
                    tell(self.app, error_line(error), error=True)
                    return
                self.fill_from_email(parsed, _("the pasted email"), replace_body=choice == BODY_ONLY)

        self.app.push_screen(PasteChoice(_(PASTE_QUESTION), PASTE_CHOICES), chosen)

    def action_read_eml(self) -> None:
        from screens.intake import EmlPathModal

        def chosen(path: str | None) -> None:
            if not path:
                return
            from pathlib import Path

            from journal.eml import read_eml

            try:
                parsed = read_eml(Path(path).expanduser(), clock.now())
            except Exception as error:
                tell(self.app, error_line(error), error=True)
                return
            self.fill_from_email(parsed, Path(path).name, replace_body=True)

        self.app.push_screen(EmlPathModal(), chosen)

    def fill_from_email(self, parsed: ParsedEmail, source: str, replace_body: bool) -> None:
        """Fill the fields from a read email; the body becomes its text when `replace_body`
        (an edit of the body, so ctrl+z brings back what was there)."""
        from screens.intake import intake_notice

        m = parsed.message
        self.intake = parsed
        self.query_one("#direction", Select).value = m.direction
        self.query_one("#channel", Select).value = m.channel
        self.query_one("#at", Input).value = moment_text(m.at)
        self.query_one("#sender", Input).value = m.sender
        self.query_one("#subject", Input).value = m.subject
        if replace_body:
            area = self.query_one("#body", TextArea)
            area.replace(m.body, (0, 0), area.document.end)
            area.move_cursor((0, 0))
        tell(self.app, intake_notice(parsed, source))

    def action_external_editor(self) -> None:
        """Suspend the app and edit the body in $EDITOR (through a private temp file)."""
        from journal.userfiles import edit_in_editor

        area = self.query_one("#body", TextArea)
        notes: list[str] = []
        try:
            with self.app.suspend():
                text = edit_in_editor(area.text, notes)
        except Exception as error:  # no editor, suspend not supported (e.g. in tests)
            tell(self.app, error_line(error), error=True)
            return
        if text is not None:
            area.load_text(text)
        for note in notes:
            tell(self.app, note, error=text is None)
        area.focus()

    def action_submit(self) -> None:
        """Save; a message typed as *sent* is first checked with journal.outgoing and each hit
        shown with why (saved once the user says so); a message with an empty body (the paste
        went into another field) is only saved once the user says so."""
        body = self.query_one("#body", TextArea).text
        checked = f"{self.text('subject')}\n\n{body}"
        if self.choice("direction") == "sent" and getattr(self, "outgoing_ok", None) != checked:
            found = check_outgoing(checked, templates.current_language())
            if found:

                def go_on(save: bool | None) -> None:
                    if save:
                        self.outgoing_ok = checked
                        self.action_submit()
                    else:
                        self.query_one("#body", TextArea).focus()

                self.app.push_screen(
                    ConfirmModal(outgoing_question(found), yes=_("Save as sent"), no=_("Back to the form")), go_on
                )
                return
        if body.strip():
            super().action_submit()
            return

        def answered(save: bool | None) -> None:
            if save:
                super(MessageForm, self).action_submit()
            else:
                self.query_one("#body", TextArea).focus()

        self.app.push_screen(
            ConfirmModal(
                _("The message body is empty (did the paste go into another field?). Save it without a body?"),
                yes=_("Save without body"),
                no=_("Back to the form"),
            ),
            answered,
        )


def outgoing_question(found: list[OutgoingHit]) -> Content:
    """The confirmation shown before a sent message with outgoing-check hits is saved: each
    hit (as plain text) with why."""
    head = ngettext(
        "This sent message has {n} thing a platform may read as dealing outside it:",
        "This sent message has {n} things a platform may read as dealing outside it:",
        len(found),
    ).format(n=len(found))
    lines = [Content.styled(head, "bold")]
    lines += [Content.assemble(("• ", "bold $warning"), plain(hit.line())) for hit in found[:6]]
    if len(found) > 6:
        lines.append(Content(_("… and {n} more").format(n=len(found) - 6)))
    lines.append(Content(_("Save it as sent all the same (it records what you sent)?")))
    return Content("\n").join(lines)


class PasteChoice(ChoiceModal):
    """The question after a raw email is pasted: the choices (stored as English keys, see
    screens.intake) shown in the app's language."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Paragraph(Content(self.heading), classes="dialog-title")
            yield OptionList(*[Option(Content(_(c)), id=c) for c in self.choices], id="choices")
