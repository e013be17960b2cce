"""The command line: `incident-journal [--data-dir DIR] [--demo] [COMMAND ...]`.

With no command it opens the terminal UI (imported lazily, so commands start fast).
Exit codes: 0 success, 1 the operation failed (unknown id, conflict, I/O), 2 bad usage or
bad input. Every error is one line on stderr naming the file (and line) it is about.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NoReturn

from journal import __version__, actions, alerts, clock, codec, counters, followups, model, roster, templates
from journal.errors import BadInputError, JournalError, StoreError
from journal.index import Summary, sort_urgent
from journal.model import Event, Incident, Message
from journal.store import Store
from journal.text import fit, one_line, printable
from journal.timeparse import TimeParseError, format_duration, format_moment, format_signed, parse_date, parse_moment

PROG = "incident-journal"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _moment_arg(text: str) -> datetime:
    try:
        return parse_moment(text)
    except TimeParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except TimeParseError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> _Parser:
    """The argument parser (also used to document the command line)."""
    parser = _Parser(prog=PROG, description="Record and follow a work platform's hold on your account or contract.")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $INCIDENT_JOURNAL_DIR or the platform's data folder)")
    parser.add_argument("--demo", action="store_true", help="use a throw-away journal with sample incidents")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="record a new incident; prints its id on the last line")
    p.add_argument("--kind", required=True, choices=model.KINDS)
    p.add_argument("--title", required=True)
    p.add_argument("--platform", default=model.DEFAULT_PLATFORM)
    p.add_argument("--opened", type=_moment_arg, metavar="WHEN", help="when it began (default: now)")
    p.add_argument("--follow-up", type=_moment_arg, metavar="WHEN", help="when to act next if nothing happens")
    p.add_argument("--summary", default="")
    p.add_argument("--tag", action="append", default=[], help="a label (repeatable)")
    p.add_argument(
        "--contract",
        metavar="ID",
        help="which roster contract this is about (for a contract suspension): its roster id, "
        "contract id or client name, as shown by `contracts list`",
    )

    p = sub.add_parser("list", help="list incidents, most urgent first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--status", choices=model.STATUSES)

    p = sub.add_parser("show", help="show one incident in full")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "add-message",
        help="add a message; the body is read verbatim from stdin, or taken from an email file (--eml)",
    )
    p.add_argument("id")
    p.add_argument("--eml", metavar="FILE", help="read date, sender, subject, Message-ID and body from a raw email (.eml)")
    p.add_argument("--subject", help="the subject (required without --eml)")
    p.add_argument("--sender", help="who wrote it (required without --eml)")
    p.add_argument("--at", type=_moment_arg, metavar="WHEN", help="when (default: now)")
    p.add_argument("--direction", choices=model.DIRECTIONS, default="received")
    p.add_argument("--channel", choices=model.CHANNELS, default="email")
    p.add_argument("--note", default="", help="your own note (kept private in exports)")

    p = sub.add_parser("add-event", help="add a timeline event")
    p.add_argument("id")
    p.add_argument("text")
    p.add_argument("--kind", choices=model.EVENT_KINDS, default="note")
    p.add_argument("--at", type=_moment_arg, metavar="WHEN", help="when (default: now)")

    p = sub.add_parser("set-status", help="change the status (recorded on the timeline)")
    p.add_argument("id")
    p.add_argument("status", choices=model.STATUSES)
    p.add_argument("--at", type=_moment_arg, metavar="WHEN", help="when (default: now)")

    p = sub.add_parser("due", help="incidents whose follow-up moment has passed")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "now",
        help="what needs you today: follow-ups that passed, unanswered support requests, deadlines within 3 days",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("contracts", help="your active contracts, kept outside any incident (the roster)")
    csub = p.add_subparsers(dest="contracts_command", metavar="ACTION", required=True)
    c = csub.add_parser("add", help="add a contract; prints its roster id")
    c.add_argument("--client", required=True, metavar="NAME")
    c.add_argument("--deadline", type=_date_arg, metavar="DATE", help="the next deadline (2026-11-30, +3d, tomorrow)")
    c.add_argument("--contract-id", default="", metavar="ID", help="the platform's contract id")
    c.add_argument("--pending", metavar="AMOUNT", help="money earned and not yet paid out, like '420.00 USD'")
    c.add_argument("--note", default="")
    c = csub.add_parser("list", help="the contracts, soonest deadline first")
    c.add_argument("--json", action="store_true")
    c.add_argument("--all", action="store_true", help="also the ended ones")
    c = csub.add_parser("end", help="mark a contract ended (no longer copied into new holds)")
    c.add_argument("ref", metavar="ID", help="its roster id, contract id or client name")

    p = sub.add_parser("template", help="show what a new incident of a kind starts with")
    p.add_argument("kind", choices=model.KINDS)
    p.add_argument("--lang", choices=templates.LANGUAGES, help="en or ja (default: your language)")

    sub.add_parser("check", help="validate every incident file; exit 2 if any is bad")

    p = sub.add_parser("export", help="an incident as TOML or a Markdown summary, on stdout or to a file")
    p.add_argument("id")
    p.add_argument("--format", choices=("toml", "markdown"), default="toml")
    p.add_argument("--redact", action="store_true", help="mask IP addresses, email addresses and phone numbers")
    p.add_argument("--include-notes", action="store_true", help="keep your own notes (left out by default)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600) instead of stdout")
    p.add_argument("--force", action="store_true", help="with -o: replace FILE if it exists")

    p = sub.add_parser("import", help="validate an incident file fully, then add it; prints its id")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="replace the incident with the same id (the old file goes to trash/)")

    p = sub.add_parser("delete", help="move an incident to the trash folder")
    p.add_argument("id")
    return parser


# ---------------------------------------------------------------------------- output


_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json(data: Any) -> str:
    """JSON with readable Unicode, but C1 controls and bidi overrides escaped. A list is
    written one item per line (fast to write, easy to read and to grep)."""
    if isinstance(data, list):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        text = "[\n" + ",\n".join(encode(item) for item in data) + "\n]" if data else "[]"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _summary_json(summary: Summary, now: datetime) -> dict[str, Any]:
    data = summary.to_json()
    data["overdue"] = summary.is_overdue(now)
    data["days_on_hold"] = summary.days_on_hold(now)
    return data


def incident_json(incident: Incident, now: datetime) -> dict[str, Any]:
    """`show --json`: the file's keys (see docs/format.md) plus derived counters."""
    data = _plain(codec.to_dict(incident))
    data["overdue"] = incident.is_overdue(now)
    data["days_on_hold"] = Summary.of(incident).days_on_hold(now)
    data["counters"] = counters.counters(incident, now).to_json()
    data["warnings"] = [alert.to_json() for alert in alerts.incident_alerts(incident)]
    return data


