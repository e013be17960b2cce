"""The form for a new message, with its draft kept on disk as it is typed or pasted.

A long notice pasted into the body is the one thing that hurts to lose: a second after the
last change the fields are written to `drafts/<id>.message.<app>.json` (journal.drafts;
every form that takes text does the same, see `FormModal.keep_draft`). The next time the
form is opened for that incident (also after a crash or a killed terminal) the draft is
put back. It is removed when the message is saved or the form is discarded."""

from __future__ import annotations

from journal import drafts, model
from journal.store import Store
from screens.forms import MessageForm
from screens.forms.base import forget_draft

FIELDS = ("direction", "channel", "at", "sender", "subject", "note", "body")


class DraftedMessageForm(MessageForm):
    """`MessageForm` for a new message of one incident, autosaving a draft."""

    def __init__(self, message: model.Message | None = None, *, store: Store, incident_id: str) -> None:
        super().__init__(message)
        self.store = store
        self.incident_id = incident_id
        # reopened with what was typed after a failed save: nothing to put back
        self.keep_draft(store, incident_id, drafts.MESSAGE, restore=message is None)


def discard_draft(store: Store, incident_id: str) -> None:
    """Drop the draft of a new message for an incident (after it was saved, say)."""
    forget_draft(store, incident_id, drafts.MESSAGE)
