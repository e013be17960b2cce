"""Drafts of a form being typed or pasted: kept in `<data folder>/drafts/` (folder 0700,
files 0600, written atomically) until the form is saved or discarded, so a long pasted
notice, an answer to support or an edited summary survives a crash or a killed terminal.

A draft is the form's fields as text, by name (`body`, `subject`, ...), in a small JSON
file per incident, form and app: `drafts/<id>.<form>.<owner>.json`, where `form` names the
form (`message` for a new message, `request`, `event`, `incident`, ...; an edit of a list
item is keyed by a fingerprint of the item as it was loaded, `event-<16 hex>`, see
`item_form`, so a draft never lands on another item when one before it is deleted; the
edit of a roster contract is `roster.edit-<roster id>`) and `owner` is this process
(`OWNER`). Two apps drafting the same form each write their own file, so neither
overwrites the other's draft; opening the form takes over the newest draft of any app (it
becomes this app's, so it is not offered twice), and saving or discarding removes this
app's draft. A draft written by an older version (`<id>.message.json`) is still read.

Moments typed relative to now (`now`, `-2h`, `yesterday 9:00`) are kept as the absolute
moment they meant when typed: a message drafted on the 20th and restored on the 22nd is
still dated the 20th.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from journal import clock, paths, safe_read
from journal.atomic import atomic_write
from journal.errors import BadInputError, JournalError, StoreError
from journal.i18n import N_, _
from journal.store import Store
from journal.timeparse import parse_moment

DRAFTS_FOLDER = "drafts"
MAX_DRAFT_BYTES = 16 * 1024 * 1024
"""A draft file larger than this is not read (a message body is at most a few MiB)."""
OWNER = f"{os.getpid()}-{secrets.token_hex(3)}"
"""This process's part of its draft files' names."""
MESSAGE = "message"
"""The form key of a new message (the first form that kept drafts)."""
_FORM = re.compile(r"[a-z]+(?:-[a-z0-9]+){0,60}")
_MAX_FORM_CHARS = 120
ROSTER = "roster"
"""The id under which the roster's forms keep their drafts (not an incident's)."""
FINGERPRINT_CHARS = 16
"""Hex digits of an item's fingerprint in its edit draft's form key."""
_EDIT_FORM = re.compile(r"([a-z]+)-([0-9a-f]{16}|[0-9]{1,6})")
"""An edit draft of a list item: by fingerprint, or by position (older versions)."""


def _folder(store: Store, incident_id: str, form: str) -> Path:
    store.path_for(incident_id)  # refuses anything that is not a valid id
    if len(form) > _MAX_FORM_CHARS or not _FORM.fullmatch(form):
        raise BadInputError(_("{form!r} is not a form name (a-z, then -a-z0-9 parts)").format(form=form))
    return store.data_dir / DRAFTS_FOLDER


def fingerprint(item: object) -> str:
    """A short fingerprint of a list item (a Message, Event, Contract, ChecklistItem or
    SupportRequest dataclass) as loaded: the first FINGERPRINT_CHARS hex digits of the
    SHA-256 of its fields as canonical JSON. Two items with every field equal share it
    (either one may then take the draft: they are the same text)."""
    fields = dataclasses.asdict(item) if dataclasses.is_dataclass(item) and not isinstance(item, type) else item
    text = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_CHARS]


def item_form(kind: str, item: object) -> str:
    """The form key of the edit of a list item: `<kind>-<fingerprint>` (`event-3f2a...`).
    Stable when items before it are added or deleted; a different key once the item itself
    changed (the draft is then an orphan, see `orphan_edits`)."""
    return f"{kind}-{fingerprint(item)}"


def roster_edit_form(roster_id: str) -> str:
    """The form key (under the id ROSTER) of the edit of the roster contract `roster_id`."""
    return f"edit-{roster_id}"


def edit_forms(store: Store, incident_id: str, kind: str) -> list[str]:
    """The form keys of every kept edit draft of `kind` items of an incident (of any app):
    by fingerprint (`event-3f2a...`), or by position (`event-3`, older versions). Sorted."""
    folder = _folder(store, incident_id, kind)
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    found: set[str] = set()
    prefix = f"{incident_id}."
    for name in names:
        if not name.startswith(prefix) or not name.endswith(".json"):
            continue
        form = name[len(prefix) :].split(".", 1)[0]
        match = _EDIT_FORM.fullmatch(form)
        if match and match.group(1) == kind:
            found.add(form)
    return sorted(found)


def orphan_edits(store: Store, incident_id: str, kind: str, current: set[str]) -> list[str]:
    """The form keys of kept edit drafts of `kind` items of an incident (see `edit_forms`)
    whose item is not among `current` (the form keys of the items there now, see
    `item_form`): the item was changed or deleted elsewhere since the draft was typed."""
    return [form for form in edit_forms(store, incident_id, kind) if form not in current]


def adopt_orphan(store: Store, incident_id: str, form: str, new_form: str) -> bool:
    """Keep the newest draft of the edit `form` (whose item is gone) as this app's draft of
    `new_form` (the form of a new item of the same kind), when there is no draft of
    `new_form` yet, and remove the edit's draft files that were read. Returns True when it
    was moved, False when it stays where it is (a draft of `new_form` already exists, or
    none can be read). Raises StoreError."""
    if draft_paths(store, incident_id, new_form):
        return False
    found = load_newest(store, incident_id, form)
    if found is None:
        return False
    fields, source = found
    save_draft(store, incident_id, fields, new_form)
    try:
        os.unlink(source)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise StoreError.from_os_error(source, error, N_("move the draft")) from None
    return True


EDITED_ITEMS = {
    "message": "messages",
    "event": "events",
    "contract": "contracts",
    "checklist": "checklist",
    "request": "requests",
}
"""The kinds of list items whose edits keep drafts (their form key's first part, which is
also the form key of a new item of that kind) -> the Incident attribute holding them."""


def rescue_orphans(store: Store, incident: Any) -> list[tuple[str, Path | None]]:
    """Find the kept edit drafts of items no longer in `incident` (an Incident as loaded:
    the item was changed or deleted elsewhere, by the command line or another window) and
    keep each one's text reachable without putting it on another item: it becomes the draft
    of a new item of its kind when there is none yet. Returns (kind, None) for each draft
    moved so, (kind, path of the draft file) for each left where it is. Raises StoreError."""
    out: list[tuple[str, Path | None]] = []
    for kind, attr in EDITED_ITEMS.items():
        kept = edit_forms(store, incident.id, kind)
        if not kept:  # the usual case: no item's fingerprint is computed
            continue
        current = {item_form(kind, item) for item in getattr(incident, attr)}
        for form in (form for form in kept if form not in current):
            if adopt_orphan(store, incident.id, form, kind):
                out.append((kind, None))
                continue
            left = draft_paths(store, incident.id, form)
            if left:
                out.append((kind, left[0]))
    return out


def draft_path(store: Store, incident_id: str, form: str = MESSAGE) -> Path:
    """Where this app keeps its draft of `form` for an incident:
    `<data folder>/drafts/<id>.<form>.<OWNER>.json`. Raises BadInputError for an id or a
    form name that is not valid."""
    return _folder(store, incident_id, form) / f"{incident_id}.{form}.{OWNER}.json"


def draft_paths(store: Store, incident_id: str, form: str = MESSAGE) -> list[Path]:
    """Every kept draft of `form` for an incident (of any app, and the older
    `<id>.message.json`), newest first by modification time."""
    folder = _folder(store, incident_id, form)
    found: list[tuple[int, str, Path]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    prefix = f"{incident_id}.{form}."
    for entry in entries:
        name = entry.name
        if not name.endswith(".json") or not name.startswith(prefix):
            continue
        owner = name[len(prefix) : -len(".json")] if len(name) > len(prefix) + 4 else ""
        if owner and not re.fullmatch(r"[0-9]+-[0-9a-f]+", owner):  # "": `<id>.message.json` of older versions
            continue
        try:
            found.append((entry.stat(follow_symlinks=False).st_mtime_ns, name, Path(entry.path)))
        except OSError:
            continue
    return [path for _, _, path in sorted(found, key=lambda item: (item[0], item[1]), reverse=True)]


def absolute_moments(fields: dict[str, str], moments: tuple[str, ...], now: datetime | None = None) -> dict[str, str]:
    """`fields` with each of `moments` that reads as a moment (`now`, `-2h`, `yesterday
    9:00`, `2026-11-20 09:12`) replaced by the absolute moment it means at `now` (default
    `clock.now()`), as ISO 8601 with its offset; text that does not read is kept as typed."""
    out = dict(fields)
    moment = now or clock.now()
    for name in moments:
        text = out.get(name, "")
        if not text.strip():
            continue
        try:
            out[name] = parse_moment(text, now=moment).isoformat()
        except (ValueError, OverflowError):
            continue
    return out


def save_draft(
    store: Store,
    incident_id: str,
    fields: dict[str, str],
    form: str = MESSAGE,
    moments: tuple[str, ...] = (),
    now: datetime | None = None,
) -> Path:
    """Keep `fields` as this app's draft of `form` for the incident (replacing its last one
    atomically); the fields named in `moments` are kept as absolute moments (see
    `absolute_moments`). Returns the draft's path. Raises StoreError, BadInputError."""
    path = draft_path(store, incident_id, form)
    store.ensure()
    folder = path.parent
    if folder.is_symlink():
        raise StoreError(folder, _("is a symbolic link; Incident Journal does not write through links"))
    try:
        paths.ensure_private_dir(folder)
    except OSError as error:
        raise StoreError.from_os_error(folder, error, N_("create the drafts folder")) from None
    kept = absolute_moments({str(k): str(v) for k, v in fields.items()}, moments, now)
    data = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    atomic_write(path, data.encode("utf-8", "surrogatepass"))
    return path


