"""`contracts add|list|end|link`: the roster of active contracts, and adding them to incidents."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import at_risk, links, roster, undo
from journal.cli.render import json_text, roster_json, roster_rows
from journal.store import Store
from journal.text import one_line


def cmd_contracts(store: Store, args: argparse.Namespace, now: datetime) -> int:
    action = args.contracts_command
    if action == "add":
        return _add(store, args, now)
    if action == "link":
        incident, item = links.add_to_incident(store, args.to_incident, args.ref)
        print(f"Added {one_line(item.client)} ({item.id}) to {incident.id} as affected", file=sys.stderr)
        return 0
    if action == "end":
        item = roster.end_contract(store, args.ref, now)
        print(f"Ended {item.id} ({one_line(item.client)})", file=sys.stderr)
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
        print("No contracts in the roster. Add one with: incident-journal contracts add --client NAME", file=sys.stderr)
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
    print(f"Added {one_line(item.client)} to {roster.roster_path(store)}", file=sys.stderr)
    for incident_id in added.incidents:
        print(f"Added {one_line(item.client)} to {incident_id} as affected (paused)", file=sys.stderr)
    skipped = [s.id for s in added.open_holds if s.id not in added.incidents]
    if skipped:
        print(
            f"Not added to the open hold(s) {', '.join(skipped)}; its deadline is in `now` all the same "
            f"(add it later with: contracts link {item.id} --to-incident ID)",
            file=sys.stderr,
        )
    print(item.id)
    return 0


def cmd_money(store: Store, args: argparse.Namespace, now: datetime) -> int:
    """`money ID INDEX AMOUNTS`: set what a contract's money stands at (`--clear` empties it)."""
    if args.index < 1:
        from journal.errors import BadInputError

        raise BadInputError(f"INDEX counts from 1, not {args.index}")
    if not args.clear and not args.amounts:
        from journal.errors import BadInputError

        raise BadInputError("give the amounts (like '420.00 USD in escrow until 12/09') or --clear")
    amounts = [] if args.clear else at_risk.parse_amounts(" ; ".join(args.amounts), now)
    said: list[str] = []
    changed = undo.update(
        store, args.id, lambda d: said.append(at_risk.set_amounts(d, args.index - 1, amounts)), "Contract money"
    )
    print(one_line(said[0]), file=sys.stderr)
    total = at_risk.headline(changed, now)
    if total:
        print(f"Money at risk: {total}", file=sys.stderr)
    return 0
