"""The incident screen's forms: the add and edit form of each tab, the incident's own form,
the support requests' form, and the drafts of edits whose item is gone. Each form keeps a draft
until it is saved or discarded (journal.drafts); what it gives back is saved through the
screen's `change` (the store, with its conflict check).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from journal import drafts
from journal.actions import record_message
from journal.i18n import N_, _
from journal.items import locate
from journal.model import Incident
from screens.forms import (
    ChecklistForm,
    EventForm,
    IncidentFields,
    IncidentForm,
    MessageForm,
    RequestFields,
    RequestForm,
)
from screens.forms.base import FormModal, forget_draft
from screens.incident_actions import IncidentActions
from screens.safe import error_line, tell

if TYPE_CHECKING:
    from screens.incident import IncidentScreen

ORPHAN_DRAFTS = {
    "message": N_(
        "A draft edited a message that is no longer in this incident (changed or deleted elsewhere); "
        "its text is kept as the draft of a new message: press a on the Messages tab"
    ),
    "event": N_(
        "A draft edited an event that is no longer in this incident (changed or deleted elsewhere); "
        "its text is kept as the draft of a new event: press a on the Timeline tab"
    ),
    "checklist": N_(
        "A draft edited a checklist item that is no longer in this incident (changed or deleted elsewhere); "
        "its text is kept as the draft of a new item: press a on the Checklist tab"
    ),
    "contract": N_(
        "A draft edited a contract that is no longer in this incident (changed or deleted elsewhere); "
        "its text is kept as the draft of a new contract: press a on the Contracts tab (h to type it by hand)"
    ),
    "request": N_(
        "A draft edited a support request that is no longer in this incident (changed or deleted elsewhere); "
        "its text is kept as the draft of a new request: press a on the Requests tab"
    ),
}
"""What is said when the item an edit draft was typed for is gone (see `rescue_drafts`)."""


class IncidentForms(IncidentActions):
    """A mixin for IncidentScreen: its forms (see the module's docstring)."""

    def rescue_drafts(self) -> None:
        """A draft of the edit of an item that is no longer here (deleted or changed by the
        command line or another window) is never put on another item: it is kept as the
        draft of a new item of its kind, or left in its file, and a notice says which."""
        try:
            found = drafts.rescue_orphans(self.store, self.incident)
        except Exception as error:  # a draft is a convenience: never a reason not to open
            tell(self.app, _("Draft not restored: {error}").format(error=error_line(error)), error=True)
            return
        for kind, left in found:
            if left is None:
                tell(self.app, _(ORPHAN_DRAFTS[kind]), error=True)
            else:
                line = _(
                    "A draft edited an item that is no longer in this incident (changed or deleted elsewhere); "
                    "it is kept in {path}"
                ).format(path=left)
                tell(self.app, line, error=True)

    def open_form(self, tab: str, index: int | None) -> None:
        """Open the add (index None) or edit form of a tab; save what it gives back."""
        i = self.incident
        if tab == "overview":
            self.add_with(EventForm, None, self.add_linked_event, _("Event added"), draft="event")
        elif tab == "messages":
            if index is None:  # a new message keeps a draft on disk until it is saved
                from screens.message_draft import DraftedMessageForm, discard_draft

                drafted = functools.partial(DraftedMessageForm, store=self.store, incident_id=i.id)
                self.add_with(
                    drafted,
                    None,
                    record_message,
                    _("Message saved"),
                    "messages",
                    i.messages,
                    saved=lambda: discard_draft(self.store, i.id),
                )
            else:
                self.add_with(
                    MessageForm, index, record_message, _("Message saved"), "messages", i.messages, draft="message"
                )
        elif tab == "timeline":
            self.add_with(EventForm, index, self.add_linked_event, _("Event saved"), "events", i.events, draft="event")
        elif tab == "checklist":
            self.add_with(
                ChecklistForm,
                index,
                lambda d, c: d.checklist.append(c),
                _("Checklist item saved"),
                "checklist",
                i.checklist,
                draft="checklist",
            )
        elif tab == "contracts":
            from screens import incident_contracts

            if index is None:
                incident_contracts.add_contract(cast("IncidentScreen", self))
            else:
                incident_contracts.edit_contract(cast("IncidentScreen", self), index)
        elif tab == "requests":
            self.request_form(index)

    def add_with(
        self,
        form: Callable[..., Any],
        index: int | None,
        add: Callable[[Incident, Any], Any],
        done: str,
        attr: str | None = None,
        items: list[Any] | None = None,
        saved: Callable[[], None] | None = None,
        draft: str | None = None,
    ) -> None:
        """Open `form` for a new item (index None) or the item at `index`, then save (and
        call `saved` once it is on disk). With `draft` (a form key such as `event`), what is
        typed is kept as a draft (`event` for a new one, `event-<fingerprint>` for an edit:
        keyed by the item as loaded, never by its position, see `drafts.item_form`) until it
        is saved or discarded."""
        existing = items[index] if items is not None and index is not None else None
        key = None if draft is None else (draft if existing is None else drafts.item_form(draft, existing))
        incident_id = self.incident.id

        def opened(value: Any, restore: bool) -> Any:
            made = form(value)
            if key is not None and isinstance(made, FormModal) and made.draft_store is None:
                made.keep_draft(self.store, incident_id, key, restore=restore)
            return made

        def submitted(value: Any) -> None:
            if value is None:
                return

            def apply(d: Incident) -> None:
                if existing is None or attr is None or index is None:
                    add(d, value)
                    return
                target = getattr(d, attr)
                place = locate(target, existing, index)  # d may be a newer version of the file
                if attr == "contracts":
                    self.contract_saved(d, target[place], value)
                target[place] = value
                if attr in ("messages", "events"):
                    target.sort(key=lambda item: item.at)

            if self.change(apply, done, reopen=lambda: self.app.push_screen(opened(value, False), submitted)):
                if key is not None:
                    forget_draft(self.store, incident_id, key)
                if saved:
                    saved()

        self.app.push_screen(opened(existing, True), submitted)

    def action_security_questions(self) -> None:
        from screens.incident_contracts import security_questions

        security_questions(cast("IncidentScreen", self))

    def action_edit_incident(self) -> None:
        def submitted(fields: IncidentFields | None) -> None:
            if fields is None:
                return

            def apply(d: Incident) -> None:
                d.title, d.kind, d.platform = fields.title, fields.kind, fields.platform
                d.opened_at, d.follow_up_at, d.summary = fields.opened_at, fields.follow_up_at, fields.summary
                d.stops_work = fields.stops_work

            reopen = lambda: self.app.push_screen(  # noqa: E731
                IncidentForm(initial=fields).keep_draft(self.store, incident_id, "incident", restore=False), submitted
            )
            if self.change(apply, _("Incident saved"), reopen=reopen):
                forget_draft(self.store, incident_id, "incident")

        incident_id = self.incident.id
        self.app.push_screen(IncidentForm(self.incident).keep_draft(self.store, incident_id, "incident"), submitted)

    def request_form(self, index: int | None) -> None:
        existing = self.incident.requests[index] if index is not None else None

        def submitted(fields: RequestFields | None) -> None:
            if fields is None:
                return

            def apply(d: Incident) -> None:
                if index is None or existing is None:
                    d.requests.append(fields.request)
                else:
                    d.requests[locate(d.requests, existing, index)] = fields.request

            reopen = lambda: self.app.push_screen(  # noqa: E731
                RequestForm(copy.deepcopy(fields.request), self.store).keep_draft(self.store, incident_id, key, False),
                submitted,
            )
            if self.change(apply, _("Request saved"), reopen=reopen):
                forget_draft(self.store, incident_id, key)
                self.offer_waiting()

        incident_id = self.incident.id
        key = "request" if existing is None else drafts.item_form("request", existing)
        self.app.push_screen(RequestForm(existing, self.store).keep_draft(self.store, incident_id, key), submitted)
