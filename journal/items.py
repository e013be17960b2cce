"""The items inside an incident: naming, deleting, ticking with a moment, linked events.

One action, one record: a checklist item linked to an event kind (a template's `event = ...`)
adds that event when it is ticked, at the same moment, and is ticked when that event is added;
never twice. Marking a contract's client as told adds a `client-notified` event; a contract's
change of state is an event too. Everything here changes a loaded incident in memory; saving
(and the undo log) is the caller's, through `journal.undo`.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from journal import i18n, paths
from journal.atomic import atomic_write, fsync_dir, sha256_hex
from journal.errors import BadInputError, ConflictError, StoreError
from journal.i18n import N_, _
from journal.labels import contract_state, event_kind
from journal.model import Contract, Event, Incident
from journal.store import Store
from journal.text import one_line

SECTIONS = ("messages", "events", "checklist", "contracts", "requests")
"""The lists of an incident whose items can be deleted (as in the file)."""
SECTION_NAMES = {
    "messages": N_("message"),
    "events": N_("event"),
    "checklist": N_("checklist item"),
    "contracts": N_("contract"),
    "requests": N_("support request"),
}
MESSAGE_EVENT_KINDS = ("notice-received", "support-contacted", "support-replied")
STATE_EVENTS = {"active": "work-resumed", "paused": "work-paused", "ended": "note"}
"""The event a contract's change of state records, by its new state."""
NAME_CHARS = 60


def _items(incident: Incident, section: str) -> list[Any]:
    """The incident's list named by `section` (messages, events, ...: a different type each)."""
    if section not in SECTIONS:
        raise BadInputError(
            _("unknown section {section!r}: expected one of {items}").format(section=section, items=", ".join(SECTIONS))
        )
    found: list[Any] = getattr(incident, section)
    return found


def locate(items: list[Any], original: Any, index: int) -> int:
    """Where the item an edit was made from is now in `items` (a section of a fresh copy of
    the incident): at `index` when it is still there, else the first item equal to it (items
    before it were added or deleted elsewhere meanwhile). Raises BadInputError when it is in
    no place any more (changed or deleted elsewhere): an edit never lands on another item."""
    if 0 <= index < len(items) and items[index] == original:
        return index
    for place, item in enumerate(items):
        if item == original:
            return place
    raise BadInputError(
        _("the item being edited was changed or deleted elsewhere; nothing was saved and what you typed is kept")
    )


def describe(incident: Incident, section: str, index: int, lang: str = "en") -> str:
    """The item in words, for a question or a message: `checklist item 3 "Change your
    password…"` (index is 0-based; shown 1-based), in `lang` (English by default;
    `チェックリストの項目 3「…」` in Japanese: undo labels take the app's language of the day, as
    every text the app writes). Raises BadInputError (in the app's language) when out of range."""
    items = _items(incident, section)
    if not 0 <= index < len(items):
        raise BadInputError(
            f"{incident.id}: "
            + _("there is no {item} {number} (it has {count})").format(
                item=_(SECTION_NAMES[section]), number=index + 1, count=len(items)
            )
        )
    item = items[index]
    labels: dict[str, Callable[[], str]] = {
        "messages": lambda: item.subject or item.channel,
        "events": lambda: f"{item.kind}: {item.text}",
        "checklist": lambda: item.text,
        "contracts": lambda: item.client,
        "requests": lambda: item.question,
    }
    line = one_line(labels[section]())
    if len(line) > NAME_CHARS:
        line = line[: NAME_CHARS - 1] + "…"
    say = i18n.translations(lang).gettext
    return say(N_('{section} {n} "{text}"')).format(section=say(SECTION_NAMES[section]), n=index + 1, text=line)


def remove(incident: Incident, section: str, index: int) -> str:
    """Delete one item (0-based index) and say what was deleted. A message's own timeline
    event (the one added with it) goes with it."""
    name = describe(incident, section, index, i18n.language())
    item = _items(incident, section).pop(index)
    if section == "messages":
        label = item.subject or item.channel
        for event in list(incident.events):
            if event.at == item.at and event.kind in MESSAGE_EVENT_KINDS and label in event.text:
                incident.events.remove(event)
                break
    return _("Deleted {name}").format(name=name)


def trash_copy(store: Store, incident: Incident) -> Path:
    """Keep the incident's file as it is on disk now (the version before a deletion) in
    `<data folder>/trash/<id>.<YYYYmmddTHHMMSS>-<hex>.toml` (0600). Refuses (ConflictError)
    when the file is not the version `incident` was loaded from. Returns where it went."""
    path = store.path_for(incident.id)
    data = store.read_bytes(path)
    if sha256_hex(data) != incident.revision:
        raise ConflictError(f"{path}: " + _("changed on disk since it was loaded; nothing was deleted"))
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    try:
        paths.ensure_private_dir(store.trash_dir)
        target = store.trash_dir / f"{incident.id}.{stamp}-{secrets.token_hex(2)}.toml"
        with store.lock():
            atomic_write(target, data)
        fsync_dir(store.trash_dir)
    except OSError as error:
        raise StoreError.from_os_error(store.trash_dir, error, N_("keep the previous version in the trash")) from None
    os.chmod(target, 0o600)
    return target


