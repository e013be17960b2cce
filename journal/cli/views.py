"""Commands that read the whole journal: list, due, now, check."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import codec, followups, model, roster, templates
from journal.cli.output import say, warn
from journal.cli.render import json_lines_text, json_text, summaries_table, summary_json
from journal.config import load_config
from journal.deadlines import deadline_text
from journal.errors import JournalError
from journal.i18n import N_, _
from journal.index import Summary, sort_urgent
from journal.rules import load_rules
from journal.store import Store
from journal.text import fit, one_line, printable, width
from journal.timeshow import format_duration, show_moment

NOW_KINDS = {"follow-up": N_("follow-up"), "request": N_("request"), "deadline": N_("deadline")}
"""The first column of `now`: what kind of thing needs the user."""


def _scan_progress(done: int, total: int) -> None:
    """On a terminal, how a long first index build goes (one line, rewritten)."""
    sys.stderr.write("\r" + _("Reading the journal: {done:,} of {total:,} files").format(done=done, total=total))
    sys.stderr.flush()


def read_summaries(store: Store) -> list[Summary]:
    interactive = sys.stderr is not None and sys.stderr.isatty()
    summaries, problems = store.scan(progress=_scan_progress if interactive else None)
    if interactive:
        sys.stderr.write("\r\x1b[K")  # clear the progress line, if one was written
    for problem in problems:
        warn(problem.message)
    return summaries


def print_summaries(summaries: list[Summary], now: datetime, as_json: bool, none_text: str) -> None:
    if as_json:
        print(json_text([summary_json(s, now) for s in summaries]))
    elif summaries:
        print(summaries_table(summaries, now))
    else:
        print(none_text, file=sys.stderr)


def _report_problems(store: Store) -> None:
    """Check the folder against the index (as read_summaries does) and name unreadable files."""
    interactive = sys.stderr is not None and sys.stderr.isatty()
    refreshed = store.refresh(progress=_scan_progress if interactive else None)
    if interactive:
        sys.stderr.write("\r\x1b[K")
    for problem in refreshed.problems:
        warn(problem.message)


def cmd_list(store: Store, args: argparse.Namespace, now: datetime) -> int:
    if args.json and not args.ids:  # straight from the index's stored JSON, never decoded
        _report_problems(store)
        print(json_lines_text(store.index.json_lines(now, args.status or None)))
        return 0
    summaries = sort_urgent(read_summaries(store), now)
    if args.status:
        summaries = [s for s in summaries if s.status == args.status]
    if args.ids:
        print("\n".join(s.id for s in summaries))
        return 0
    print_summaries(
        summaries,
        now,
        args.json,
        _("No incidents yet. Record one with: incident-journal new --kind KIND --title TITLE"),
    )
    return 0


def cmd_due(store: Store, args: argparse.Namespace, now: datetime) -> int:
    due = [s for s in sort_urgent(read_summaries(store), now) if s.is_overdue(now)]
    print_summaries(due, now, args.json, _("Nothing is due."))
    return 0


def cmd_now(store: Store, args: argparse.Namespace, now: datetime) -> int:
    items, problems = followups.now_items(store, now)
    for problem in problems:
        warn(problem.message)
    if args.json:
        print(json_text([item.to_json(now) for item in items]))
        return 0
    if not items:
        print(_("Nothing needs you today."), file=sys.stderr)
        return 0
    kind_width = max(width(_(word)) for word in NOW_KINDS.values())
    for item in items:
        if item.kind == "follow-up":
            late = format_duration(now - item.at) if item.at else ""
            what = _("due {moment} ({late} ago)").format(moment=show_moment(item.at), late=late)
        elif item.kind == "request":
            what = _("support asks: {question}").format(question=one_line(item.text))
        else:
            what = f"{one_line(item.text)} {item.when(now)} ({deadline_text(item.deadline)})"
        print(f"{fit(_(NOW_KINDS[item.kind]), kind_width)}  {item.incident_id}: {what}")
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
            say(incident_id + ": " + _("copied {n} attachment(s) into the journal").format(n=copied))
            for line in failed:
                warn(printable(line))
    if path_only:
        say(
            _(
                "{n} attachment(s) are only a path to a file outside the journal; `check --copy-in` copies them in"
            ).format(n=path_only)
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
    _summaries, scanned = store.scan()  # also names files that are not incidents at all (links, bad names)
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
        say(f"{kept}: " + _("a version kept after a conflict, not an incident; compare it and delete it when done"))
    print(_("{good} incident file(s) OK, {bad} with problems").format(good=good, bad=len(problems)))
    return 2 if problems else 0


def cmd_glossary(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`glossary [PLATFORM] [--lang]`: the hold words, what they mean, what still works."""
    from journal import glossary, templates

    sys.stdout.write(glossary.glossary_text(args.platform, args.lang or templates.current_language()))
    return 0
