"""Where the roster and the incidents meet: one source for a client's deadline.

An incident's affected contract may refer to its roster entry by roster id (`roster_id`).
Such a contract reads its client, contract id, deadline and money from the roster; what
belongs to the incident alone (its state there, when the client was told, a note) stays in
the incident. The incident keeps a copy of the roster's values too, so that an exported file
still reads on its own; the roster wins wherever the journal shows the contract.

A hold that stops work with every client (an account hold, a security review, an account
closure, or any incident with `stops_work = true`) makes every active roster contract
affected, whether it was added to the roster before or after the hold began.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from journal import roster as roster_mod
from journal import templates
from journal.codec import FormatError
from journal.errors import BadInputError, JournalError
from journal.i18n import _
from journal.index import Summary
from journal.model import ChecklistItem, Contract, Incident
from journal.roster import RosterContract
from journal.store import Store


def kind_stops_work(kind: str, language: str | None = None) -> bool:
    """True when the kind's template says a hold of that kind stops work with every client."""
    try:
        return templates.load_template(kind, language).stops_work
    except ValueError:  # an unknown kind
        return False


def stops_work(incident: Incident | Summary, kinds: dict[str, bool] | None = None) -> bool:
    """True when an incident (or its summary) stops work with every client: its own
    `stops_work` flag, else its kind's template. `kinds` caches the kinds' answers."""
    if incident.stops_work is not None:
        return incident.stops_work
    if kinds is None:
        return kind_stops_work(incident.kind)
    if incident.kind not in kinds:
        kinds[incident.kind] = kind_stops_work(incident.kind)
    return kinds[incident.kind]


def by_id(entries: Iterable[RosterContract]) -> dict[str, RosterContract]:
    """The roster as {roster id: contract}."""
    return {item.id: item for item in entries}


def resolve(contract: Contract, roster: dict[str, RosterContract]) -> Contract:
    """The contract as the journal shows it: a linked contract's client, contract id,
    deadline and money come from its roster entry (a copy; `contract` is not changed). A
    contract typed only in the incident, or whose roster entry is gone, is shown as it is."""
    entry = roster.get(contract.roster_id) if contract.roster_id else None
    if entry is None:
        return contract
    shown = copy.copy(contract)
    shown.client = entry.client
    shown.contract_id = entry.contract_id
    shown.deadline = entry.deadline
    shown.pending = entry.pending
    if entry.state == "ended":
        shown.state = "ended"
    return shown


def load_roster_quietly(store: Store) -> tuple[list[RosterContract], str | None]:
    """The roster, or ([], one line saying why) when it cannot be read: a broken roster must
    not hide an incident's own contracts."""
    try:
        return roster_mod.load_roster(store), None
    except (FormatError, JournalError, OSError) as error:
        return [], _("{error}; roster deadlines are not shown").format(error=error)


def load_roster_quietly_at(store: Store) -> tuple[list[RosterContract], str | None, str | None]:
    """Like `load_roster_quietly`, with the roster's revision as read (see
    `journal.roster.load_roster_at`; None when it cannot be read): a change saved from what
    was read passes it as `expected`, so a roster changed meanwhile is never overwritten."""
    try:
        entries, revision = roster_mod.load_roster_at(store)
    except (FormatError, JournalError, OSError) as error:
        return [], None, _("{error}; roster deadlines are not shown").format(error=error)
    return entries, revision, None


def shown_contracts(store: Store, incident: Incident) -> tuple[list[Contract], str | None]:
    """An incident's contracts as the journal shows them (see `resolve`), and a problem line
    when the roster could not be read."""
    entries, problem = load_roster_quietly(store)
    table = by_id(entries)
    return [resolve(c, table) for c in incident.contracts], problem


def open_holds(summaries: Iterable[Summary]) -> list[Summary]:
    """The incidents still going on that stop work with every client, oldest first."""
    kinds: dict[str, bool] = {}
    holds = [s for s in summaries if s.is_active and stops_work(s, kinds)]
    return sorted(holds, key=lambda s: (s.opened_at, s.id))


