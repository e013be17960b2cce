"""Commands on the journal's history and its copies: history, restore, sync, attach,
verify-bundle (and `show --at`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime

from journal import codec
from journal.cli.output import say, warn
from journal.cli.parser import PROG
from journal.cli.render import incident_json, json_text, render_incident
from journal.errors import BadInputError
from journal.history import History, restore
from journal.i18n import _
from journal.model import Incident
from journal.store import Store
from journal.text import one_line, printable


def _history(store: Store) -> History:
    return History(store.data_dir)


def cmd_history(store: Store, args: argparse.Namespace, now: datetime) -> int:
    store.path_for(args.id)  # refuses a bad id first
    versions = _history(store).versions(store, args.id)
    if not versions:
        say(_("{id}: no versions in history yet").format(id=args.id))
        return 1
    for version in versions:
        when = version.at.astimezone().strftime("%Y-%m-%d %H:%M")
        gone = "" if version.exists else "  " + _("(deleted)")
        print(f"{version.short}  {when}  {printable(one_line(version.message))}{gone}")
    return 0


def show_at(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`show ID --at REV`: an incident as it was at a version."""
    version, data = _history(store).read_version(store, args.id, args.at)
    incident = codec.load_bytes(data, f"{args.id} at {version.short}")
    incident.id = args.id
    if args.json:
        print(json_text(incident_json(incident, now)))
    else:
        when = version.at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(
            _("# version {rev} of {when}: {message}").format(
                rev=version.short, when=when, message=printable(one_line(version.message))
            )
        )
        print(render_incident(incident, now))
    return 0


def cmd_restore(store: Store, args: argparse.Namespace, now: datetime) -> int:
    if not args.at:
        raise BadInputError(_("say which version with --at REV (see `history ID`)"))
    incident = restore(store, _history(store), args.id, args.at)
    say(
        _("Restored {id} as it was at {rev} (a new change; history keeps every version)").format(
            id=incident.id, rev=args.at
        )
    )
    return 0


def _progress(name: str) -> Callable[[int, int], None] | None:
    """A progress line on stderr for a big copy when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= 8 * 1024 * 1024:
            sys.stderr.write("\r" + _("Copying {name}: {percent}%").format(name=name, percent=done * 100 // total))
            sys.stderr.flush()

    return show


def cmd_attach(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import attachments, evidence, undo

    store.path_for(args.id)
    if args.index < 1:
        raise BadInputError(_("INDEX counts from 1, not {index}").format(index=args.index))
    incident = store.load(args.id)
    attachments.target(incident, args.section, args.index - 1)  # a wrong place is said before any copy
    item = attachments.copy_in(store, args.file, progress=_progress(evidence.file_name(args.file)), now=now)
    placed: list[str] = []

    def change(fresh: Incident) -> None:
        placed.append(attachments.add_to(fresh, args.section, args.index - 1, item))

    name = printable(one_line(evidence.file_name(args.file)))
    undo.update(store, args.id, change, _("Attached {name}").format(name=name))
    said = _("Attached {name} to {place} ({size:,} bytes, sha256 {sha256}); kept as {path}").format(
        name=name, place=placed[0], size=item.size, sha256=item.sha256, path=printable(str(store.data_dir / item.path))
    )
    if sys.stderr.isatty():
        sys.stderr.write("\r\x1b[K")  # clear the progress line, if one was written
    say(said)
    return 0


def cmd_sync(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.config import load_config
    from journal.history import enabled
    from journal.sync import remote_for, sync

    config = load_config().data
    if not enabled(config):
        raise BadInputError(_("history is off (history = false in the config); sync needs it"))
    remote = remote_for(args.remote, config)
    done = sync(store, remote)
    taken = _("{n} file(s) taken").format(n=len(done.taken))
    pushed = _("pushed") if done.pushed else _("nothing to push")
    say(_("Synced with {remote}: {taken}, {pushed}").format(remote=printable(remote), taken=taken, pushed=pushed))
    for kept in done.conflicts:
        warn(
            printable(str(kept))
            + ": "
            + _(
                "changed on both machines; the other machine's version is kept here beside yours "
                "(compare them, then delete this file)"
            )
        )
    return 0


def add_history_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """history, restore, sync, attach, verify-bundle."""
    p = sub.add_parser("history", help=_("the versions of an incident kept in history, newest first"))
    p.add_argument("id")
    p = sub.add_parser(
        "restore", help=_("bring an incident back as it was at a version (a new change; works after delete)")
    )
    p.add_argument("id")
    p.add_argument(
        "--at", required=True, metavar="REV", help=_("the version, as `history ID` shows it (4+ hex digits)")
    )
    p = sub.add_parser(
        "sync", help=_("pull and push the history to a git remote you control (an SSH URL or a folder path)")
    )
    p.add_argument("remote", nargs="?", metavar="REMOTE", help=_('default: remote = "..." in the config'))
    p = sub.add_parser(
        "attach",
        help=_("copy a file into the journal (content-addressed, SHA-256) and attach it to a message or request"),
    )
    p.add_argument("id")
    p.add_argument("section", choices=("message", "request"), help=_("attach to a message or to a support request"))
    p.add_argument("index", type=int, help=_("the item's number, from 1, in the order `show` lists them"))
    p.add_argument("file", help=_("the file to copy into the journal (a regular file, not a link)"))


__all__ = ["PROG", "add_history_commands", "cmd_attach", "cmd_history", "cmd_restore", "cmd_sync", "show_at"]
