"""Undo and redo of changes to one incident, from a per-incident undo log.

Every change made through this module (the terminal UI's changes, and the command line's
`add-event`, `add-message`, `set-status`, `tick`, `delete-item`, ...) records the incident's
file as it was before, and the SHA-256 of the file it wrote. The log of an incident is
`<data folder>/undo/<id>.json` (folder 0700, file 0600; it holds copies of the incident's
text, so it is as private as the incident).

Undo puts the previous version back only while the file on disk is still exactly the one
this program wrote: a change made meanwhile by someone else (another window, an editor, a
sync tool) is never overwritten, the undo is refused with a ConflictError instead. What
undo replaced goes on the redo list; any new change empties it.

A session (a random token, one per run of the terminal UI) lets the UI undo only the
changes it made since it started; the command line's `undo` takes the last change whatever
made it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal import clock, codec, paths, safe_read
from journal.atomic import atomic_write, sha256_hex
from journal.errors import ConflictError, NotFoundError, StoreError
from journal.i18n import N_, _
from journal.model import Incident
from journal.store import Store

LOG_FORMAT = 1
MAX_STEPS = 30
"""Changes kept per incident for undo (and as many for redo); older ones are forgotten."""
MAX_LOG_BYTES = 96 * 1024 * 1024
"""A larger undo log is not read (it is refused with one line naming it)."""
CLI_SESSION = "cli"


def new_session() -> str:
    """A fresh session token (16 hex characters) for one run of the terminal UI."""
    return secrets.token_hex(8)


@dataclass
class Step:
    """One change that can be undone (or redone)."""

    label: str
    """What the change did, in words ("Deleted checklist item 3: ...")."""
    at: str
    """When it was made (ISO 8601, local zone with offset)."""
    session: str
    """Who made it: a terminal UI session token, or `cli`."""
    before: str
    """The incident's file before the change (its whole text)."""
    after_sha256: str
    """Hex SHA-256 of the file the change wrote."""

    def to_json(self) -> dict[str, str]:
        return {
            "label": self.label,
            "at": self.at,
            "session": self.session,
            "before": self.before,
            "after_sha256": self.after_sha256,
        }


def log_path(store: Store, incident_id: str) -> Path:
    """Where an incident's undo log is: `<data folder>/undo/<id>.json`."""
    store.path_for(incident_id)  # refuses anything that is not a valid id
    return store.data_dir / "undo" / f"{incident_id}.json"


def _steps(raw: Any) -> list[Step]:
    steps = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict) and all(
            isinstance(item.get(k), str) for k in ("label", "at", "session", "before", "after_sha256")
        ):
            steps.append(Step(item["label"], item["at"], item["session"], item["before"], item["after_sha256"]))
    return steps


def read_log(store: Store, incident_id: str) -> tuple[list[Step], list[Step]]:
    """The undo and redo lists of an incident, oldest first. A missing log is empty; one
    that cannot be read raises StoreError naming it (nothing is changed)."""
    path = log_path(store, incident_id)
    try:
        data = safe_read.read_file(path, MAX_LOG_BYTES, N_("the undo log"))
    except FileNotFoundError:
        return [], []
    except safe_read.Refused as error:
        raise StoreError(path, _("{reason}; remove it to start afresh").format(reason=error.reason)) from None
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, MemoryError):
        raise StoreError(path, _("the undo log is not readable; remove it to start afresh")) from None
    if not isinstance(raw, dict):
        raise StoreError(path, _("the undo log is not readable; remove it to start afresh"))
    return _steps(raw.get("undo")), _steps(raw.get("redo"))


def _write_log(store: Store, incident_id: str, undo: list[Step], redo: list[Step]) -> None:
    path = log_path(store, incident_id)
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError.from_os_error(path.parent, error, N_("create the undo folder")) from None
    data = {
        "format": LOG_FORMAT,
        "incident": incident_id,
        "undo": [s.to_json() for s in undo[-MAX_STEPS:]],
        "redo": [s.to_json() for s in redo[-MAX_STEPS:]],
    }
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def _record(store: Store, incident_id: str, before: bytes, after_sha: str, label: str, session: str) -> None:
    """Add a step to the undo log. The caller holds the journal's lock (the one the change
    itself was written under), so a busy journal cannot make a saved change look refused."""
    step = Step(label, clock.now().isoformat(timespec="seconds"), session, before.decode("utf-8"), after_sha)
    try:
        undo, _ = read_log(store, incident_id)
    except StoreError:
        undo = []  # an unreadable log is replaced: the change itself is saved already
    _write_log(store, incident_id, [*undo, step], [])


