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

from journal import __version__, actions, clock, codec, model
from journal.errors import BadInputError, JournalError, StoreError
from journal.index import Summary, sort_urgent
from journal.model import Event, Incident, Message
from journal.store import Store
from journal.text import fit, one_line, printable
from journal.timeparse import TimeParseError, format_duration, format_moment, format_signed, parse_moment

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

    p = sub.add_parser("list", help="list incidents, most urgent first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--status", choices=model.STATUSES)

    p = sub.add_parser("show", help="show one incident in full")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("add-message", help="add a message; the body is read verbatim from stdin")
    p.add_argument("id")
    p.add_argument("--subject", required=True)
    p.add_argument("--sender", required=True)
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

    sub.add_parser("check", help="validate every incident file; exit 2 if any is bad")

    p = sub.add_parser("export", help="print an incident as TOML")
    p.add_argument("id")
    p.add_argument("--format", choices=("toml",), default="toml")

    p = sub.add_parser("import", help="validate an incident file fully, then add it; prints its id")
    p.add_argument("file")

    p = sub.add_parser("delete", help="move an incident to the trash folder")
    p.add_argument("id")
    return parser


# ---------------------------------------------------------------------------- output


_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json(data: Any) -> str:
    """JSON with readable Unicode, but C1 controls and bidi overrides escaped. A list is
    written one item per line (fast to write, easy to read and to grep)."""
    if isinstance(data, list):
        text = "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in data) + "\n]" if data else "[]"
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
    out += [f"  {name:<10} {value}" for name, value in rows]
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


def _cmd_new(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = actions.new_incident(
        store,
        kind=args.kind,
        title=args.title,
        platform=args.platform,
        opened_at=args.opened or now,
        follow_up_at=args.follow_up,
        summary=args.summary,
        tags=args.tag,
    )
    print(f"Created {store.path_for(incident.id)}", file=sys.stderr)
    print(incident.id)
    return 0


def _summaries(store: Store) -> list[Summary]:
    summaries, problems = store.scan()
    for problem in problems:
        print(f"{PROG}: warning: {problem.message}", file=sys.stderr)
    return summaries


def _cmd_list(store: Store, args: argparse.Namespace, now: datetime) -> int:
    summaries = sort_urgent(_summaries(store), now)
    if args.status:
        summaries = [s for s in summaries if s.status == args.status]
    if args.json:
        print(_json([_summary_json(s, now) for s in summaries]))
    elif summaries:
        print(_table(summaries, now))
    else:
        print("No incidents yet. Record one with: incident-journal new --kind KIND --title TITLE", file=sys.stderr)
    return 0


def _cmd_due(store: Store, args: argparse.Namespace, now: datetime) -> int:
    due = [s for s in sort_urgent(_summaries(store), now) if s.is_overdue(now)]
    if args.json:
        print(_json([_summary_json(s, now) for s in due]))
    elif due:
        print(_table(due, now))
    else:
        print("Nothing is due.", file=sys.stderr)
    return 0


def _cmd_show(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    print(_json(incident_json(incident, now)) if args.json else render_incident(incident, now))
    return 0


def _cmd_add_message(store: Store, args: argparse.Namespace, now: datetime) -> int:
    store.path_for(args.id)  # a bad id is refused before reading stdin
    body = _read_body()
    message = Message(
        at=args.at or now,
        direction=args.direction,
        channel=args.channel,
        sender=args.sender,
        subject=args.subject,
        body=body,
        note=args.note,
    )
    store.update(args.id, lambda incident: incident.add_message(message))
    print(f"Added the message to {args.id} ({len(body):,} characters)", file=sys.stderr)
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
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{good} incident file(s) OK, {len(problems)} with problems")
    return 2 if problems else 0


def _cmd_export(store: Store, args: argparse.Namespace, now: datetime) -> int:
    incident = store.load(args.id)
    sys.stdout.write(codec.dumps(incident))
    return 0


def _cmd_import(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.sharing import import_file

    incident, renamed_from = import_file(store, args.file)
    if renamed_from:
        print(f"{args.file}: the id {renamed_from!r} is taken or not valid; imported as {incident.id}", file=sys.stderr)
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
    "check": _cmd_check,
    "export": _cmd_export,
    "import": _cmd_import,
    "delete": _cmd_delete,
}


def _run(store: Store, args: argparse.Namespace) -> int:
    if args.command is None:
        from screens.app import run_app  # the UI is only imported when it is used

        return run_app(store)
    store.ensure()
    return COMMANDS[args.command](store, args, clock.now())


_MOMENT_OPTIONS = ("--at", "--opened", "--follow-up")


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
