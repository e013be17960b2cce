"""`contracts add|list|end|link`: the roster of active contracts, and adding them to incidents."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import at_risk, i18n, links, roster, undo
from journal.cli.output import say
from journal.cli.render import json_text, roster_json, roster_rows
from journal.i18n import _
from journal.store import Store
from journal.text import one_line


def cmd_contracts(store: Store, args: argparse.Namespace, now: datetime) -> int:
    action = args.contracts_command
    if action == "add":
        return _add(store, args, now)
    if action == "link":
        incident, item = links.add_to_incident(store, args.to_incident, args.ref)
        say(
            _("Added {client} ({id}) to {incident} as affected").format(
                client=one_line(item.client), id=item.id, incident=incident.id
            )
        )
        return 0
    if action == "end":
        item = roster.end_contract(store, args.ref, now)
        say(_("Ended {id} ({client})").format(id=item.id, client=one_line(item.client)))
        return 0
    contracts = roster.load_roster(store)
    if not args.all:
        contracts = [c for c in contracts if c.is_active]
    contracts.sort(key=roster.deadline_order)
    if args.json:
        print(json_text([roster_json(c, now) for c in contracts]))
    elif contracts:
        print(roster_rows(contracts, now))
    else:
        print(
            _("No contracts in the roster. Add one with: incident-journal contracts add --client NAME"), file=sys.stderr
        )
    return 0


def _add(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """Add to the roster; then to the incidents named with --to-incident, or by default to
    every open hold that stops work (said on stderr; --no-incident keeps it out)."""
    pending = roster.parse_money(args.pending) if args.pending else None
    targets = [] if args.no_incident else args.to_incident
    added = links.add_contract(
        store,
        now,
        to_incidents=targets,
        client=args.client,
        deadline=args.deadline,
        contract_id=args.contract_id,
        note=args.note,
        pending=pending,
    )
    item = added.contract
    say(_("Added {client} to {path}").format(client=one_line(item.client), path=roster.roster_path(store)))
    for incident_id in added.incidents:
        say(
            _("Added {client} to {incident} as affected (paused)").format(
                client=one_line(item.client), incident=incident_id
            )
        )
    skipped = [s.id for s in added.open_holds if s.id not in added.incidents]
    if skipped:
        say(
            _(
                "Not added to the open hold(s) {holds}; its deadline is in `now` all the same "
                "(add it later with: contracts link {id} --to-incident ID)"
            ).format(holds=", ".join(skipped), id=item.id)
        )
    print(item.id)
    return 0


def cmd_money(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`money ID INDEX AMOUNTS`: set what a contract's money stands at (`--clear` empties it)."""
    if args.index < 1:
        from journal.errors import BadInputError

        raise BadInputError(_("INDEX counts from 1, not {index}").format(index=args.index))
    if not args.clear and not args.amounts:
        from journal.errors import BadInputError

        raise BadInputError(_("give the amounts (like '420.00 USD in escrow until 12/09') or --clear"))
    amounts = [] if args.clear else at_risk.parse_amounts(" ; ".join(args.amounts), now)
    said: list[str] = []
    changed = undo.update(
        store, args.id, lambda d: said.append(at_risk.set_amounts(d, args.index - 1, amounts)), _("Contract money")
    )
    say(one_line(said[0]))
    total = at_risk.headline(changed, now, i18n.language())
    if total:
        say(_("Money at risk: {total}").format(total=total))
    return 0