def holds_open(store: Store) -> list[Summary]:
    """The open holds that stop work with every client (from the index), oldest first."""
    summaries, _problems = store.scan()
    return open_holds(summaries)


def link(incident: Incident, item: RosterContract, state: str = "paused") -> Contract:
    """Add a roster contract to a loaded incident as affected, with the template's checklist
    item for its client ("Tell {client} ..."). For a change function given to `Store.update`.
    Raises BadInputError when the incident already has it."""
    if any(c.roster_id == item.id for c in incident.contracts):
        raise BadInputError(
            _("{client} ({id}) is already in incident {incident}").format(
                client=repr(item.client), id=item.id, incident=incident.id
            )
        )
    contract = item.affected(state)
    incident.contracts.append(contract)
    text = templates.load_template(incident.kind).contract_item(item.client, item.contract_id, item.deadline)
    if text and all(c.text != text for c in incident.checklist):
        incident.checklist.append(ChecklistItem(text=text))
    return contract


def add_to_incident(store: Store, incident_id: str, ref: str) -> tuple[Incident, RosterContract]:
    """Add the roster contract `ref` (roster id, contract id or client name) to an incident
    on disk as affected. Returns the saved incident and the roster contract. Raises
    NotFoundError, BadInputError (already there), ConflictError."""
    item = roster_mod.find_contract(roster_mod.load_roster(store), ref)
    incident = store.update(incident_id, lambda d: link(d, item))
    return incident, item


def unlinked(incident: Incident, entries: Iterable[RosterContract]) -> list[RosterContract]:
    """The active roster contracts an incident does not have yet, soonest deadline first
    (what the Contracts tab's roster picker offers)."""
    have = {c.roster_id for c in incident.contracts if c.roster_id}
    return sorted((e for e in entries if e.is_active and e.id not in have), key=roster_mod.deadline_order)


@dataclass
class Added:
    """What `add_contract` did."""

    contract: RosterContract
    """The new roster contract (with its roster id)."""
    incidents: list[str]
    """The incidents it was added to as affected."""
    open_holds: list[Summary]
    """The holds that stop work which were open when it was added (added to or not)."""


def add_contract(store: Store, now: datetime, to_incidents: list[str] | None = None, **fields: object) -> Added:
    """Add a contract to the roster (`fields` as for `roster.add_contract`), then to the
    incidents `to_incidents` (None: to every open hold that stops work; []: to none).

    The roster is written first: an incident that cannot be updated (a conflict, a bad
    file) leaves the contract in the roster and raises the incident's error."""
    holds = holds_open(store)
    item = roster_mod.add_contract(store, now=now, **fields)  # type: ignore[arg-type]
    targets = [s.id for s in holds] if to_incidents is None else list(dict.fromkeys(to_incidents))
    done: list[str] = []
    for incident_id in targets:
        store.update(incident_id, lambda d: link(d, item))
        done.append(incident_id)
    return Added(item, done, holds)


def refresh_copies(store: Store, item: RosterContract, skip: str = "") -> list[str]:
    """After a roster contract changed, bring the copy kept in each incident that links it
    (client, contract id, deadline, money) up to date, so an exported file says what the
    roster says. Incidents are found through the index; one that cannot be updated (a
    conflict, a bad file) is passed over, and so is `skip` (the incident being saved by the
    caller). Returns the ids of the incidents changed."""
    summaries, _problems = store.scan()
    changed: list[str] = []
    for summary in summaries:
        if summary.id == skip or not any(len(entry) > 3 and entry[3] == item.id for entry in summary.deadlines):
            continue

        def copy_in(incident: Incident) -> None:
            for contract in incident.contracts:
                if contract.roster_id == item.id:
                    contract.client, contract.contract_id = item.client, item.contract_id
                    contract.deadline, contract.pending = item.deadline, item.pending

        try:
            store.update(summary.id, copy_in)
        except (FormatError, JournalError, OSError):
            continue
        changed.append(summary.id)
    return changed