def _table(summaries: list[Summary], now: datetime) -> str:
    id_width = min(60, max([len(s.id) for s in summaries] + [2]))
    columns = [("", 1), ("ID", id_width), ("STATUS", 13), ("OPENED", 16), ("FOLLOW-UP", 16), ("TITLE", 0)]
    lines = ["  ".join(fit(name, w) if w else name for name, w in columns).rstrip()]
    for s in summaries:
        follow = format_moment(s.follow_up_at)[:16] if s.follow_up_at else "-"
        cells = [
            "!" if s.is_overdue(now) else " ",
            fit(s.id, id_width),
            fit(s.status, 13),
            fit(format_moment(s.opened_at)[:16], 16),
            fit(follow, 16),
            one_line(s.title),
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in printable(text).split("\n"))


def render_incident(incident: Incident, now: datetime) -> str:
    """The human view of `show`: every section, moments in the local zone."""
    summary = Summary.of(incident)
    end = incident.closed_at or now
    out = [one_line(incident.title), ""]
    rows = [
        ("id", incident.id),
        ("platform", one_line(incident.platform)),
        ("kind", incident.kind),
        ("status", incident.status),
        ("opened", f"{format_moment(incident.opened_at)}   on hold {format_duration(end - incident.opened_at)}"),
    ]
    if incident.closed_at:
        rows.append(("closed", format_moment(incident.closed_at)))
    if incident.follow_up_at:
        mark = "   OVERDUE" if incident.is_overdue(now) else ""
        rows.append(("follow-up", format_moment(incident.follow_up_at) + mark))
    if incident.tags:
        rows.append(("tags", ", ".join(one_line(t) for t in incident.tags)))
    count = counters.counters(incident, now)
    rows += [(name, value) for name, value in count.lines() if name != "on hold"]
    out += [f"  {name:<10} {value}" for name, value in rows]
    warnings = alerts.incident_alerts(incident)
    if warnings:
        out += [""] + [alert.line() for alert in warnings]
    if incident.summary:
        out += ["", "Summary", _indent(incident.summary, "  ")]
    if incident.messages:
        out += ["", f"Messages ({len(incident.messages)})"]
        for m in incident.messages:
            arrow = "<-" if m.direction == "received" else "->"
            out.append(f"  {format_moment(m.at)}  {arrow} {m.channel}  {one_line(m.sender)}: {one_line(m.subject)}")
            if m.body:
                out.append(_indent(m.body.rstrip("\r\n")))
            if m.note:
                out.append(_indent("Note: " + m.note))
    if incident.events:
        out += ["", f"Timeline ({len(incident.events)})"]
        previous = incident.opened_at
        for e in incident.events:
            since = format_signed(e.at - incident.opened_at)
            gap = format_signed(e.at - previous)
            out.append(f"  {format_moment(e.at)}  {since:<9} ({gap}){'':<{max(0, 8 - len(gap))}} {e.kind:<17} {one_line(e.text)}")
            previous = e.at
    if incident.checklist:
        out += ["", f"Checklist ({summary.checklist_done}/{summary.checklist_total} done)"]
        for c in incident.checklist:
            done = f"  (done {format_moment(c.done_at)})" if c.done_at else ""
            out.append(f"  [{'x' if c.done_at else ' '}] {one_line(c.text)}{done}")
    if incident.contracts:
        out += ["", f"Affected contracts ({len(incident.contracts)})"]
        for c in incident.contracts:
            bits = [c.state]
            if c.contract_id:
                bits.append(f"#{one_line(c.contract_id)}")
            if c.deadline:
                left = (c.deadline - now.astimezone().date()).days
                bits.append(f"deadline {c.deadline.isoformat()} ({left:+d}d)")
            if c.pending:
                bits.append(f"pending {c.pending.amount} {c.pending.currency}")
            bits.append(f"told {format_moment(c.client_told_at)}" if c.client_told_at else "not told yet")
            out.append(f"  {one_line(c.client)}: {', '.join(bits)}")
    if incident.requests:
        out += ["", f"Support requests ({len(incident.requests)}, {summary.open_requests} unanswered)"]
        for r in incident.requests:
            asked = f" (asked {format_moment(r.asked_at)})" if r.asked_at else ""
            out.append(f"  ? {one_line(r.question)}{asked}")
            if r.answer or r.answered_at:
                out.append(_indent(f"Answer ({format_moment(r.answered_at)}): {r.answer}"))
            for a in r.attachments:
                out.append(f"    attachment {one_line(a.path)}  {a.size:,} bytes  sha256 {a.sha256 or '-'}")
    return "\n".join(out)


