"""The contract roster: the user's active contracts, clients and deadlines, kept outside any
incident so they stay known while the platform is unreachable.

One file, `<data folder>/contracts.toml`, under the same rules as the incidents: written
atomically (0600) under the journal lock, validated on every read, and reported as
`path:line:col: reason` when it does not validate (then left untouched).

```toml
format = 1

[[contracts]]
id = "acme-ltd"            # made from the client's name; what `contracts end ID` takes
client = "Acme Ltd"
contract_id = "38211"
state = "active"           # active | ended
deadline = 2026-11-30      # a date, or a date and time: 2026-11-30T18:00:00+09:00
note = "milestone 2"
added_at = 2026-11-20T09:00:00+09:00
ended_at = 2026-12-01T10:00:00+09:00

[contracts.pending]
amount = "420.00"
currency = "USD"
```
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from journal import codec, money
from journal.atomic import atomic_write, sha256_hex
from journal.codec import FormatError, _Context, _deadline, _Reader
from journal.deadlines import deadline_key
from journal.errors import BadInputError, ConflictError, NotFoundError, StoreError
from journal.i18n import N_, _
from journal.ids import slugify
from journal.model import MAX_TEXT_CHARS, Contract, Money
from journal.store import Store
from journal.text import one_line
from journal.timeparse import normalise_moment

ROSTER_FILE = "contracts.toml"
ROSTER_FORMAT = 1
ROSTER_STATES = ("active", "ended")
MAX_ROSTER_BYTES = 4 * 1024 * 1024
MAX_CONTRACTS = 10_000


@dataclass
class RosterContract:
    """A contract the user has with a client, outside any incident."""

    id: str
    """Short, unique in the roster (`acme-ltd`, `acme-ltd-2`); made from the client's name."""
    client: str
    """The client's name."""
    contract_id: str = ""
    """The platform's contract id."""
    state: str = "active"
    """active or ended."""
    deadline: date | datetime | None = None
    """The next deadline promised to the client: a date, or a moment with its offset."""
    pending: Money | None = None
    """Money earned on it and not yet paid out."""
    note: str = ""
    """The user's own note."""
    added_at: datetime | None = None
    """When it was added to the roster."""
    ended_at: datetime | None = None
    """When it was marked ended."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know, kept for the next write."""

    @property
    def is_active(self) -> bool:
        """True until the contract is ended."""
        return self.state == "active"

    def affected(self, state: str = "paused") -> Contract:
        """This contract as an incident's affected contract."""
        return Contract(
            client=self.client,
            contract_id=self.contract_id,
            state=state,
            deadline=self.deadline,
            pending=Money(self.pending.amount, self.pending.currency) if self.pending else None,
            roster_id=self.id,
            note=self.note,
        )


def roster_path(store: Store) -> Path:
    """`<data folder>/contracts.toml`."""
    return store.data_dir / ROSTER_FILE


def deadline_order(item: RosterContract | Contract) -> tuple[int, date, time, str]:
    """Soonest deadline first (a timed one before the end of its day); contracts without a
    deadline last, by client name."""
    return (*deadline_key(item.deadline), item.client.casefold())


# ---------------------------------------------------------------------------- codec


def _entry(item: RosterContract) -> dict[str, Any]:
    pairs = [
        ("id", item.id),
        ("client", item.client),
        ("contract_id", item.contract_id),
        ("state", item.state),
        ("deadline", _deadline(item.deadline)),
        ("note", item.note),
        ("added_at", None if item.added_at is None else normalise_moment(item.added_at)),
        ("ended_at", None if item.ended_at is None else normalise_moment(item.ended_at)),
        ("pending", codec.money_table(item.pending)),
    ]
    out = {key: value for index, (key, value) in enumerate(pairs) if index < 2 or value not in (None, "")}
    for key in sorted(item.extra):
        out.setdefault(key, item.extra[key])
    return out


def dumps(contracts: list[RosterContract]) -> str:
    """The roster as TOML text (deterministic)."""
    return tomli_w.dumps({"format": ROSTER_FORMAT, "contracts": [_entry(c) for c in contracts]})


def _read_entry(r: _Reader) -> RosterContract:
    entry_id = r.text("id", required=True)
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?", entry_id):
        raise r.fail("id", _("{key} must be a-z, 0-9 and '-' (up to 64), like acme-ltd").format(key=r.name("id")))
    client = r.text("client", required=True)
    if not client.strip():
        raise r.fail("client", _("{key} is empty").format(key=r.name("client")))
    return RosterContract(
        id=entry_id,
        client=client,
        contract_id=r.text("contract_id"),
        state=r.choice("state", ROSTER_STATES, "active"),
        deadline=r.deadline("deadline"),
        note=r.text("note"),
        added_at=r.moment("added_at"),
        ended_at=r.moment("ended_at"),
        pending=r.money("pending"),
        extra=r.rest(),
    )


