"""Drafts of a message being typed or pasted: kept in `<data folder>/drafts/` (folder 0700,
file 0600, written atomically) until the message is saved or the draft is discarded, so a
long pasted notice survives a crash or a killed terminal.

A draft is the form's fields as text, by name (`body`, `subject`, ...), in a small JSON file
per incident: `drafts/<id>.message.json`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from journal import paths, safe_read
from journal.atomic import atomic_write
from journal.errors import JournalError, StoreError
from journal.i18n import N_
from journal.store import Store

DRAFTS_FOLDER = "drafts"
MAX_DRAFT_BYTES = 16 * 1024 * 1024
"""A draft file larger than this is not read (a message body is at most a few MiB)."""


def draft_path(store: Store, incident_id: str) -> Path:
    """Where the draft of a new message for an incident is kept."""
    store.path_for(incident_id)  # refuses anything that is not a valid id
    return store.data_dir / DRAFTS_FOLDER / f"{incident_id}.message.json"


def save_draft(store: Store, incident_id: str, fields: dict[str, str]) -> Path:
    """Keep `fields` as the draft of a new message for the incident (replacing the last
    draft atomically). Raises StoreError."""
    path = draft_path(store, incident_id)
    store.ensure()
    folder = path.parent
    if folder.is_symlink():
        raise StoreError(folder, "is a symbolic link; Incident Journal does not write through links")
    try:
        paths.ensure_private_dir(folder)
    except OSError as error:
        raise StoreError.from_os_error(folder, error, N_("create the drafts folder")) from None
    data = json.dumps({str(k): str(v) for k, v in fields.items()}, ensure_ascii=False, sort_keys=True)
    atomic_write(path, data.encode("utf-8", "surrogatepass"))
    return path


def load_draft(store: Store, incident_id: str) -> dict[str, str] | None:
    """The kept draft of a new message for the incident, or None if there is none (or it
    cannot be read: a draft is a convenience, never a reason to fail)."""
    path = draft_path(store, incident_id)
    try:
        raw = safe_read.read_file(path, MAX_DRAFT_BYTES, "the draft")
        found = safe_read.guarded(lambda: json.loads(raw.decode("utf-8", "surrogatepass")), str(path), "the draft")
    except (OSError, ValueError, JournalError):
        return None
    if not isinstance(found, dict):
        return None
    return {str(k): v for k, v in found.items() if isinstance(v, str)}


def discard_draft(store: Store, incident_id: str) -> None:
    """Remove the draft of a new message for the incident, if there is one."""
    path = draft_path(store, incident_id)
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError.from_os_error(path, error, N_("remove the draft")) from None