# ---------------------------------------------------------------------------- commands


def _read_body() -> str:
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print("Paste the message body, then press Ctrl-D on an empty line:", file=sys.stderr)
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    try:
        body = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BadInputError(f"<stdin>:{line}: the body is not UTF-8 text") from None
    if len(body) > model.MAX_BODY_CHARS:
        raise BadInputError(f"<stdin>: the body has {len(body):,} characters; the limit is {model.MAX_BODY_CHARS:,}")
    return body


def _next_steps(incident: Incident) -> list[str]:
    """What a new incident starts with, for the person who just created it."""
    out = []
    if incident.checklist:
        out.append("Next steps (checklist):")
        out += [f"  [ ] {one_line(c.text)}" for c in incident.checklist]
    if incident.requests:
        out.append("Support will likely ask for (answer each one, keep what you send):")
        out += [f"  ? {one_line(r.question)}" for r in incident.requests]
    if incident.contracts:
        out.append("Affected contracts, from your roster: " + ", ".join(one_line(c.client) for c in incident.contracts))
    if incident.follow_up_at:
        out.append(f"Follow up if nothing happens by {format_moment(incident.follow_up_at)}")
    return out


def _cmd_new(store: Store, args: argparse.Namespace, now: datetime) -> int:
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
    )
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    print(f"Created {store.path_for(incident.id)}", file=sys.stderr)
    for line in _next_steps(incident):
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


