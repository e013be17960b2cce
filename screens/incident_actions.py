"""What the incident screen does to its items beyond add and edit: delete (asking first),
undo and redo, ticks and status changes at a moment the user gives, the client told, and the
reply to support. The rules are the core's (journal.items, journal.undo, journal.reply)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from journal import clock, items, model, reply, templates, undo
from journal.errors import ConflictError, NotFoundError
from journal.model import Event, Incident
from journal.timeparse import format_moment
from screens.modals import ChoiceModal, ConfirmModal, MomentModal
from screens.safe import attempt, error_line, tell

if TYPE_CHECKING:
    from textual.screen import Screen

    from journal.history import Version
    from journal.store import Store

    _ScreenBase = Screen[None]
else:
    _ScreenBase = object  # at run time the mixin adds no class of Textual's to the screen's

SESSION = undo.new_session()
"""This run of the app: ctrl+z undoes the changes made since it started."""

SECTION_OF_TAB = {
    "messages": "messages",
    "timeline": "events",
    "checklist": "checklist",
    "contracts": "contracts",
    "requests": "requests",
}

ACTION_BINDINGS = [
    Binding(
        "d,delete",
        "delete",
        "Delete",
        id="incident.delete",
        tooltip="Delete the selected item (asks first; ctrl+z brings it back)",
    ),
    Binding(
        "ctrl+z",
        "undo",
        "Undo",
        id="incident.undo",
        tooltip="Undo the last change made since the app started (any tab)",
    ),
    Binding(
        "ctrl+y,ctrl+shift+z",
        "redo",
        "Redo",
        id="incident.redo",
        tooltip="Make again the change the last undo took back",
    ),
    Binding(
        "t",
        "when",
        "At a time",
        id="incident.when",
        tooltip="Checklist: tick at a moment you give · Contracts: the client was told at a moment you give",
    ),
    Binding(
        "r", "reply", "Reply", id="incident.reply", tooltip="Build the reply to support from the answered requests"
    ),
    Binding(
        "w",
        "draft",
        "Draft",
        id="incident.draft",
        tooltip="Draft from the record: a note to the client, an appeal, a status request (checked before sending)",
    ),
    Binding(
        "o",
        "attach",
        "Attach file",
        id="incident.attach",
        tooltip="Attach a file to the selected message or request: copied into the journal with its SHA-256",
    ),
    Binding(
        "h",
        "history",
        "History",
        id="incident.history",
        tooltip="Every saved version of this incident (git history); restore one as a new change",
    ),
]


class IncidentActions(_ScreenBase):
    """A mixin for IncidentScreen (it gives `store`, `incident`, `tab`, `change`, ...)."""

    if TYPE_CHECKING:  # what IncidentScreen gives (mypy checks that its definitions match)
        store: Store
        incident: Incident

        @property
        def tab(self) -> str: ...

        def show(self) -> None: ...

        def reload(self) -> None: ...

        def selected_index(self) -> int | None: ...

        def change(
            self,
            apply: Callable[[Incident], Any],
            done: str,
            reopen: Callable[[], object] | None = None,
            label: str | None = None,
        ) -> bool: ...

    def actions_allowed(self, action: str) -> bool | None:
        """check_action for these actions: shown where they apply, greyed without a row."""
        if action == "delete":
            return (self.tab in SECTION_OF_TAB) and (self.selected_index() is not None or None)
        if action == "when":
            return self.tab in ("checklist", "contracts") and (self.selected_index() is not None or None)
        if action == "reply":
            return self.tab == "requests"
        if action == "attach":
            return self.tab in ("messages", "requests") and (self.selected_index() is not None or None)
        return True

    # ------------------------------------------------------------------ attachments

    def action_attach(self) -> None:
        """Pick a file, copy it into the journal (a worker, with progress and cancel), then
        attach it to the selected message or request (journal.attachments.add_to)."""
        from journal.attachments import add_to, target
        from journal.evidence import file_name
        from screens.attach import AttachModal, size_text

        index = self.selected_index()
        section = self.tab
        if section not in ("messages", "requests") or index is None:
            return
        ok, found = attempt(self.app, lambda: target(self.incident, section, index))
        if not ok or found is None:
            return

        def copied(item: model.Attachment | None) -> None:
            if item is None:
                return
            name = file_name(item.original or item.path)
            self.change(
                lambda d: add_to(d, section, index, item),
                f"Attached {name} to {found[1]} ({size_text(item.size)}, sha256 {item.sha256})",
                label=f"Attached {name}",
            )

        self.app.push_screen(AttachModal(self.store, found[1]), copied)

    # ------------------------------------------------------------------ history

    def action_history(self) -> None:
        from screens.history import HistoryModal

        def restore_chosen(version: Version | None) -> None:
            if version is None:
                return
            when = version.at.astimezone().strftime("%Y-%m-%d %H:%M")

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.restore_version(version)

            self.app.push_screen(
                ConfirmModal(
                    f"Restore the version of {when} ({version.short})? It becomes a new change; "
                    "the current version stays in history."
                ),
                confirmed,
            )

        self.app.push_screen(HistoryModal(self.store, self.incident.id, self.incident.title), restore_chosen)

    def restore_version(self, version: Version) -> None:
        from journal.history import History, restore

        done, incident = attempt(
            self.app, lambda: restore(self.store, History(self.store.data_dir), self.incident.id, version.rev)
        )
        if done and incident is not None:
            self.incident = incident
            self.show()
            tell(self.app, f"Restored the version {version.short}")

    # ------------------------------------------------------------------ delete, undo, redo

    def action_delete(self) -> None:
        section = SECTION_OF_TAB.get(self.tab)
        index = self.selected_index()
        if section is None or index is None:
            return
        name = items.describe(self.incident, section, index)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ok, kept = attempt(self.app, lambda: items.trash_copy(self.store, self.incident))
            if ok and kept is not None:
                self.change(
                    lambda d: items.remove(d, section, index),
                    f"Deleted {name} (ctrl+z brings it back; a copy is in {kept})",
                    label=f"Deleted {name}",
                )

        self.app.push_screen(
            ConfirmModal(
                f"Delete {name}? ctrl+z brings it back; the incident's previous version is kept in trash/.",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def _swap(self, redoing: bool) -> None:
        verb = "Redone" if redoing else "Undone"
        try:
            step = (undo.redo if redoing else undo.undo)(self.store, self.incident.id, SESSION)
        except NotFoundError:
            tell(self.app, f"Nothing to {'redo' if redoing else 'undo'} in this incident since the app started")
            return
        except ConflictError as error:
            tell(self.app, error_line(error), error=True)
            return
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            return
        self.reload()
        keys = "ctrl+z undoes it again" if redoing else "ctrl+y redoes it"
        tell(self.app, f"{verb}: {step.label} ({keys})")

    def action_undo(self) -> None:
        self._swap(redoing=False)

    def action_redo(self) -> None:
        self._swap(redoing=True)

    # ------------------------------------------------------------------ moments

    def action_status(self) -> None:
        """Pick a status (the list opens on the current one, marked), then when it happened."""

        def chosen(status: str | None) -> None:
            if not status or status == self.incident.status:
                return

            def when(at: datetime | None) -> None:
                if at is not None:
                    self.change(lambda d: d.set_status(status, at), f"Status: {status} at {format_moment(at)}")

            self.app.push_screen(MomentModal(f"When did it become {status}? (enter: now)"), when)

        self.app.push_screen(ChoiceModal("Status of this incident", model.STATUSES, self.incident.status), chosen)

    def action_tick(self) -> None:
        index = self.selected_index()
        if self.tab != "checklist" or index is None:
            return
        ticked = self.incident.checklist[index].done_at is None
        at = clock.now() if ticked else None
        said: list[str] = []
        self.change(lambda d: said.append(items.tick(d, index, at)), "Ticked" if ticked else "Unticked")

    def action_when(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        if self.tab == "checklist":
            text = self.incident.checklist[index].text

            def ticked(at: datetime | None) -> None:
                if at is not None:
                    self.change(lambda d: items.tick(d, index, at), f"Ticked at {format_moment(at)}")

            self.app.push_screen(MomentModal(f"When was this done? {text[:60]}"), ticked)
        elif self.tab == "contracts":
            client = self.incident.contracts[index].client

            def told(at: datetime | None) -> None:
                if at is not None:
                    self.change(
                        lambda d: items.mark_told(d, index, at),
                        f"Client told at {format_moment(at)}; client-notified added",
                    )

            self.app.push_screen(MomentModal(f"When was {client[:50]} told about the hold?"), told)

    def add_linked_event(self, d: Incident, event: Event) -> None:
        """Add an event (ticking its linked checklist item); a `reinstated` event then
        offers to close the incident at its moment."""
        items.add_event(d, event)
        if event.kind == "reinstated" and d.is_active:
            self.call_after_refresh(self.offer_close, event.at)

    def offer_close(self, at: datetime) -> None:
        if not self.incident.is_active:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda d: d.set_status("resolved", at), f"Resolved at {format_moment(at)}")

        self.app.push_screen(
            ConfirmModal(
                f"The account was reinstated. Mark the incident resolved at {format_moment(at)}?",
                yes="Resolve",
                no="Not now",
                offer=True,
            ),
            answered,
        )

    def contract_saved(self, d: Incident, old: model.Contract | None, new: model.Contract) -> None:
        """Put a contract's change (client told, new state) on the timeline."""
        items.contract_changed(d, old, new, clock.now())

    # ------------------------------------------------------------------ reply

    def action_reply(self) -> None:
        from screens.reply import ReplyModal, SentReply

        ok, built = attempt(self.app, lambda: reply.build_reply(self.incident, templates.DEFAULT_LANGUAGE))
        if not ok or built is None:
            return

        def sent(result: SentReply | None) -> None:
            if result is None:
                return
            if self.change(
                lambda d: reply.log_reply(d, built, result.text, result.at),
                f"Reply recorded as sent at {format_moment(result.at)} (and copied)",
            ):
                self.offer_waiting()

        self.app.push_screen(ReplyModal(built), sent)

    def action_draft(self) -> None:
        from screens.incident_drafts import draft

        draft(self)

    def offer_waiting(self) -> None:
        if not (reply.all_answered(self.incident) and self.incident.is_active and self.incident.status != "waiting"):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda d: d.set_status("waiting", clock.now()), "Status: waiting (on support)")

        self.app.push_screen(
            ConfirmModal(
                "Every support request is answered. Set the status to waiting (on support)?",
                yes="Set waiting",
                no="Not now",
                offer=True,
            ),
            answered,
        )