def save(store: Store, incident: Incident, label: str, session: str = CLI_SESSION) -> Incident:
    """Save a changed incident (as `Store.save`: refused with ConflictError when the file
    changed since it was loaded) and record the change for undo. Returns the incident."""
    path = store.path_for(incident.id)
    if incident.revision is None:
        return store.save(incident)  # a new file: nothing to undo to (Store.save refuses an existing one)
    try:
        before = store.read_bytes(path)
    except NotFoundError:
        raise ConflictError(f"{path}: " + _("was deleted since it was loaded; not recreated")) from None
    if sha256_hex(before) != incident.revision:
        raise ConflictError(
            f"{path}: " + _("changed on disk since it was loaded; not overwritten (reload it and try again)")
        )
    store.save(incident, after_write=lambda revision: _record(store, incident.id, before, revision, label, session))
    return incident


def update(
    store: Store, incident_id: str, change: Callable[[Incident], object], label: str, session: str = CLI_SESSION
) -> Incident:
    """Load, change and save an incident while holding the journal's lock (as
    `Store.update`: two writers never lose each other's work), recording the change for
    undo. Raises NotFoundError or codec.FormatError; nothing is written then."""
    path = store.path_for(incident_id)
    before: list[bytes] = []

    def recorded(incident: Incident) -> object:
        before.append(store.read_bytes(path))  # under the lock: the version being changed
        return change(incident)

    return store.update(
        incident_id,
        recorded,
        after_write=lambda revision: _record(store, incident_id, before[0], revision, label, session),
    )


def next_undo(store: Store, incident_id: str, session: str | None = None) -> Step | None:
    """The change `undo` would take back (the last one, made by `session` if given)."""
    undo, _ = read_log(store, incident_id)
    if undo and (session is None or undo[-1].session == session):
        return undo[-1]
    return None


def next_redo(store: Store, incident_id: str, session: str | None = None) -> Step | None:
    """The change `redo` would make again."""
    _, redo = read_log(store, incident_id)
    if redo and (session is None or redo[-1].session == session):
        return redo[-1]
    return None


def _swap(store: Store, incident_id: str, session: str | None, redoing: bool) -> Step:
    path = store.path_for(incident_id)
    store.ensure()
    with store.lock():
        undo, redo = read_log(store, incident_id)
        source, target = (redo, undo) if redoing else (undo, redo)
        if not source or (session is not None and source[-1].session != session):
            nothing = {
                (False, False): N_("nothing to undo"),
                (False, True): N_("nothing to undo since the app started"),
                (True, False): N_("nothing to redo"),
                (True, True): N_("nothing to redo since the app started"),
            }[redoing, bool(session)]
            raise NotFoundError(f"{incident_id}: " + _(nothing))
        step = source[-1]
        current = store.read_bytes(path)
        if sha256_hex(current) != step.after_sha256:
            raise ConflictError(
                f"{path}: "
                + (
                    _(
                        'changed on disk since "{label}" (by another program or window); not redone, nothing was overwritten'
                    )
                    if redoing
                    else _(
                        'changed on disk since "{label}" (by another program or window); not undone, nothing was overwritten'
                    )
                ).format(label=step.label)
            )
        restored = step.before.encode("utf-8")
        codec.load_bytes(restored, str(path))  # never put back a file that would not read
        atomic_write(path, restored)
        source.pop()
        target.append(Step(step.label, step.at, step.session, current.decode("utf-8"), sha256_hex(restored)))
        _write_log(store, incident_id, undo, redo)
    said = _("Redone: {change}") if redoing else _("Undone: {change}")
    store.notify_change("save", incident_id, path, label=said.format(change=step.label))
    return step


def undo(store: Store, incident_id: str, session: str | None = None) -> Step:
    """Put back the incident as it was before its last recorded change (the last one made by
    `session` when given). Returns the step undone. Raises NotFoundError when there is
    nothing to undo and ConflictError when the file changed since that change."""
    return _swap(store, incident_id, session, redoing=False)


def redo(store: Store, incident_id: str, session: str | None = None) -> Step:
    """Make again the change the last undo took back. Raises as `undo`."""
    return _swap(store, incident_id, session, redoing=True)