def _scan_progress(done: int, total: int) -> None:
    """On a terminal, how a long first index build goes (one line, rewritten)."""
    sys.stderr.write(f"\rReading the journal: {done:,} of {total:,} files")
    sys.stderr.flush()


def _summaries(store: Store) -> list[Summary]:
    interactive = sys.stderr is not None and sys.stderr.isatty()
    summaries, problems = store.scan(progress=_scan_progress if interactive else None)
    if interactive:
        sys.stderr.write("\r\x1b[K")  # clear the progress line, if one was written
    for problem in problems:
        print(f"{PROG}: warning: {problem.message}", file=sys.stderr)
    return summaries


def _print_summaries(summaries: list[Summary], now: datetime, as_json: bool, none_text: str) -> None:
    if as_json:
        print(_json([_summary_json(s, now) for s in summaries]))
    elif summaries:
        print(_table(summaries, now))
    else:
        print(none_text, file=sys.stderr)


def _cmd_list(store: Store, args: argparse.Namespace, now: datetime) -> int:
    summaries = sort_urgent(_summaries(store), now)
    if args.status:
        summaries = [s for s in summaries if s.status == args.status]
    _print_summaries(summaries, now, args.json, "No incidents yet. Record one with: incident-journal new --kind KIND --title TITLE")
    return 0


def _cmd_due(store: Store, args: argparse.Namespace, now: datetime) -> int:
    due = [s for s in sort_urgent(_summaries(store), now) if s.is_overdue(now)]
    _print_summaries(due, now, args.json, "Nothing is due.")
    return 0


def _cmd_now(store: Store, args: argparse.Namespace, now: datetime) -> int:
    items, problems = followups.now_items(store, now)
    for problem in problems:
        print(f"{PROG}: warning: {problem.message}", file=sys.stderr)
    if args.json:
        print(_json([item.to_json() for item in items]))
        return 0
    if not items:
        print("Nothing needs you today.", file=sys.stderr)
        return 0
    today = now.astimezone().date()
    for item in items:
        if item.kind == "follow-up":
            late = format_duration(now - item.at) if item.at else ""
            line = f"follow-up  {item.incident_id}: due {format_moment(item.at)} ({late} ago)"
        elif item.kind == "request":
            line = f"request    {item.incident_id}: support asks: {one_line(item.text)}"
        else:
            left = item.days_left(today)
            when = "today" if left == 0 else (f"in {left}d" if left and left > 0 else f"{-(left or 0)}d ago")
            line = f"deadline   {item.incident_id}: {one_line(item.text)} {item.deadline} ({when})"
        print(line)
    return 0


def _roster_rows(contracts: list[roster.RosterContract], now: datetime) -> str:
    today = now.astimezone().date()
    id_width = min(40, max([len(c.id) for c in contracts] + [2]))
    lines = [f"{fit('ID', id_width)}  {fit('DEADLINE', 17)}  {fit('CONTRACT', 12)}  {fit('PENDING', 16)}  CLIENT"]
    for c in contracts:
        deadline = f"{c.deadline} ({(c.deadline - today).days:+d}d)" if c.deadline else "-"
        pending = f"{c.pending.amount} {c.pending.currency}" if c.pending else "-"
        client = one_line(c.client) + ("" if c.is_active else "  (ended)")
        if c.note:
            client += f"  - {one_line(c.note)}"
        cells = [fit(c.id, id_width), fit(deadline, 17), fit(one_line(c.contract_id) or "-", 12), fit(pending, 16), client]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def roster_json(item: roster.RosterContract) -> dict[str, Any]:
    """`contracts list --json`: one contract."""
    return {
        "id": item.id,
        "client": item.client,
        "contract_id": item.contract_id,
        "state": item.state,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "pending": {"amount": str(item.pending.amount), "currency": item.pending.currency} if item.pending else None,
        "note": item.note,
        "added_at": item.added_at.isoformat() if item.added_at else None,
        "ended_at": item.ended_at.isoformat() if item.ended_at else None,
    }


