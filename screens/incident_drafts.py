"""`w` on the incident screen: choose a draft built from the record (a note to the client, an
appeal, a status request; English or Japanese), then the same preview as the reply to support:
edit, $EDITOR, copy, the outgoing check, and ctrl+s to record it as sent. The drafts are the
core's (journal.compose); the screen only chooses and shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import clock, compose, reply
from journal.i18n import N_, _
from journal.timeshow import show_moment
from screens.hanging import Paragraph
from screens.modals import MODALS_TCSS, Dialog
from screens.safe import attempt

if TYPE_CHECKING:
    from screens.incident_actions import IncidentActions

CHOICES = [
    ("client-note:en", N_("Note to the client (English): status, timeline, what they can do")),
    ("client-note:ja", N_("Note to the client (Japanese)")),
    ("appeal:en", N_("Appeal to the platform (English): facts, the notice verbatim, what is new")),
    ("appeal:ja", N_("Appeal to the platform (Japanese)")),
    ("status-request:en", N_("Status request to support (English), once the follow-up has passed")),
    ("status-request:ja", N_("Status request to support (Japanese)")),
]
"""(option id `kind:language`, label) of the picker, in the order shown; each label says in
the app's language which language the draft is written in."""

TITLES = {
    "client-note": N_("Note to the client"),
    "appeal": N_("Appeal to the platform"),
    "status-request": N_("Status request"),
}


class DraftPicker(Dialog[str | None]):
    """Choose a draft (`kind:language`); escape chooses nothing."""

    CSS_PATH = [MODALS_TCSS, "incident_drafts.tcss"]
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="drafts.cancel", tooltip=N_("Close without drafting"))]

    def __init__(self, client: str) -> None:
        super().__init__()
        self.client = client

    def compose(self) -> ComposeResult:
        with Vertical():
            head = _("Draft a message from the record (enter)")
            yield Paragraph(Content(head), classes="dialog-title")
            if self.client:
                yield Paragraph(Content.assemble((_("The client note is for:") + " ", "dim"), (self.client, "")))
            yield OptionList(*[Option(Content(_(label)), id=key) for key, label in CHOICES], id="draft-choices")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def draft(screen: IncidentActions) -> None:
    """`w`: the picker, then the draft in the preview; recorded as a sent message on ctrl+s.
    The client note is for the contract selected on the Contracts tab (else the first)."""
    from screens.reply import ReplyModal, SentReply

    index = screen.selected_index() if screen.tab == "contracts" else None
    contracts = screen.incident.contracts
    client = contracts[index if index is not None else 0].client if contracts else ""

    def chosen(choice: str | None) -> None:
        if not choice:
            return
        kind, language = choice.split(":")
        ok, built = attempt(
            screen.app, lambda: compose.build_draft(screen.incident, kind, clock.now(), language, index)
        )
        if not ok or built is None:
            return

        def sent(result: SentReply | None) -> None:
            if result is not None:
                screen.change(
                    lambda d: reply.log_reply(d, built, result.text, result.at),
                    (
                        _("{draft} recorded as sent at {when} (and copied)")
                        if result.copied
                        else _(
                            "{draft} recorded as sent at {when} (not copied: too large for the terminal's clipboard)"
                        )
                    ).format(draft=_(TITLES[kind]), when=show_moment(result.at)),
                )

        title = f"{_(TITLES[kind])} ({language})"
        screen.app.push_screen(
            ReplyModal(built, title=title, language=language, store=screen.store, incident_id=screen.incident.id), sent
        )

    screen.app.push_screen(DraftPicker(" ".join(client.split())), chosen)
