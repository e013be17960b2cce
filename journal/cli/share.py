"""Commands that move an incident out or in: export, import."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from journal.cli.output import fail, say, warn
from journal.errors import BadInputError
from journal.i18n import _
from journal.store import Store
from journal.text import one_line, printable


def _masked(n: int) -> str:
    """`, 3 addresses masked` for the line that says where an export was written."""
    return _(", {n} address(es) masked").format(n=n)


def cmd_export(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import evidence, keep, sharing

    if args.bundle:
        return export_bundle(store, args, now)
    if args.with_file:
        raise BadInputError(_("--with-file only applies with --bundle"))
    if args.force and args.output is None and not args.save:
        raise BadInputError(_("--force only applies with -o FILE or --save"))
    if args.output is not None and args.save:
        raise BadInputError(_("give -o FILE or --save, not both"))
    if args.keep and not args.redact:
        raise BadInputError(_("--keep only applies with --redact"))
    incident = store.load(args.id)
    done = sharing.build_export(
        incident,
        fmt=args.format,
        redact=args.redact,
        include_notes=args.include_notes,
        now=now,
        evidence_dirs=sharing.evidence_dirs_for(store),
        keep=[*keep.load_keep(store, incident.id), *args.keep],
        lang=args.lang,
    )
    output = keep.default_export_path(store, incident.id, args.format) if args.save else args.output
    if output is not None:
        target = sharing.write_export(output, done.text, force=args.force, store=store)
        masked = _masked(done.masked) if args.redact else ""
        kept = _(", {n} kept as written").format(n=len(done.kept)) if done.kept else ""
        say(
            _("Wrote {path} ({format}{masked}{kept})").format(
                path=printable(str(Path(target).resolve())), format=args.format, masked=masked, kept=kept
            )
        )
    else:
        sys.stdout.write(done.text)
    for check in done.evidence_problems:
        warn(printable(evidence.describe(check)))
    return 0


def export_bundle(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`export ID --bundle FILE.zip`."""
    from journal.bundle import write_bundle

    if args.output or args.save:
        raise BadInputError(_("give --bundle FILE or -o FILE / --save, not both"))
    if args.keep and not args.redact:
        raise BadInputError(_("--keep only applies with --redact"))
    if args.with_file and not args.redact:
        raise BadInputError(_("--with-file only applies with --redact (without it every attached file goes in)"))
    incident = store.load(args.id)
    done = write_bundle(
        store,
        incident,
        args.bundle,
        now,
        redact=args.redact,
        include_notes=args.include_notes,
        ticked=args.with_file,
        keep_values=args.keep,
        lang=args.lang,
        force=args.force,
    )
    masked = _masked(done.masked) if args.redact else ""
    files = _("{n} file(s)").format(n=len(done.files))
    say(
        _("Wrote {path} (summary, incident, {files}{masked})").format(
            path=printable(str(done.path.resolve())), files=files, masked=masked
        )
    )
    for line in done.left_out:
        warn(printable(line))
    return 0


def cmd_verify_bundle(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.bundle import verify_bundle

    good, problems = verify_bundle(args.file)
    for line in problems:
        fail(printable(line))
    if problems:
        print(printable(args.file) + ": " + _("{n} problem(s); do not rely on this bundle").format(n=len(problems)))
        return 1
    print(printable(args.file) + ": " + _("{n} file(s) match MANIFEST.txt").format(n=good))
    return 0


def cmd_import(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.importing import import_incident

    done = import_incident(store, args.file, replace=args.replace)
    incident = done.incident
    if done.replaced_to:
        say(_("Replaced {id}; the old file is kept as {path}").format(id=incident.id, path=done.replaced_to))
    elif done.renamed:
        wanted = one_line(repr(done.wanted_id)[:90])
        say(
            printable(args.file)
            + ": "
            + _("the id {wanted} is taken or not valid; imported as {id}").format(wanted=wanted, id=incident.id)
        )
    print(incident.id)
    return 0