def _has_event(incident: Incident, kind: str, at: datetime, text: str | set[str]) -> bool:
    """Whether the timeline has an event of `kind` at `at` or with the words `text` (one of
    them, when a set: the same event as written in each language)."""
    texts = {text} if isinstance(text, str) else text
    return any(e.kind == kind and (e.at == at or e.text in texts) for e in incident.events)


def _in_every_language(message: str, **fill: str) -> set[str]:
    """`message` (English, marked with N_) filled in, as each language writes it: a text the
    app wrote on the timeline in the language of the day is found again whatever the language
    is now."""
    return {i18n.translations(lang).gettext(message).format(**fill) for lang in i18n.LANGUAGES}


def tick(incident: Incident, index: int, at: datetime | None) -> str:
    """Tick (at `at`) or, with `at` None, untick the checklist item at `index`. A linked
    item adds its event when ticked (unless one of that kind is already at that moment or
    has its words) and removes the event its tick added when unticked. Returns what was done."""
    describe(incident, "checklist", index)
    item = incident.checklist[index]
    if at is None:
        was = item.done_at
        item.done_at = None
        if item.event and was is not None:
            for event in list(incident.events):
                if event.kind == item.event and event.at == was and event.text == item.text:
                    incident.events.remove(event)
                    break
        return _("Unticked")
    item.done_at = at
    if item.event and not _has_event(incident, item.event, at, item.text):
        incident.add_event(Event(at=at, kind=item.event, text=item.text))
        return _("Ticked; {event} added to the timeline").format(event=_event_name(item.event))
    return _("Ticked")


def _event_name(kind: str) -> str:
    """An event kind in a message: the key in English (what `add-event --kind` takes), the
    label in another language."""
    return kind if i18n.language() == "en" else event_kind(kind)


def add_event(incident: Incident, event: Event) -> str:
    """Add a timeline event and tick the first open checklist item linked to its kind (one
    that names words of the event first). Returns the words to add to "added": `; ticked
    "…"` (in the app's language) when an item was ticked, else ""."""
    incident.add_event(event)
    linked = [c for c in incident.checklist if c.event == event.kind and c.done_at is None]
    named = [c for c in linked if event.text and (event.text in c.text or c.text in event.text)]
    chosen = (named or linked)[:1]
    for item in chosen:
        item.done_at = event.at
        return _('; ticked "{item}"').format(item=one_line(item.text)[:40])
    return ""


def mark_told(incident: Incident, index: int, at: datetime | None) -> str:
    """Record that the client of contract `index` was told at `at` (None: not told), with a
    `client-notified` event (ticking a checklist item naming the client, if any)."""
    describe(incident, "contracts", index)
    contract = incident.contracts[index]
    if at is None:
        contract.client_told_at = None
        return _("{client}: not told").format(client=one_line(contract.client))
    contract.client_told_at = at
    return contract_changed(incident, None, contract, at)


def contract_changed(incident: Incident, old: Contract | None, new: Contract, at: datetime) -> str:
    """Put a contract's change on the timeline: the client told (client-notified, ticking a
    linked item that names the client) and a change of state (paused -> active is
    work-resumed, -> paused is work-paused, -> ended a note). `old` None means only the
    telling is new. Returns what was done."""
    said = []
    client = one_line(new.client)
    if new.client_told_at is not None and (old is None or old.client_told_at is None):
        when = new.client_told_at
        text = _("Told {client} about the hold").format(client=client)
        told = _in_every_language(N_("Told {client} about the hold"), client=client)
        if not _has_event(incident, "client-notified", when, told):
            incident.add_event(Event(at=when, kind="client-notified", text=text))
            for item in incident.checklist:
                if item.done_at is None and item.event == "client-notified" and client and client in item.text:
                    item.done_at = when
                    break
        said.append(_("client-notified added"))
    if old is not None and old.state != new.state:
        incident.add_event(
            Event(
                at=at,
                kind=STATE_EVENTS[new.state],
                text=_("Contract with {client}: {old} -> {new}").format(
                    client=client, old=contract_state(old.state), new=contract_state(new.state)
                ),
            )
        )
        said.append(
            _("{old} -> {new} on the timeline").format(old=contract_state(old.state), new=contract_state(new.state))
        )
    return f"{client}: " + _(", ").join(said) if said else _("Contract saved")
