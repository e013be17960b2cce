"""What the incident screen does to its items beyond add and edit: delete (asking first),
undo and redo, ticks and status changes at a moment the user gives, the client told, and the
reply to support. The rules are the core's (journal.items, journal.undo, journal.reply).

Why one module of about 450 lines: it is one mixin, the actions behind the incident screen's keys
and their binding table (60 lines); each action is a few lines that ask the user and hand the
answer to the core, so splitting it would scatter one screen's keys over several files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import clock, i18n, items, labels, model, reply, templates, undo
from journal.errors import ConflictError, NotFoundError
from journal.i18n import N_, _
from journal.model import Event, Incident
from journal.timeshow import show_moment
from screens.hanging import Paragraph
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
        N_("Delete"),
        id="incident.delete",
        tooltip=N_("Delete the selected item (asks first; ctrl+z brings it back)"),
    ),
    Binding(
        "ctrl+z",
        "undo",
        N_("Undo"),
        id="incident.undo",
        tooltip=N_("Undo the last change made since the app started (any tab)"),
    ),
    Binding(
        "ctrl+y,ctrl+shift+z",
        "redo",
        N_("Redo"),
        id="incident.redo",
        tooltip=N_("Make again the change the last undo took back"),
    ),
    Binding(
        "t",
        "when",
        N_("At a time"),
        id="incident.when",
        tooltip=N_("Checklist: tick at a moment you give · Contracts: the client was told at a moment you give"),
    ),
    Binding(
        "r",
        "reply",
        N_("Reply"),
        id="incident.reply",
        tooltip=N_("Build the reply to support from the answered requests"),
    ),
    Binding(
        "w",
        "draft",
        N_("Draft"),
        id="incident.draft",
        tooltip=N_("Draft from the record: a note to the client, an appeal, a status request (checked before sending)"),
    ),
    Binding(
        "o",
        "attach",
        N_("Attach file"),
        id="incident.attach",
        tooltip=N_("Attach a file to the selected message or request: copied into the journal with its SHA-256"),
    ),
    Binding(
        "h",
        "history",
        N_("History"),
        id="incident.history",
        tooltip=N_("Every saved version of this incident (git history); restore one as a new change"),
    ),
]


def template_questions(language: str) -> dict[str, list[str]]:
    """The built-in templates' support questions of every kind in `language`, by kind (the
    same questions, in the same order, in every language)."""
    found: dict[str, list[str]] = {}
    for kind in model.KINDS:
        values, _mode = templates.read_template_file(templates.builtin_path(kind, language), kind, language)
        found[kind] = [str(q) for q in values.get("requests", [])]
    return found


def questions_in(incident: Incident, language: str) -> Incident:
    """The incident as the reply to support quotes it in `language`: a question still in the
    words of a built-in template of another language (one the user added with `u` or that a
    template suggested in Japanese) is quoted as the same template question in `language`,
    marked as the user's own paraphrase (`suggested`); support's own words stay as written.
    Returns a copy; `incident` is not changed."""
    target = template_questions(language)
    others = {other: template_questions(other) for other in i18n.LANGUAGES if other != language}
    copied = copy.deepcopy(incident)
    for request in copied.requests:
        text = request.question.strip()
        for table in others.values():
            for kind, questions in table.items():
                stripped = [q.strip() for q in questions]
                if text in stripped and len(target.get(kind, [])) == len(questions):
                    request.question = target[kind][stripped.index(text)]
                    request.suggested = True
                    break
            else:
                continue
            break
    return copied


class StatusChoice(ChoiceModal):
    """The status picker: each stored status shown in the app's language (journal.labels),
    the current one marked; gives back the stored key."""

    def compose(self) -> ComposeResult:
        current = "  " + _("(current)")
        with Vertical():
            yield Paragraph(Content(self.heading), classes="dialog-title")
            yield OptionList(
                *[
                    Option(Content(labels.status(c) + (current if c == self.current else "")), id=c)
                    for c in self.choices
                ],
                id="choices",
            )


class IncidentActions(_ScreenBase):
    """A mixin for IncidentScreen (it gives `store`, `incident`, `tab`, `change`, ...)."""

    if TYPE_CHECKING:  # what IncidentScreen gives (mypy checks that its definitions match)
        store: Store
        incident: Incident

        @property
        def tab(self) -> str: ...

        def show(self) -> None: ...

        def reload(self) -> None: ...

        def check_disk(self) -> None: ...

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
                _("Attached {name} to {target} ({size}, sha256 {sha})").format(
                    name=name, target=found[1], size=size_text(item.size), sha=item.sha256
                ),
                label=_("Attached {name}").format(name=name),
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
                    _(
                        "Restore the version of {when} ({version})? It becomes a new change; "
                        "the current version stays in history."
                    ).format(when=when, version=version.short)
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
            tell(self.app, _("Restored the version {version}").format(version=version.short))

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
                    _("Deleted {name} (ctrl+z brings it back; a copy is in {path})").format(name=name, path=kept),
                    label=_("Deleted {name}").format(name=name),
                )

        self.app.push_screen(
            ConfirmModal(
                _("Delete {name}? ctrl+z brings it back; the incident's previous version is kept in trash/.").format(
                    name=name
                ),
                yes=_("Delete"),
                no=_("Keep"),
            ),
            answered,
        )

    def _swap(self, redoing: bool) -> None:
        try:
            step = (undo.redo if redoing else undo.undo)(self.store, self.incident.id, SESSION)
        except NotFoundError:
            nothing = (
                _("Nothing to redo in this incident since the app started")
                if redoing
                else _("Nothing to undo in this incident since the app started")
            )
            tell(self.app, nothing)
            return
        except ConflictError as error:
            tell(self.app, error_line(error), error=True)
            return
        except Exception as error:
            tell(self.app, error_line(error), error=True)
            return
        self.reload()
        done = _("Redone: {change} (ctrl+z undoes it again)") if redoing else _("Undone: {change} (ctrl+y redoes it)")
        tell(self.app, done.format(change=step.label))

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
                    said = _("Status: {status} at {when}").format(status=labels.status(status), when=show_moment(at))
                    self.change(lambda d: d.set_status(status, at), said)

            asked = _("When did it become {status}? (enter: now)").format(status=labels.status(status))
            self.app.push_screen(MomentModal(asked), when)

        self.app.push_screen(StatusChoice(_("Status of this incident"), model.STATUSES, self.incident.status), chosen)

    def action_tick(self) -> None:
        index = self.selected_index()
        if self.tab != "checklist" or index is None:
            return
        ticked = self.incident.checklist[index].done_at is None
        at = clock.now() if ticked else None
        said: list[str] = []
        self.change(lambda d: said.append(items.tick(d, index, at)), _("Ticked") if ticked else _("Unticked"))

    def action_when(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        if self.tab == "checklist":
            text = self.incident.checklist[index].text

            def ticked(at: datetime | None) -> None:
                if at is not None:
                    self.change(lambda d: items.tick(d, index, at), _("Ticked at {when}").format(when=show_moment(at)))

            self.app.push_screen(MomentModal(_("When was this done? {item}").format(item=text[:60])), ticked)
        elif self.tab == "contracts":
            client = self.incident.contracts[index].client

            def told(at: datetime | None) -> None:
                if at is not None:
                    self.change(
                        lambda d: items.mark_told(d, index, at),
                        _("Client told at {when}; client-notified added").format(when=show_moment(at)),
                    )

            self.app.push_screen(
                MomentModal(_("When was {client} told about the hold?").format(client=client[:50])), told
            )

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
                self.change(
                    lambda d: d.set_status("resolved", at), _("Resolved at {when}").format(when=show_moment(at))
                )

        self.app.push_screen(
            ConfirmModal(
                _("The account was reinstated. Mark the incident resolved at {when}?").format(when=show_moment(at)),
                yes=_("Resolve"),
                no=_("Not now"),
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

        self.check_disk()  # built from the file as it is now (answers given on the command line)

        language = templates.DEFAULT_LANGUAGE  # support reads English, whatever the app speaks
        ok, built = attempt(self.app, lambda: reply.build_reply(questions_in(self.incident, language), language))
        if not ok or built is None:
            return

        def sent(result: SentReply | None) -> None:
            if result is None:
                return
            if self.change(
                lambda d: reply.log_reply(d, built, result.text, result.at),
                (
                    _("Reply recorded as sent at {when} (and copied)")
                    if result.copied
                    else _("Reply recorded as sent at {when} (not copied: too large for the terminal's clipboard)")
                ).format(when=show_moment(result.at)),
            ):
                self.offer_waiting()

        self.app.push_screen(ReplyModal(built, store=self.store, incident_id=self.incident.id), sent)

    def action_draft(self) -> None:
        from screens.incident_drafts import draft

        self.check_disk()

        draft(self)

    def offer_waiting(self) -> None:
        if not (reply.all_answered(self.incident) and self.incident.is_active and self.incident.status != "waiting"):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda d: d.set_status("waiting", clock.now()), _("Status: waiting (on support)"))

        self.app.push_screen(
            ConfirmModal(
                _("Every support request is answered. Set the status to waiting (on support)?"),
                yes=_("Set waiting"),
                no=_("Not now"),
                offer=True,
            ),
            answered,
        )
