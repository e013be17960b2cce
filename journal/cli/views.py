"""Commands that read the whole journal: list, due, now, check."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import codec, followups, model, roster, templates
from journal.cli.parser import PROG
from journal.cli.render import json_text, summaries_table, summary_json
from journal.config import load_config
from journal.deadlines import deadline_text
from journal.errors import JournalError
from journal.index import Summary, sort_urgent
from journal.rules import load_rules
from journal.store import Store
from journal.text import one_line, printable
from journal.timeparse import format_duration, format_moment


def _scan_progress(done: int, total: int) -> None:
    """On a terminal, how a long first index build goes (one line, rewritten)."""
    sys.stderr.write(f"\rReading the journal: {done:,} of {total:,} files")
    sys.stderr.flush()


def read_summaries(store: Store) -> list[Summary]:
    interactive = sys.stderr is not None and sys.stderr.isatty()
    summaries, problems = store.scan(progress=_scan_progress if interactive else None)
    if interactive:
        sys.stderr.write("\r\x1b[K")  # clear the progress line, if one was written
    for problem in problems:
        print(f"{PROG}: warning: {problem.message}", file=sys.stderr)
    return summaries


def print_summaries(summaries: list[Summary], now: datetime, as_json: bool, none_text: str) -> None:
    if as_json:
        print(json_text([summary_json(s, now) for s in summaries]))
    elif summaries:
        print(summaries_table(summaries, now))
    else:
        print(none_text, file=sys.stderr)


def cmd_list(store: Store, args: argparse.Namespace, now: datetime) -> int:
    summaries = sort_urgent(read_summaries(store), now)
    if args.status:
        summaries = [s for s in summaries if s.status == args.status]
    if args.ids:
        print("\n".join(s.id for s in summaries))
        return 0
    print_summaries(
        summaries, now, args.json, "No incidents yet. Record one with: incident-journal new --kind KIND --title TITLE"
    )
    return 0


def cmd_due(store: Store, args: argparse.Namespace, now: datetime) -> int:
    due = [s for s in sort_urgent(read_summaries(store), now) if s.is_overdue(now)]
    print_summaries(due, now, args.json, "Nothing is due.")
    return 0


def cmd_now(store: Store, args: argparse.Namespace, now: datetime) -> int:
    items, problems = followups.now_items(store, now)
    for problem in problems:
        print(f"{PROG}: warning: {problem.message}", file=sys.stderr)
    if args.json:
        print(json_text([item.to_json(now) for item in items]))
        return 0
    if not items:
        print("Nothing needs you today.", file=sys.stderr)
        return 0
    for item in items:
        if item.kind == "follow-up":
            late = format_duration(now - item.at) if item.at else ""
            line = f"follow-up  {item.incident_id}: due {format_moment(item.at)} ({late} ago)"
        elif item.kind == "request":
            line = f"request    {item.incident_id}: support asks: {one_line(item.text)}"
        else:
            line = f"deadline   {item.incident_id}: {one_line(item.text)} {item.when(now)} ({deadline_text(item.deadline)})"
        print(line)
    return 0


def _check_attachments(store: Store, args: argparse.Namespace) -> list[str]:
    """Re-hash every file kept in the journal (one line for each missing or changed one);
    say how many attachments are only a path, and copy them in with --copy-in."""
    from journal import attachments, evidence

    problems: list[str] = []
    path_only = 0
    for incident_id in store.ids():
        try:
            incident = store.load(incident_id)
        except (codec.FormatError, JournalError):
            continue
        for used_in, item in evidence.attachments(incident):
            if attachments.is_stored(item):
                found = attachments.verify(store, item, f"{incident_id} {used_in}")
                if found.is_problem:
                    problems.append(printable(evidence.describe(found)))
            elif not item.imported:  # the sender's file: never looked up here
                path_only += 1
        if getattr(args, "copy_in", False) and attachments.path_only(incident):
            copied, failed = attachments.copy_in_path_only(store, incident_id)
            path_only -= copied
            print(f"{incident_id}: copied {copied} attachment(s) into the journal", file=sys.stderr)
            for line in failed:
                print(f"{PROG}: warning: {printable(line)}", file=sys.stderr)
    if path_only:
        print(
            f"{path_only} attachment(s) are only a path to a file outside the journal; "
            "`check --copy-in` copies them in",
            file=sys.stderr,
        )
    return problems


def cmd_check(store: Store, args: argparse.Namespace, now: datetime) -> int:
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
    config = load_config()
    problems += [config.problem] if config.problem else config.problems
    problems += load_rules().problems  # the user's own platform rules
    problems += _check_attachments(store, args)
    for problem in problems:
        print(problem, file=sys.stderr)
    for kept in store.conflict_copies():  # not an incident, not a problem: a version to compare
        print(
            f"{kept}: a version kept after a conflict, not an incident; compare it and delete it when done",
            file=sys.stderr,
        )
    print(f"{good} incident file(s) OK, {len(problems)} with problems")
    return 2 if problems else 0


def cmd_glossary(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`glossary [PLATFORM] [--lang]`: the hold words, what they mean, what still works."""
    from journal import glossary, templates

    sys.stdout.write(glossary.glossary_text(args.platform, args.lang or templates.current_language()))
    return 0
