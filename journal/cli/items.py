"""Commands on the items inside an incident: delete-item, undo, redo, tick, untick, tell, reply."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import i18n, items, reply, undo
from journal.cli.output import say, warn
from journal.errors import BadInputError
from journal.i18n import _
from journal.model import Incident
from journal.store import Store
from journal.text import one_line, printable

SUBJECT_HEADER = "Subject: "
"""The first line of a printed reply or draft starts so in every language, like a mail header,
so a script (or a mail client) can take the subject from it."""


def _draft_text(subject: str, text: str, lang: str) -> str:
    """A reply or draft as printed: `Subject: ...`, a blank line, the text (in the draft's
    language `lang`); controls shown as placeholders."""
    return printable(SUBJECT_HEADER + subject + "\n\n" + text)


def _index(args: argparse.Namespace) -> int:
    if args.index < 1:
        raise BadInputError(_("INDEX counts from 1, not {index}").format(index=args.index))
    index: int = args.index  # argparse made it an int
    return index - 1


def cmd_delete_item(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    index = _index(args)
    shown = items.describe(incident, args.section, index, i18n.language())
    label = items.remove(incident, args.section, index)
    kept = items.trash_copy(store, incident)
    undo.save(store, incident, label)
    say(
        _("Deleted {what} from {id}; the previous version is kept as {kept} (`undo {id}` puts it back)").format(
            what=shown, id=args.id, kept=kept
        )
    )
    return 0


def cmd_undo(store: Store, args: argparse.Namespace, now: datetime) -> int:
    step = undo.undo(store, args.id)
    say(_("Undone: {what} ({id}; `redo {id}` makes it again)").format(what=one_line(step.label), id=args.id))
    return 0


def cmd_redo(store: Store, args: argparse.Namespace, now: datetime) -> int:
    step = undo.redo(store, args.id)
    say(_("Redone: {what} ({id})").format(what=one_line(step.label), id=args.id))
    return 0


def cmd_tick(store: Store, args: argparse.Namespace, now: datetime) -> int:
    index = _index(args)
    said: list[str] = []
    at = None if args.command == "untick" else (args.at or now)

    def change(incident: Incident) -> None:
        said.append(items.tick(incident, index, at))

    name = items.describe(store.load(args.id), "checklist", index, i18n.language())
    undo.update(store, args.id, change, (_("Unticked {name}") if at is None else _("Ticked {name}")).format(name=name))
    say(f"{said[0]}: " + items.describe(store.load(args.id), "checklist", index, i18n.language()))
    return 0


def cmd_tell(store: Store, args: argparse.Namespace, now: datetime) -> int:
    index = _index(args)
    said: list[str] = []
    at = args.at or now
    undo.update(store, args.id, lambda incident: said.append(items.mark_told(incident, index, at)), _("Client told"))
    say(said[0])
    return 0


def cmd_reply(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    built = reply.build_reply(incident, args.lang)
    if args.subject is not None:
        built.subject = args.subject
    if not args.log:
        sys.stdout.write(_draft_text(built.subject, built.text, args.lang))
        return 0
    at = args.at or now
    changed = undo.update(
        store, args.id, lambda d: reply.log_reply(d, built, built.text, at), _("Logged the reply to support")
    )
    sys.stdout.write(_draft_text(built.subject, built.text, args.lang))
    say(_("Recorded as a sent message in {id}; {n} answer(s) marked sent").format(id=args.id, n=len(built.indexes)))
    if reply.all_answered(changed) and changed.status != "waiting" and changed.is_active:
        say(_("Every request is answered: `set-status {id} waiting` while support looks at it").format(id=args.id))
    return 0


def cmd_draft(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`draft ID KIND`: print the draft (subject, blank line, text); each outgoing-check hit
    on stderr with why; with --log, record it as a sent message after the hits are shown."""
    from journal import compose
    from journal.outgoing import check_outgoing

    contract = None
    if args.contract is not None:
        if args.contract < 1:
            raise BadInputError(_("--contract counts from 1, not {n}").format(n=args.contract))
        contract = args.contract - 1
    built = compose.build_draft(store.load(args.id), args.kind, now, args.lang, contract)
    sys.stdout.write(_draft_text(built.subject, built.text, args.lang))
    hits = check_outgoing(f"{built.subject}\n\n{built.text}", args.lang)
    for found in hits:
        warn(_("before you send it: {what}").format(what=one_line(found.line())))
    if args.log:
        at = args.at or now
        undo.update(
            store,
            args.id,
            lambda d: reply.log_reply(d, built, built.text, at, args.channel),
            _("Logged the draft {kind}").format(kind=args.kind),
        )
        say(_("Recorded as a sent message in {id}").format(id=args.id))
    return 0


def cmd_answer(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.attachments import copy_in
    from journal.cli.incidents import read_body

    index = _index(args)
    name = items.describe(store.load(args.id), "requests", index, i18n.language())
    answer = read_body()
    files = [copy_in(store, path, now=now) for path in args.attach]

    def change(incident: Incident) -> None:
        request = incident.requests[index]
        if args.question is not None:
            if not args.question.strip():
                raise BadInputError(_("--question is empty"))
            request.question, request.suggested = args.question, False
        request.answer = answer
        request.attachments += files
        if args.at is not None:
            request.answered_at = args.at

    undo.update(store, args.id, change, _("Answered {name}").format(name=name))
    name = items.describe(store.load(args.id), "requests", index, i18n.language())
    say(_("Answered {what} ({chars:,} characters, {n} file(s))").format(what=name, chars=len(answer), n=len(files)))
    return 0