def _read(path: Path) -> dict[str, str] | None:
    try:
        raw = safe_read.read_file(path, MAX_DRAFT_BYTES, N_("the draft"))
        found = safe_read.guarded(lambda: json.loads(raw.decode("utf-8", "surrogatepass")), str(path), N_("the draft"))
    except (OSError, ValueError, JournalError):
        return None
    if not isinstance(found, dict):
        return None
    return {str(k): v for k, v in found.items() if isinstance(v, str)}


def load_newest(store: Store, incident_id: str, form: str = MESSAGE) -> tuple[dict[str, str], Path] | None:
    """The newest kept draft of `form` for the incident (of any app) and its file, or None
    when there is none that can be read (a draft is a convenience, never a reason to fail:
    a broken one, a FIFO or a link is skipped)."""
    for path in draft_paths(store, incident_id, form):
        kept = _read(path)
        if kept is not None:
            return kept, path
    return None


def load_draft(store: Store, incident_id: str, form: str = MESSAGE) -> dict[str, str] | None:
    """The fields of the newest kept draft of `form` for the incident, or None."""
    found = load_newest(store, incident_id, form)
    return found[0] if found else None


def restore_draft(store: Store, incident_id: str, form: str = MESSAGE) -> tuple[dict[str, str], int] | None:
    """Take the newest kept draft of `form` for the incident to go on with it in this app:
    it becomes this app's draft (written first, atomically) and the other app's file is
    removed, so it is not offered twice. Returns its fields and how many other drafts of
    the same form are still kept, or None when there is none. Raises StoreError when it
    cannot be taken over (the other file then stays)."""
    found = load_newest(store, incident_id, form)
    if found is None:
        return None
    fields, source = found
    own = draft_path(store, incident_id, form)
    if source != own:
        save_draft(store, incident_id, fields, form)
        try:
            os.unlink(source)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise StoreError.from_os_error(source, error, N_("take over the draft")) from None
    others = len([p for p in draft_paths(store, incident_id, form) if p != own])
    return fields, others


def discard_draft(store: Store, incident_id: str, form: str = MESSAGE) -> None:
    """Remove this app's draft of `form` for the incident (other apps' drafts stay).
    Raises StoreError."""
    path = draft_path(store, incident_id, form)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError.from_os_error(path, error, N_("remove the draft")) from None
