"""Commands on the items inside an incident: delete-item, undo, redo, tick, untick, tell, reply."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import items, reply, undo
from journal.errors import BadInputError
from journal.model import Incident
from journal.store import Store
from journal.text import one_line, printable


def _index(args: argparse.Namespace) -> int:
    if args.index < 1:
        raise BadInputError(f"INDEX counts from 1, not {args.index}")
    index: int = args.index  # argparse made it an int
    return index - 1


def cmd_delete_item(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    index = _index(args)
    label = items.remove(incident, args.section, index)
    kept = items.trash_copy(store, incident)
    undo.save(store, incident, label)
    print(
        f"{label} from {args.id}; the previous version is kept as {kept} (`undo {args.id}` puts it back)",
        file=sys.stderr,
    )
    return 0


def cmd_undo(store: Store, args: argparse.Namespace, now: datetime) -> int:
    step = undo.undo(store, args.id)
    print(f"Undone: {one_line(step.label)} ({args.id}; `redo {args.id}` makes it again)", file=sys.stderr)
    return 0


def cmd_redo(store: Store, args: argparse.Namespace, now: datetime) -> int:
    step = undo.redo(store, args.id)
    print(f"Redone: {one_line(step.label)} ({args.id})", file=sys.stderr)
    return 0


def cmd_tick(store: Store, args: argparse.Namespace, now: datetime) -> int:
    index = _index(args)
    said: list[str] = []
    at = None if args.command == "untick" else (args.at or now)

    def change(incident: Incident) -> None:
        said.append(items.tick(incident, index, at))

    name = items.describe(store.load(args.id), "checklist", index)
    undo.update(store, args.id, change, f"{'Unticked' if at is None else 'Ticked'} {name}")
    print(f"{said[0]}: {name}", file=sys.stderr)
    return 0


def cmd_tell(store: Store, args: argparse.Namespace, now: datetime) -> int:
    index = _index(args)
    said: list[str] = []
    at = args.at or now
    undo.update(store, args.id, lambda incident: said.append(items.mark_told(incident, index, at)), "Client told")
    print(said[0], file=sys.stderr)
    return 0


def cmd_reply(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    built = reply.build_reply(incident, args.lang)
    if args.subject is not None:
        built.subject = args.subject
    if not args.log:
        sys.stdout.write(printable(f"Subject: {built.subject}\n\n{built.text}"))
        return 0
    at = args.at or now
    changed = undo.update(
        store, args.id, lambda d: reply.log_reply(d, built, built.text, at), "Logged the reply to support"
    )
    sys.stdout.write(printable(f"Subject: {built.subject}\n\n{built.text}"))
    print(f"Recorded as a sent message in {args.id}; {len(built.indexes)} answer(s) marked sent", file=sys.stderr)
    if reply.all_answered(changed) and changed.status != "waiting" and changed.is_active:
        print(f"Every request is answered: `set-status {args.id} waiting` while support looks at it", file=sys.stderr)
    return 0


def cmd_draft(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`draft ID KIND`: print the draft (subject, blank line, text); each outgoing-check hit
    on stderr with why; with --log, record it as a sent message after the hits are shown."""
    from journal import compose
    from journal.outgoing import check_outgoing

    contract = None
    if args.contract is not None:
        if args.contract < 1:
            raise BadInputError(f"--contract counts from 1, not {args.contract}")
        contract = args.contract - 1
    built = compose.build_draft(store.load(args.id), args.kind, now, args.lang, contract)
    sys.stdout.write(printable(f"Subject: {built.subject}\n\n{built.text}"))
    hits = check_outgoing(f"{built.subject}\n\n{built.text}", args.lang)
    for found in hits:
        print(f"warning: before you send it: {one_line(found.line())}", file=sys.stderr)
    if args.log:
        at = args.at or now
        undo.update(
            store, args.id, lambda d: reply.log_reply(d, built, built.text, at, args.channel), f"Logged the {args.kind}"
        )
        print(f"Recorded as a sent message in {args.id}", file=sys.stderr)
    return 0


def cmd_answer(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.attachments import copy_in
    from journal.cli.incidents import read_body

    index = _index(args)
    name = items.describe(store.load(args.id), "requests", index)
    answer = read_body()
    files = [copy_in(store, path, now=now) for path in args.attach]

    def change(incident: Incident) -> None:
        request = incident.requests[index]
        if args.question is not None:
            if not args.question.strip():
                raise BadInputError("--question is empty")
            request.question, request.suggested = args.question, False
        request.answer = answer
        request.attachments += files
        if args.at is not None:
            request.answered_at = args.at

    undo.update(store, args.id, change, f"Answered {name}")
    print(f"Answered {name} ({len(answer):,} characters, {len(files)} file(s))", file=sys.stderr)
    return 0
