"""`contracts add|list|end`: the roster of active contracts."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from journal import roster
from journal.cli.render import json_text, roster_json, roster_rows
from journal.store import Store
from journal.text import one_line


def cmd_contracts(store: Store, args: argparse.Namespace, now: datetime) -> int:
    action = args.contracts_command
    if action == "add":
        pending = roster.parse_money(args.pending) if args.pending else None
        item = roster.add_contract(
            store,
            args.client,
            now,
            deadline=args.deadline,
            contract_id=args.contract_id,
            note=args.note,
            pending=pending,
        )
        print(f"Added {one_line(item.client)} to {roster.roster_path(store)}", file=sys.stderr)
        print(item.id)
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
        print(json_text([roster_json(c) for c in contracts]))
    elif contracts:
        print(roster_rows(contracts, now))
    else:
        print("No contracts in the roster. Add one with: incident-journal contracts add --client NAME", file=sys.stderr)
    return 0
