"""`deadlines [ID]`: the platform rules' deadlines of one incident, or of every active one;
marking one done or not applicable, and entering the date a rule's clock starts from."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import actions, templates
from journal.cli.output import say, warn
from journal.cli.render import json_text
from journal.cli.views import read_summaries
from journal.deadline_views import deadline_line, incident_section
from journal.errors import BadInputError
from journal.i18n import N_, _
from journal.rule_deadlines import incident_deadlines
from journal.rules import load_rules
from journal.store import Store
from journal.text import one_line
from journal.timeparse import TimeParseError, parse_moment

STATE_WORDS = {"open": N_("open"), "done": N_("done"), "not-applicable": N_("not applicable")}
"""How a deadline's mark is said (the stored mark stays the English key)."""


def cmd_deadlines(store: Store, args: argparse.Namespace, now: datetime) -> int:
    ruleset = load_rules()
    for problem in ruleset.problems:
        warn(str(problem))
    language = templates.current_language()
    marks = [(name, getattr(args, name.replace("-", "_"))) for name in ("done", "not-applicable", "reopen")]
    chosen = [(name, rule) for name, rule in marks if rule]
    if chosen or args.start:
        if not args.id:
            raise BadInputError(_("name the incident: deadlines ID --done RULE"))
        for name, rule in chosen:
            state = "open" if name == "reopen" else name
            actions.mark_deadline(store, args.id, rule, state, now)
            say(_("{id}: {rule} marked {state}").format(id=args.id, rule=rule, state=_(STATE_WORDS[state])))
        if args.start:
            rule, when = args.start
            try:
                moment = None if when == "-" else parse_moment(when, now)
            except TimeParseError as error:
                raise BadInputError(_("--start {rule}: {error}").format(rule=rule, error=error)) from None
            actions.start_deadline(store, args.id, rule, moment)
            if moment is None:
                say(_("{id}: {rule}: start cleared").format(id=args.id, rule=rule))
            else:
                say(_("{id}: {rule} starts {moment}").format(id=args.id, rule=rule, moment=moment.isoformat()))
    if args.id:
        incident = store.load(args.id)
        found = incident_deadlines(incident, ruleset)
        if args.json:
            print(json_text([d.to_json() for d in found]))
        else:
            lines = incident_section(incident, now, ruleset, language, hints=True)
            print(
                "\n".join(lines)
                if lines
                else _("No platform rules apply to {platform} here.").format(platform=one_line(incident.platform))
            )
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
        print(_("No open deadlines from the platforms' rules."), file=sys.stderr)
    for d, incident_id in [] if args.json else rows:
        print(f"{incident_id}: {deadline_line(d, now, language)}")
    return 0
