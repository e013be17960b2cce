"""Commands that create or change one incident: new, template, show, add-message, add-event,
set-status, delete."""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime

from journal import actions, alerts, charsets, codec, labels, model, roster, safe_read, templates
from journal.cli.output import say, warn
from journal.cli.render import incident_json, json_text, next_steps, render_incident
from journal.errors import BadInputError, JournalError
from journal.i18n import N_, _
from journal.model import Event, Message
from journal.store import Store
from journal.text import one_line
from journal.timeshow import show_moment


def read_body() -> str:
    """The message body from stdin (see `charsets.decode_user_bytes`); a warning on stderr
    says what could not be read as UTF-8. Raises BadInputError over MAX_BODY_CHARS."""
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print(_("Paste the message body, then press Ctrl-D on an empty line:"), file=sys.stderr)
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode())
    # UTF-8 takes at most 4 bytes a character: anything longer is over the body cap.
    data = safe_read.read_stream(stream, 4 * model.MAX_BODY_CHARS, "<stdin>", N_("the message body"))
    # Nothing typed is thrown away: a stray byte (a terminal without IUTF8 after a backspace
    # over a multi-byte character) is kept as U+FFFD, and said.
    body, note = charsets.decode_user_bytes(data, "stdin had")
    if note:
        say(_("Warning: {what}").format(what=f"<stdin>: {note}"))
    if len(body) > model.MAX_BODY_CHARS:
        raise BadInputError(
            "<stdin>: "
            + _("the body has {n:,} characters; the limit is {limit:,}").format(n=len(body), limit=model.MAX_BODY_CHARS)
        )
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
        warn(warning)
    say(_("Created {path}").format(path=store.path_for(incident.id)))
    for line in next_steps(incident):
        print(line, file=sys.stderr)
    if args.contract is None and templates.load_template(args.kind).ask_contract:
        try:
            active = roster.active_contracts(store)
        except (codec.FormatError, JournalError) as error:
            warn(str(error))
            active = []
        if active:
            names = ", ".join(f"{c.id} ({one_line(c.client)})" for c in active[:10])
            say(
                _("Which contract is suspended? Say it with --contract ID next time; your roster: {names}").format(
                    names=names
                )
            )
    print(incident.id)
    return 0


def cmd_template(store: Store, args: argparse.Namespace, now: datetime) -> int:
    template = templates.load_template(args.kind, args.lang)
    for problem in template.problems:
        warn(str(problem))
    out = [
        _("{kind} ({language}); from {sources}").format(
            kind=labels.kind(args.kind), language=template.language, sources=", ".join(template.sources)
        )
    ]
    if template.follow_up_days:
        days = template.follow_up_days
        out.append(_("Follow up after {n} day(s) if nothing happens").format(n=days))
    out += ["", _("Checklist:")] + [f"  [ ] {one_line(text)}" for text in template.checklist]
    if template.requests:
        out += ["", _("Support requests:")] + [f"  ? {one_line(text)}" for text in template.requests]
    if template.copy_roster:
        out += ["", _("Every active roster contract is copied in as affected, with a checklist item per client.")]
    if template.ask_contract:
        out += ["", _("Asks which roster contract it is about (new --contract ID).")]
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
        warn(str(problem))
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
            raise BadInputError(
                _("add-message needs {options} (or --eml FILE)").format(options=" / ".join("--" + m for m in missing))
            )
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
        warn(_("the message has an empty body (saved anyway; `undo {id}` takes it back)").format(id=args.id))
    say(_("Added the message to {id} ({n:,} characters)").format(id=args.id, n=len(message.body)))
    if incident.follow_up_at:
        say(_("Follow-up: {moment}").format(moment=show_moment(incident.follow_up_at)))
    if message.direction == "sent":
        from journal.outgoing import check_outgoing

        for found in check_outgoing(f"{message.subject}\n\n{message.body}", templates.current_language()):
            warn(_("the message you sent: {what}").format(what=one_line(found.line())))
    for hit in alerts.message_hits(message)[:1]:
        say(
            _(
                'Warning: this message talks of moving payment or work off the platform ("{phrase}"); '
                "doing so to get around a hold is itself a violation."
            ).format(phrase=one_line(hit.phrase))
        )
    return 0


def cmd_add_event(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import items, undo

    event = Event(at=args.at or now, kind=args.kind, text=args.text)
    said: list[str] = []
    changed = undo.update(
        store,
        args.id,
        lambda incident: said.append(items.add_event(incident, event)),
        _("Added the event {kind}").format(kind=labels.event_kind(args.kind)),
    )
    say(_("Added to the timeline of {id}").format(id=args.id) + said[0])
    if args.kind == "reinstated" and changed.is_active:
        say(
            _("Reinstated: close it at that moment with `set-status {id} resolved --at {at}`").format(
                id=args.id, at=event.at.isoformat(timespec="minutes")
            )
        )
    return 0


def cmd_set_status(store: Store, args: argparse.Namespace, now: datetime) -> int:
    changes: list[Event | None] = []
    from journal import undo

    undo.update(
        store,
        args.id,
        lambda incident: changes.append(incident.set_status(args.status, args.at or now)),
        _("Status {status}").format(status=labels.status(args.status)),
    )
    change = changes[0]
    if change is None:
        print(_("{id} is already {status}").format(id=args.id, status=labels.status(args.status)))
    else:
        print(labels.event_text(change.kind, change.text))  # English: as stored, `open -> waiting`
    return 0


def cmd_delete(store: Store, args: argparse.Namespace, now: datetime) -> int:
    target = store.delete(args.id)
    say(_("Moved {id} to {path}").format(id=args.id, path=target))
    return 0
