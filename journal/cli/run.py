"""The entry point: parse, pick the command, turn every error into one line and an exit code."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from journal import charsets, clock, codec
from journal.cli.contracts import cmd_contracts, cmd_money
from journal.cli.deadlines import cmd_deadlines
from journal.cli.history import cmd_attach, cmd_history, cmd_restore, cmd_sync
from journal.cli.incidents import (
    cmd_add_event,
    cmd_add_message,
    cmd_delete,
    cmd_new,
    cmd_set_status,
    cmd_show,
    cmd_template,
)
from journal.cli.items import cmd_answer, cmd_delete_item, cmd_draft, cmd_redo, cmd_reply, cmd_tell, cmd_tick, cmd_undo
from journal.cli.output import GuardedOutput, PrintableErrors, fail, replace_unencodable, report, say, warn
from journal.cli.parser import PROG, build_parser, join_relative_moments
from journal.cli.requests import cmd_add_requests
from journal.cli.share import cmd_export, cmd_import, cmd_verify_bundle
from journal.cli.views import cmd_check, cmd_due, cmd_glossary, cmd_list, cmd_now
from journal.errors import JournalError, StoreError
from journal.i18n import N_, _
from journal.store import Change, Store
from journal.text import one_line, printable

COMMANDS = {
    "new": cmd_new,
    "list": cmd_list,
    "show": cmd_show,
    "add-message": cmd_add_message,
    "add-event": cmd_add_event,
    "set-status": cmd_set_status,
    "add-requests": cmd_add_requests,
    "due": cmd_due,
    "now": cmd_now,
    "deadlines": cmd_deadlines,
    "contracts": cmd_contracts,
    "template": cmd_template,
    "check": cmd_check,
    "export": cmd_export,
    "import": cmd_import,
    "delete": cmd_delete,
    "delete-item": cmd_delete_item,
    "undo": cmd_undo,
    "redo": cmd_redo,
    "tick": cmd_tick,
    "untick": cmd_tick,
    "tell": cmd_tell,
    "money": cmd_money,
    "reply": cmd_reply,
    "draft": cmd_draft,
    "glossary": cmd_glossary,
    "answer": cmd_answer,
    "history": cmd_history,
    "restore": cmd_restore,
    "attach": cmd_attach,
    "sync": cmd_sync,
    "verify-bundle": cmd_verify_bundle,
}


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
        code = COMMANDS[args.command](store, args, clock.now())
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
