"""Drafts of a form being typed or pasted: kept in `<data folder>/drafts/` (folder 0700,
files 0600, written atomically) until the form is saved or discarded, so a long pasted
notice, an answer to support or an edited summary survives a crash or a killed terminal.

A draft is the form's fields as text, by name (`body`, `subject`, ...), in a small JSON
file per incident, form and app: `drafts/<id>.<form>.<owner>.json`, where `form` names the
form (`message` for a new message, `message-2` for an edit of message 2, `request`,
`request-1`, `event`, `contract-3`, `incident`, ...) and `owner` is this process
(`OWNER`). Two apps drafting the same form each write their own file, so neither
overwrites the other's draft; opening the form takes over the newest draft of any app (it
becomes this app's, so it is not offered twice), and saving or discarding removes this
app's draft. A draft written by an older version (`<id>.message.json`) is still read.

Moments typed relative to now (`now`, `-2h`, `yesterday 9:00`) are kept as the absolute
moment they meant when typed: a message drafted on the 20th and restored on the 22nd is
still dated the 20th.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime
from pathlib import Path

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
_FORM = re.compile(r"[a-z]+(?:-[0-9]{1,6})?")


def _folder(store: Store, incident_id: str, form: str) -> Path:
    store.path_for(incident_id)  # refuses anything that is not a valid id
    if not _FORM.fullmatch(form):
        raise BadInputError(_("{form!r} is not a form name (a-z, then -N)").format(form=form))
    return store.data_dir / DRAFTS_FOLDER


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
