"""The entry point: parse, pick the command, turn every error into one line and an exit code."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from journal import charsets, clock, codec
from journal.cli.output import GuardedOutput, PrintableErrors, fail, replace_unencodable, report, say, warn
from journal.cli.parser import PROG, build_parser, join_relative_moments
from journal.errors import JournalError, StoreError
from journal.i18n import N_, _
from journal.store import Change, Store
from journal.text import one_line, printable

COMMANDS = {  # "module:function", imported when the command runs: the TUI starts without them
    "new": "journal.cli.incidents:cmd_new",
    "list": "journal.cli.views:cmd_list",
    "show": "journal.cli.incidents:cmd_show",
    "add-message": "journal.cli.incidents:cmd_add_message",
    "add-event": "journal.cli.incidents:cmd_add_event",
    "set-status": "journal.cli.incidents:cmd_set_status",
    "add-requests": "journal.cli.requests:cmd_add_requests",
    "due": "journal.cli.views:cmd_due",
    "now": "journal.cli.views:cmd_now",
    "deadlines": "journal.cli.deadlines:cmd_deadlines",
    "contracts": "journal.cli.contracts:cmd_contracts",
    "template": "journal.cli.incidents:cmd_template",
    "check": "journal.cli.views:cmd_check",
    "export": "journal.cli.share:cmd_export",
    "import": "journal.cli.share:cmd_import",
    "delete": "journal.cli.incidents:cmd_delete",
    "delete-item": "journal.cli.items:cmd_delete_item",
    "undo": "journal.cli.items:cmd_undo",
    "redo": "journal.cli.items:cmd_redo",
    "tick": "journal.cli.items:cmd_tick",
    "untick": "journal.cli.items:cmd_tick",
    "tell": "journal.cli.items:cmd_tell",
    "money": "journal.cli.contracts:cmd_money",
    "reply": "journal.cli.items:cmd_reply",
    "draft": "journal.cli.items:cmd_draft",
    "glossary": "journal.cli.views:cmd_glossary",
    "answer": "journal.cli.items:cmd_answer",
    "history": "journal.cli.history:cmd_history",
    "restore": "journal.cli.history:cmd_restore",
    "attach": "journal.cli.history:cmd_attach",
    "sync": "journal.cli.history:cmd_sync",
    "verify-bundle": "journal.cli.share:cmd_verify_bundle",
}


def command(name: str) -> Callable[[Store, argparse.Namespace, datetime], int]:
    """The function of a command (see COMMANDS), its module imported now."""
    module, function = COMMANDS[name].split(":")
    found: Callable[[Store, argparse.Namespace, datetime], int] = getattr(importlib.import_module(module), function)
    return found


PRIVACY_WARNINGS_SHOWN = 5


def warn_privacy(store: Store) -> None:
    """A `warning:` line on stderr for each entry of the data folder others can see."""
    from journal import privacy

    warnings = privacy.check(store.data_dir)
    for line in warnings[:PRIVACY_WARNINGS_SHOWN]:
        warn(line)
    if len(warnings) > PRIVACY_WARNINGS_SHOWN:
        more = len(warnings) - PRIVACY_WARNINGS_SHOWN
        warn(f"{store.data_dir}: " + _("and {n} more like these").format(n=more))


def connect_history(store: Store) -> tuple[Callable[[Change], None] | None, list[Change]]:
    """Commit each change the command makes (unless the config says `history = false`). The
    changes are committed when the command has finished all its writes (the undo log too),
    so no commit ever sits between two steps that take the journal's lock. A commit that
    fails is a warning line, never a failed command. Returns the function that commits one
    change (None when history is off) and the list the changes queue in."""
    from journal.config import load_config
    from journal.recorder import connect

    def history_warning(line: str) -> None:
        warn(printable(line))

    pending: list[Change] = []
    if connect(store, load_config().data, history_warning) is None:
        return None, pending
    record = store.on_change
    store.on_change = pending.append
    return record, pending


def run(store: Store, args: argparse.Namespace) -> int:
    if args.command == "completion":  # needs no journal: nothing is created or read
        from journal.cli.completion import completion_script

        sys.stdout.write(completion_script(build_parser(), args.shell))
        return 0
    if args.command is None:
        # The UI is only imported when it is used, so that commands start fast and the core
        # never depends on it.
        ui = importlib.import_module("screens.app")
        return int(ui.run_app(store))
    store.ensure()
    warn_privacy(store)
    record, pending = connect_history(store)
    try:
        code = command(args.command)(store, args, clock.now())
    finally:
        store.on_change = record
        if record is not None:
            for change in pending:
                record(change)
    for said in store.warnings:
        warn(said)
    return code


def _readable_arg(arg: str) -> str:
    """An argument whose bytes were not UTF-8 (Python keeps them as surrogate escapes, which
    cannot be stored): read as Shift_JIS or EUC-JP when it is clean Japanese, else each stray
    byte kept as U+FFFD; a warning on stderr says so. Nothing typed is refused or dropped."""
    if not any("\udc80" <= char <= "\udcff" for char in arg):
        return arg
    data = arg.encode("utf-8", "surrogateescape")
    text, note = charsets.decode_user_bytes(data, "an argument had")
    say(_("Warning: {what}").format(what=f"{one_line(text)!r}: {note}"))
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line. Returns the exit code."""
    replace_unencodable(sys.stdout)
    replace_unencodable(sys.stderr)
    raw = [_readable_arg(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    args = build_parser().parse_args(join_relative_moments(raw))
    if args.command is None:  # the terminal UI owns the terminal
        return _main(args)
    real, guard = sys.stdout, GuardedOutput(sys.stdout)
    real_errors = sys.stderr
    sys.stdout = guard
    sys.stderr = PrintableErrors(real_errors)
    try:
        code = _main(args)
        return report(guard, PROG, code)
    finally:
        sys.stdout, sys.stderr = real, real_errors


def _main(args: argparse.Namespace) -> int:
    try:
        if args.demo:
            from journal.demo import DemoJournal

            with DemoJournal() as store:
                say(_("Demo journal in {path} (deleted when this command ends)").format(path=store.data_dir))
                return run(store, args)
        return run(Store(args.data_dir), args)
    except codec.FormatError as error:
        fail(str(error))
        return 2
    except JournalError as error:
        fail(str(error))
        return error.exit_code
    except ValueError as error:
        fail(str(error))
        return 2
    except BrokenPipeError:
        # Output piped into a command that stopped reading (e.g. `| head`).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        say(f"{PROG}: " + _("interrupted"))
        return 130
    except OSError as error:
        fail(str(StoreError.from_os_error(getattr(error, "filename", "") or "?", error, N_("finish"))))
        return 1
