"""`deadlines [ID]`: the platform rules' deadlines of one incident, or of every active one;
marking one done or not applicable, and entering the date a rule's clock starts from."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import actions, templates
from journal.cli.parser import PROG
from journal.cli.render import json_text
from journal.cli.views import read_summaries
from journal.deadline_views import deadline_line, incident_section
from journal.errors import BadInputError
from journal.rule_deadlines import incident_deadlines
from journal.rules import load_rules
from journal.store import Store
from journal.text import one_line
from journal.timeparse import TimeParseError, parse_moment


def cmd_deadlines(store: Store, args: argparse.Namespace, now: datetime) -> int:
    ruleset = load_rules()
    for problem in ruleset.problems:
        print(f"{PROG}: warning: {problem}", file=sys.stderr)
    language = templates.current_language()
    marks = [(name, getattr(args, name.replace("-", "_"))) for name in ("done", "not-applicable", "reopen")]
    chosen = [(name, rule) for name, rule in marks if rule]
    if chosen or args.start:
        if not args.id:
            raise BadInputError("name the incident: deadlines ID --done RULE")
        for name, rule in chosen:
            state = "open" if name == "reopen" else name
            actions.mark_deadline(store, args.id, rule, state, now)
            print(f"{args.id}: {rule} marked {state}", file=sys.stderr)
        if args.start:
            rule, when = args.start
            try:
                moment = None if when == "-" else parse_moment(when, now)
            except TimeParseError as error:
                raise BadInputError(f"--start {rule}: {error}") from None
            actions.start_deadline(store, args.id, rule, moment)
            print(f"{args.id}: {rule} starts {'(cleared)' if moment is None else moment.isoformat()}", file=sys.stderr)
    if args.id:
        incident = store.load(args.id)
        found = incident_deadlines(incident, ruleset)
        if args.json:
            print(json_text([d.to_json() for d in found]))
        else:
            lines = incident_section(incident, now, ruleset, language, hints=True)
            print("\n".join(lines) if lines else f"No platform rules apply to {one_line(incident.platform)} here.")
        return 0
    rows = []
    for summary in read_summaries(store):
        if not summary.is_active:
            continue
        incident = store.load(summary.id)
        rows += [(d, incident.id) for d in incident_deadlines(incident, ruleset) if d.is_open]
    rows.sort(key=lambda row: row[0].due)
    if args.json:
        print(json_text([{"incident": incident_id, **d.to_json()} for d, incident_id in rows]))
    elif not rows:
        print("No open deadlines from the platforms' rules.", file=sys.stderr)
    for d, incident_id in [] if args.json else rows:
        print(f"{incident_id}: {deadline_line(d, now, language)}")
    return 0