def _cmd_contracts(store: Store, args: argparse.Namespace, now: datetime) -> int:
    action = args.contracts_command
    if action == "add":
        pending = roster.parse_money(args.pending) if args.pending else None
        item = roster.add_contract(
            store, args.client, now, deadline=args.deadline, contract_id=args.contract_id, note=args.note, pending=pending
        )
        print(f"Added {one_line(item.client)} to {roster.roster_path(store)}", file=sys.stderr)
        print(item.id)
        return 0
    if action == "end":
        item = roster.end_contract(store, args.ref, now)
        print(f"Ended {item.id} ({one_line(item.client)})", file=sys.stderr)
        return 0
    contracts = roster.load_roster(store)
    if not args.all:
        contracts = [c for c in contracts if c.is_active]
    contracts.sort(key=roster.deadline_order)
    if args.json:
        print(_json([roster_json(c) for c in contracts]))
    elif contracts:
        print(_roster_rows(contracts, now))
    else:
        print("No contracts in the roster. Add one with: incident-journal contracts add --client NAME", file=sys.stderr)
    return 0


def _cmd_template(store: Store, args: argparse.Namespace, now: datetime) -> int:
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


def _cmd_show(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    print(_json(incident_json(incident, now)) if args.json else render_incident(incident, now))
    return 0


def _cmd_add_message(store: Store, args: argparse.Namespace, now: datetime) -> int:
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
            body=_read_body(),
            note=args.note,
        )
    incident = actions.add_message(store, args.id, message)
    print(f"Added the message to {args.id} ({len(message.body):,} characters)", file=sys.stderr)
    if incident.follow_up_at:
        print(f"Follow-up: {format_moment(incident.follow_up_at)}", file=sys.stderr)
    for hit in alerts.message_hits(message)[:1]:
        print(
            f"Warning: this message talks of moving payment or work off the platform (\"{one_line(hit.phrase)}\"); "
            "doing so to get around a hold is itself a violation.",
            file=sys.stderr,
        )
    return 0


def _cmd_add_event(store: Store, args: argparse.Namespace, now: datetime) -> int:
    event = Event(at=args.at or now, kind=args.kind, text=args.text)
    store.update(args.id, lambda incident: incident.add_event(event))
    print(f"Added to the timeline of {args.id}", file=sys.stderr)
    return 0


def _cmd_set_status(store: Store, args: argparse.Namespace, now: datetime) -> int:
    changes: list[Event | None] = []
    store.update(args.id, lambda incident: changes.append(incident.set_status(args.status, args.at or now)))
    change = changes[0]
    print(change.text if change else f"{args.id} is already {args.status}")
    return 0


def _cmd_check(store: Store, args: argparse.Namespace, now: datetime) -> int:
    problems: list[str] = []
    good = 0
    for incident_id in store.ids():
        try:
            store.load(incident_id)
            good += 1
        except (codec.FormatError, JournalError) as error:
            problems.append(str(error))
    _, scanned = store.scan()  # also names files that are not incidents at all (links, bad names)
    problems += [p.message for p in scanned if p.message not in problems]
    try:
        roster.load_roster(store)
    except (codec.FormatError, JournalError) as error:
        problems.append(str(error))
    for kind in model.KINDS:  # the user's own templates, in the language in use
        problems += templates.load_template(kind).problems
    for problem in problems:
        print(problem, file=sys.stderr)
    for kept in store.conflict_copies():  # not an incident, not a problem: a version to compare
        print(f"{kept}: a version kept after a conflict, not an incident; compare it and delete it when done", file=sys.stderr)
    print(f"{good} incident file(s) OK, {len(problems)} with problems")
    return 2 if problems else 0


