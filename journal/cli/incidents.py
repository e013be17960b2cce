"""Commands that create or change one incident: new, template, show, add-message, add-event,
set-status, delete."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime

from journal import actions, alerts, charsets, codec, model, roster, safe_read, templates
from journal.cli.parser import PROG
from journal.cli.render import incident_json, json_text, next_steps, render_incident
from journal.errors import BadInputError, JournalError
from journal.model import Event, Message
from journal.store import Store
from journal.text import one_line
from journal.timeparse import format_moment


def read_body() -> str:
    """The message body from stdin (see `charsets.decode_user_bytes`); a warning on stderr
    says what could not be read as UTF-8. Raises BadInputError over MAX_BODY_CHARS."""
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print("Paste the message body, then press Ctrl-D on an empty line:", file=sys.stderr)
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode())
    # UTF-8 takes at most 4 bytes a character: anything longer is over the body cap.
    data = safe_read.read_stream(stream, 4 * model.MAX_BODY_CHARS, "<stdin>", "the message body")
    # Nothing typed is thrown away: a stray byte (a terminal without IUTF8 after a backspace
    # over a multi-byte character) is kept as U+FFFD, and said.
    body, note = charsets.decode_user_bytes(data, "stdin had")
    if note:
        print(f"Warning: <stdin>: {note}", file=sys.stderr)
    if len(body) > model.MAX_BODY_CHARS:
        raise BadInputError(f"<stdin>: the body has {len(body):,} characters; the limit is {model.MAX_BODY_CHARS:,}")
    return body


def cmd_new(store: Store, args: argparse.Namespace, now: datetime) -> int:
    warnings: list[str] = []
    incident = actions.new_incident(
        store,
        kind=args.kind,
        title=args.title,
        platform=args.platform,
        opened_at=args.opened or now,
        follow_up_at=args.follow_up,
        summary=args.summary,
        tags=args.tag,
        contract=args.contract,
        warnings=warnings,
        stops_work=args.stops_work,
    )
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    print(f"Created {store.path_for(incident.id)}", file=sys.stderr)
    for line in next_steps(incident):
        print(line, file=sys.stderr)
    if args.contract is None and templates.load_template(args.kind).ask_contract:
        try:
            active = roster.active_contracts(store)
        except (codec.FormatError, JournalError) as error:
            print(f"{PROG}: warning: {error}", file=sys.stderr)
            active = []
        if active:
            names = ", ".join(f"{c.id} ({one_line(c.client)})" for c in active[:10])
            print(
                f"Which contract is suspended? Say it with --contract ID next time; your roster: {names}",
                file=sys.stderr,
            )
    print(incident.id)
    return 0


def cmd_template(store: Store, args: argparse.Namespace, now: datetime) -> int:
    template = templates.load_template(args.kind, args.lang)
    for problem in template.problems:
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    out = [f"{args.kind} ({template.language}); from {', '.join(template.sources)}"]
    if template.follow_up_days:
        out.append(f"Follow up after {template.follow_up_days} day(s) if nothing happens")
    out += ["", "Checklist:"] + [f"  [ ] {one_line(text)}" for text in template.checklist]
    if template.requests:
        out += ["", "Support requests:"] + [f"  ? {one_line(text)}" for text in template.requests]
    if template.copy_roster:
        out += ["", "Every active roster contract is copied in as affected, with a checklist item per client."]
    if template.ask_contract:
        out += ["", "Asks which roster contract it is about (new --contract ID)."]
    print("\n".join(out))
    return 0


def cmd_show(store: Store, args: argparse.Namespace, now: datetime) -> int:
    if getattr(args, "at", None):
        from journal.cli.history import show_at

        return show_at(store, args, now)
    incident = store.load(args.id)
    if args.json:
        print(json_text(incident_json(incident, now)))
        return 0
    from journal.links import shown_contracts

    contracts, problem = shown_contracts(store, incident)
    if problem and any(c.roster_id for c in incident.contracts):
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    print(render_incident(incident, now, contracts))
    return 0


def cmd_add_message(store: Store, args: argparse.Namespace, now: datetime) -> int:
    store.path_for(args.id)  # a bad id is refused before reading stdin
    if args.eml:
        from journal import eml  # the email package is only loaded when it is used

        parsed = eml.read_eml(args.eml, now)
        for note in parsed.notes:
            print(f"{args.eml}: {note}", file=sys.stderr)
        message = parsed.message
        message.direction, message.channel, message.note = args.direction, args.channel, args.note
        if args.at:
            message.at = args.at
        message.subject = args.subject if args.subject is not None else message.subject
        message.sender = args.sender if args.sender is not None else message.sender
    else:
        missing = [name for name in ("subject", "sender") if getattr(args, name) is None]
        if missing:
            raise BadInputError(f"add-message needs --{' and --'.join(missing)} (or --eml FILE)")
        message = Message(
            at=args.at or now,
            direction=args.direction,
            channel=args.channel,
            sender=args.sender,
            subject=args.subject,
            body=read_body(),
            note=args.note,
        )
    incident = actions.add_message(store, args.id, message)
    if not message.body.strip():
        print(
            f"{PROG}: warning: the message has an empty body (saved anyway; `undo {args.id}` takes it back)",
            file=sys.stderr,
        )
    print(f"Added the message to {args.id} ({len(message.body):,} characters)", file=sys.stderr)
    if incident.follow_up_at:
        print(f"Follow-up: {format_moment(incident.follow_up_at)}", file=sys.stderr)
    if message.direction == "sent":
        from journal.outgoing import check_outgoing

        for found in check_outgoing(f"{message.subject}\n\n{message.body}", templates.current_language()):
            print(f"{PROG}: warning: the message you sent: {one_line(found.line())}", file=sys.stderr)
    for hit in alerts.message_hits(message)[:1]:
        print(
            f'Warning: this message talks of moving payment or work off the platform ("{one_line(hit.phrase)}"); '
            "doing so to get around a hold is itself a violation.",
            file=sys.stderr,
        )
    return 0


def cmd_add_event(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import items, undo

    event = Event(at=args.at or now, kind=args.kind, text=args.text)
    said: list[str] = []
    changed = undo.update(
        store, args.id, lambda incident: said.append(items.add_event(incident, event)), f"Added the {args.kind} event"
    )
    print(f"Added to the timeline of {args.id}" + said[0].removeprefix("Event added"), file=sys.stderr)
    if args.kind == "reinstated" and changed.is_active:
        print(
            f"Reinstated: close it at that moment with `set-status {args.id} resolved --at "
            f"{event.at.isoformat(timespec='minutes')}`",
            file=sys.stderr,
        )
    return 0


def cmd_set_status(store: Store, args: argparse.Namespace, now: datetime) -> int:
    changes: list[Event | None] = []
    from journal import undo

    undo.update(
        store,
        args.id,
        lambda incident: changes.append(incident.set_status(args.status, args.at or now)),
        f"Status {args.status}",
    )
    change = changes[0]
    print(change.text if change else f"{args.id} is already {args.status}")
    return 0


def cmd_delete(store: Store, args: argparse.Namespace, now: datetime) -> int:
    target = store.delete(args.id)
    print(f"Moved {args.id} to {target}", file=sys.stderr)
    return 0