def loads(text: str, path: str = ROSTER_FILE) -> list[RosterContract]:
    """Parse and validate a roster. Raises FormatError naming path, line and reason."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise FormatError(path, _("not valid TOML: {msg}").format(msg=error.msg), error.lineno, error.colno) from None
    except RecursionError as error:
        raise FormatError(path, _("not accepted: {error}").format(error=error)) from None
    ctx = _Context(path, text)
    r = _Reader(data, (), ctx)
    version = r._get("format", True)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise r.fail("format", _("format must be a whole number >= 1, not {version!r}").format(version=version))
    if version > ROSTER_FORMAT:
        raise r.fail(
            "format",
            _("written by a newer Incident Journal (format {version}); upgrade to read it").format(version=version),
        )
    contracts = r.tables("contracts", _read_entry)
    if len(contracts) > MAX_CONTRACTS:
        raise r.fail("contracts", _("more than {MAX_CONTRACTS:,} contracts").format(MAX_CONTRACTS=MAX_CONTRACTS))
    seen: set[str] = set()
    for index, item in enumerate(contracts):
        if item.id in seen:
            raise ctx.error(
                ("contracts", index, "id"),
                _("contracts[{index}].id {id!r} is used twice").format(index=index, id=item.id),
            )
        seen.add(item.id)
    unknown = sorted(r.rest())
    if unknown:
        raise r.fail(unknown[0], _("unknown key {unknown!r} in the roster").format(unknown=unknown[0]))
    return contracts


# ---------------------------------------------------------------------------- reading and writing


NO_ROSTER = ""
"""The revision of a roster that has no file yet."""


class RosterChangedError(ConflictError):
    """The roster file changed (in another window, or by a command) since it was loaded;
    nothing was written. Exit code 1, like every conflict."""


def load_roster_at(store: Store) -> tuple[list[RosterContract], str]:
    """Every contract in the roster, in file order, and the roster's revision: the SHA-256
    (hex) of the file's bytes as read, NO_ROSTER when there is no file yet. Pass the
    revision to `update_contract(expected=...)` so that a save made from what was read is
    refused when the file changed since. Raises FormatError for a file that does not
    validate."""
    path = roster_path(store)
    if not path.exists() and not path.is_symlink():
        return [], NO_ROSTER
    data = store.read_bytes(path, N_("the roster"))
    if len(data) > MAX_ROSTER_BYTES:
        raise FormatError(
            str(path),
            _("{what} is {size:,} bytes; the limit is {cap:,}").format(
                what=_("the roster"), size=len(data), cap=MAX_ROSTER_BYTES
            ),
        )
    return loads(codec.decode(data, str(path)), str(path)), sha256_hex(data)


def load_roster(store: Store) -> list[RosterContract]:
    """Every contract in the roster, in file order (empty if there is no roster yet).
    Raises FormatError for a file that does not validate."""
    return load_roster_at(store)[0]


def _check_revision(store: Store, found: str, expected: str | None) -> None:
    """Refuse (RosterChangedError) a save made from a roster read at `expected` when the
    file is now at `found` (None: no check)."""
    if expected is not None and found != expected:
        raise RosterChangedError(
            f"{roster_path(store)}: "
            + _(
                "the roster changed elsewhere (another window or a command) since it was read; nothing was saved; reload it and make the change again"
            )
        )


def active_contracts(store: Store) -> list[RosterContract]:
    """The contracts still going on, soonest deadline first."""
    return sorted((c for c in load_roster(store) if c.is_active), key=deadline_order)


def _save(store: Store, contracts: list[RosterContract]) -> None:
    path = roster_path(store)
    text = dumps(contracts)
    if loads(text, str(path)) != contracts:
        raise StoreError(path, _("would not read back exactly as entered; nothing was written"))
    atomic_write(path, text.encode("utf-8"))


def _new_id(client: str, contract_id: str, taken: set[str]) -> str:
    """A new roster id, unique among `taken` (`-2`, `-3`, ... added): the client's name as an
    ASCII slug (`acme-ltd`); for a name with no Latin letters or digits (`株式会社さくら`) the
    contract's number (`38211`), else `client-` and 6 hex digits of the SHA-256 of the name
    (NFKC), the same for the same name on every machine. Nothing is romanized."""
    base = slugify(client, 40) or slugify(contract_id, 40)
    if not base:
        named = unicodedata.normalize("NFKC", " ".join(client.split())).encode("utf-8", "surrogatepass")
        base = f"client-{hashlib.sha256(named).hexdigest()[:6]}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > MAX_TEXT_CHARS:
        raise BadInputError(
            _("{what} is {count:,} characters; the limit is {most:,}").format(
                what=_(what), count=len(text), most=MAX_TEXT_CHARS
            )
        )
    return text


def parse_money(text: str) -> Money:
    """`420.00 USD` -> Money, strictly (see journal.money.parse_money). Raises BadInputError."""
    return money.parse_money(text)


def add_contract(
    store: Store,
    client: str,
    now: datetime,
    deadline: date | datetime | None = None,
    contract_id: str = "",
    note: str = "",
    pending: Money | None = None,
) -> RosterContract:
    """Add a contract to the roster and save it; returns it with its new roster id."""
    client = _clean(client, N_("the client name"))
    if not client:
        raise BadInputError(_("the client name is empty"))
    contract_id = _clean(contract_id, N_("the contract id"))
    note = _clean(note, N_("the note"))
    store.ensure()
    with store.lock():
        contracts = load_roster(store)
        if contract_id:
            for other in contracts:
                if other.contract_id == contract_id and other.is_active:
                    raise BadInputError(
                        _("contract {contract} is already in the roster as {id}").format(
                            contract=repr(contract_id), id=other.id
                        )
                    )
        item = RosterContract(
            id=_new_id(client, contract_id, {c.id for c in contracts}),
            client=client,
            contract_id=contract_id,
            deadline=deadline,
            pending=pending,
            note=note,
            added_at=now,
        )
        contracts.append(item)
        _save(store, contracts)
    store.notify_change("roster", "", roster_path(store), label=_("Roster: added {name}").format(name=_named(item)))
    return item


def _named(contract: RosterContract) -> str:
    """A roster id with its client beside it, for a list of ids: `client-3f2a1b (株式会社さくら)`."""
    return f"{contract.id} ({one_line(contract.client)})"


def find_contract(contracts: list[RosterContract], ref: str) -> RosterContract:
    """The roster contract named by `ref`: its roster id, its contract id, or its client's
    name (when only one active contract has it). Raises NotFoundError."""
    ref = ref.strip()
    for match in (
        [c for c in contracts if c.id == ref],
        [c for c in contracts if ref and c.contract_id == ref],
        [c for c in contracts if c.client.casefold() == ref.casefold() and c.is_active],
    ):
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            ids = ", ".join(_named(c) for c in match)
            raise BadInputError(
                _("{ref} names more than one roster contract ({ids}); use the roster id").format(ref=repr(ref), ids=ids)
            )
    known = ", ".join(_named(c) for c in contracts if c.is_active) or _(
        "none yet; add one with: contracts add --client NAME"
    )
    raise NotFoundError(_("no contract {ref} in the roster (active: {known})").format(ref=repr(ref), known=known))


def end_contract(store: Store, ref: str, now: datetime, expected: str | None = None) -> RosterContract:
    """Mark a roster contract ended (it stays in the file, no longer copied into new holds).
    With `expected` (a revision from `load_roster_at`), refused with RosterChangedError when
    the roster changed since it was read."""
    store.ensure()
    with store.lock():
        contracts, found = load_roster_at(store)
        _check_revision(store, found, expected)
        item = find_contract(contracts, ref)
        if not item.is_active:
            return item
        item.state = "ended"
        item.ended_at = now
        _save(store, contracts)
    store.notify_change("roster", "", roster_path(store), label=_("Roster: ended {name}").format(name=_named(item)))
    return item


def update_contract(store: Store, ref: str, expected: str | None = None, **changes: Any) -> RosterContract:
    """Change fields of a roster contract (client, contract_id, deadline, pending, note, state).
    With `expected` (the revision from `load_roster_at` the changes were made from), the save
    is refused with RosterChangedError when the roster changed since (so a form opened
    before `contracts end` on the command line cannot make the contract active again);
    checked and written under the journal's lock."""
    allowed = {"client", "contract_id", "deadline", "pending", "note", "state", "ended_at"}
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ValueError(_("cannot change {unknown!r} of a roster contract").format(unknown=unknown[0]))
    if "state" in changes and changes["state"] not in ROSTER_STATES:
        raise BadInputError(_("unknown state {changes!r}: expected active or ended").format(changes=changes["state"]))
    if "client" in changes and not str(changes["client"]).strip():
        raise BadInputError(_("the client name is empty"))
    store.ensure()
    with store.lock():
        contracts, found = load_roster_at(store)
        _check_revision(store, found, expected)
        item = find_contract(contracts, ref)
        for key, value in changes.items():
            setattr(item, key, value.strip() if isinstance(value, str) else value)
        if item.state == "active":
            item.ended_at = None
        _save(store, contracts)
    store.notify_change("roster", "", roster_path(store), label=_("Roster: changed {name}").format(name=_named(item)))
    return item