def _cmd_export(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import evidence, sharing

    if args.force and not args.output:
        raise BadInputError("--force only applies with -o FILE")
    incident = store.load(args.id)
    done = sharing.build_export(
        incident,
        fmt=args.format,
        redact=args.redact,
        include_notes=args.include_notes,
        now=now,
        evidence_dirs=sharing.evidence_dirs_for(store),
    )
    if args.output:
        target = sharing.write_export(args.output, done.text, force=args.force, store=store)
        masked = f", {done.masked} address(es) masked" if args.redact else ""
        print(f"Wrote {target} ({args.format}{masked})", file=sys.stderr)
    else:
        sys.stdout.write(done.text)
    for check in done.evidence_problems:
        print(f"{PROG}: warning: {printable(evidence.describe(check))}", file=sys.stderr)
    return 0


def _cmd_import(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.sharing import import_incident

    done = import_incident(store, args.file, replace=args.replace)
    incident = done.incident
    if done.replaced_to:
        print(f"Replaced {incident.id}; the old file is kept as {done.replaced_to}", file=sys.stderr)
    elif done.renamed:
        wanted = one_line(repr(done.wanted_id)[:90])
        print(f"{args.file}: the id {wanted} is taken or not valid; imported as {incident.id}", file=sys.stderr)
    print(incident.id)
    return 0


def _cmd_delete(store: Store, args: argparse.Namespace, now: datetime) -> int:
    target = store.delete(args.id)
    print(f"Moved {args.id} to {target}", file=sys.stderr)
    return 0


COMMANDS = {
    "new": _cmd_new,
    "list": _cmd_list,
    "show": _cmd_show,
    "add-message": _cmd_add_message,
    "add-event": _cmd_add_event,
    "set-status": _cmd_set_status,
    "due": _cmd_due,
    "now": _cmd_now,
    "contracts": _cmd_contracts,
    "template": _cmd_template,
    "check": _cmd_check,
    "export": _cmd_export,
    "import": _cmd_import,
    "delete": _cmd_delete,
}


PRIVACY_WARNINGS_SHOWN = 5


def _warn_privacy(store: Store) -> None:
    """A `warning:` line on stderr for each entry of the data folder others can see."""
    from journal import privacy

    warnings = privacy.check(store.data_dir)
    for line in warnings[:PRIVACY_WARNINGS_SHOWN]:
        print(f"{PROG}: warning: {line}", file=sys.stderr)
    if len(warnings) > PRIVACY_WARNINGS_SHOWN:
        more = len(warnings) - PRIVACY_WARNINGS_SHOWN
        print(f"{PROG}: warning: {store.data_dir}: and {more} more like these", file=sys.stderr)


def _run(store: Store, args: argparse.Namespace) -> int:
    if args.command is None:
        from screens.app import run_app  # the UI is only imported when it is used

        return run_app(store)
    store.ensure()
    _warn_privacy(store)
    return COMMANDS[args.command](store, args, clock.now())


_MOMENT_OPTIONS = ("--at", "--opened", "--follow-up", "--deadline")


def _join_relative_moments(argv: list[str]) -> list[str]:
    """Let `--at -2h` mean `--at=-2h` (argparse would take `-2h` for an option)."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in _MOMENT_OPTIONS and i + 1 < len(argv) and re.match(r"-\d", argv[i + 1]):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
            continue
        out.append(argv[i])
        i += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line. Returns the exit code."""
    raw = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(_join_relative_moments(raw))
    try:
        if args.demo:
            from journal.demo import DemoJournal

            with DemoJournal() as store:
                print(f"Demo journal in {store.data_dir} (deleted when this command ends)", file=sys.stderr)
                return _run(store, args)
        return _run(Store(args.data_dir), args)
    except codec.FormatError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except JournalError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code
    except ValueError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"{PROG}: error: {StoreError.from_os_error(getattr(error, 'filename', '') or '?', error, 'finish')}", file=sys.stderr)
        return 1
