"""Commands that move an incident out or in: export, import."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from journal.cli.parser import PROG
from journal.errors import BadInputError
from journal.store import Store
from journal.text import one_line, printable


def cmd_export(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal import evidence, keep, sharing

    if args.bundle:
        return export_bundle(store, args, now)
    if args.with_file:
        raise BadInputError("--with-file only applies with --bundle")
    if args.force and args.output is None and not args.save:
        raise BadInputError("--force only applies with -o FILE or --save")
    if args.output is not None and args.save:
        raise BadInputError("give -o FILE or --save, not both")
    if args.keep and not args.redact:
        raise BadInputError("--keep only applies with --redact")
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
        masked = f", {done.masked} address(es) masked" if args.redact else ""
        kept = f", {len(done.kept)} kept as written" if done.kept else ""
        print(f"Wrote {printable(str(Path(target).resolve()))} ({args.format}{masked}{kept})", file=sys.stderr)
    else:
        sys.stdout.write(done.text)
    for check in done.evidence_problems:
        print(f"{PROG}: warning: {printable(evidence.describe(check))}", file=sys.stderr)
    return 0


def export_bundle(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`export ID --bundle FILE.zip`."""
    from journal.bundle import write_bundle

    if args.output or args.save:
        raise BadInputError("give --bundle FILE or -o FILE / --save, not both")
    if args.keep and not args.redact:
        raise BadInputError("--keep only applies with --redact")
    if args.with_file and not args.redact:
        raise BadInputError("--with-file only applies with --redact (without it every attached file goes in)")
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
    masked = f", {done.masked} address(es) masked" if args.redact else ""
    print(
        f"Wrote {printable(str(done.path.resolve()))} (summary, incident, {len(done.files)} file(s){masked})",
        file=sys.stderr,
    )
    for line in done.left_out:
        print(f"{PROG}: warning: {printable(line)}", file=sys.stderr)
    return 0


def cmd_verify_bundle(store: Store, args: argparse.Namespace, now: datetime) -> int:
    from journal.bundle import verify_bundle

    good, problems = verify_bundle(args.file)
    for line in problems:
        print(f"{PROG}: error: {printable(line)}", file=sys.stderr)
    if problems:
        print(f"{printable(args.file)}: {len(problems)} problem(s); do not rely on this bundle")
        return 1
    print(f"{printable(args.file)}: {good} file(s) match MANIFEST.txt")
    return 0


def cmd_import(store: Store, args: argparse.Namespace, now: datetime) -> int:
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
