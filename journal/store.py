"""The store: one TOML file per incident in `<data folder>/incidents/`, written atomically.

A write goes: encode, re-parse and compare, take the journal lock, check the file on disk is
still the one that was loaded, write a temp file in the same folder (a name that never ends
in `.toml`), flush, fsync, `os.replace`, fsync the folder. If the folder fsync fails, the
previous version (kept as a hard link until then) is put back. A crash at any instant leaves
the old file or the new one, never a mix; temp files left by a crash are removed the next time
a store is opened.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from journal import clock, codec, limits, paths, safe_read
from journal.atomic import TEMP_SUFFIX, atomic_write, flock_within, fsync_dir, sha256_hex
from journal.errors import (
    BadInputError,
    BusyError,
    ConflictError,
    JournalError,
    NotFoundError,
    StoreError,
)
from journal.i18n import N_, _
from journal.ids import conflict_copy_of, is_valid_id, make_id
from journal.index import Problem, Summary
from journal.model import Incident

if TYPE_CHECKING:
    from journal.index_db import Index, Refreshed

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another writer before giving up with BusyError."""


@dataclass(frozen=True)
class Change:
    """A write the store made, told to `Store.on_change` after it succeeded."""

    action: str
    """create, save, delete or conflict-copy."""
    incident_id: str
    paths: tuple[Path, ...]
    """The files written, moved or removed (absolute)."""
    label: str = ""
    """What the caller says the change was (empty: history describes it from the file)."""


class Store:
    """The incidents of one data folder."""

    def __init__(self, data_dir: Path | str | None = None, cache_dir: Path | str | None = None) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.incidents_dir = self.data_dir / "incidents"
        self.trash_dir = self.data_dir / "trash"
        self.cache_dir = Path(cache_dir) if cache_dir else paths.cache_dir()
        self._ready = False
        self.warnings: list[str] = []
        """One line each: an incident written at limits.WARN_AT of a cap or more (shown by
        the command line after the command, by the TUI after the save)."""
        self._index: Index | None = None
        self.on_change: Callable[[Change], None] | None = None
        """Called after each successful write (history hooks in here); never fails a write."""

    # ------------------------------------------------------------------ folders and lock

    def ensure(self) -> None:
        """Create the folders (0700) and remove temp files a crash left behind."""
        if self._ready:
            return
        try:
            paths.ensure_private_dir(self.data_dir)
            if not self.incidents_dir.is_symlink():  # never chmod through a link; lock() refuses it
                paths.ensure_private_dir(self.incidents_dir)
        except OSError as error:
            raise StoreError.from_os_error(self.data_dir, error, N_("create the data folder")) from None
        self._ready = True
        with contextlib.suppress(BusyError, StoreError, OSError), self.lock(timeout=0):
            self._remove_temp_files()

    def _remove_temp_files(self) -> None:
        for entry in os.scandir(self.incidents_dir):
            if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)

    def temp_files(self) -> list[Path]:
        """Temp files currently in the incidents folder (left by a crash, or a write under way)."""
        if not self.incidents_dir.is_dir():
            return []
        return sorted(
            Path(e.path)
            for e in os.scandir(self.incidents_dir)
            if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)
        )

    @contextlib.contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the journal's write lock (flock on `<data folder>/.lock`), waiting up to
        `timeout` seconds (LOCK_TIMEOUT by default)."""
        lock_path = self.data_dir / ".lock"
        for folder in (self.incidents_dir, self.trash_dir):  # every write takes the lock
            if folder.is_symlink():
                raise StoreError(folder, _("is a symbolic link; Incident Journal does not write through links"))
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        except OSError as error:
            # On a read-only disk an existing lock file still locks through a read-only
            # handle, so the error the user sees names the incident, not the lock file.
            try:
                fd = os.open(lock_path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
            except OSError:
                raise StoreError.from_os_error(lock_path, error, N_("open the lock file")) from None
        try:
            seconds = LOCK_TIMEOUT if timeout is None else timeout
            flock_within(
                fd,
                seconds,
                lambda: BusyError(f"{self.data_dir}: " + _("another Incident Journal is writing; try again")),
            )
            yield
        finally:
            os.close(fd)

    def notify_change(self, action: str, incident_id: str, *files: Path, label: str = "") -> None:
        """Tell `on_change` (history) about a write that is already durable: the store's own,
        and those made elsewhere (an undo or redo, an import, the roster), after the lock is
        released. Its failure is its own business: the write stays done, nothing is raised."""
        if self.on_change is None:
            return
        with contextlib.suppress(Exception):
            self.on_change(Change(action, incident_id, tuple(files), label))

    # ------------------------------------------------------------------ paths and ids

    def path_for(self, incident_id: str) -> Path:
        """The file of an incident. Refuses anything that is not a valid id."""
        if not is_valid_id(incident_id):
            raise BadInputError(
                _("{id} is not a valid incident id (letters a-z, digits and '-')").format(id=repr(incident_id))
            )
        return self.incidents_dir / f"{incident_id}.toml"

    def ids(self) -> list[str]:
        """Ids of all incident files (valid names only), sorted."""
        if not self.incidents_dir.is_dir():
            return []
        found = []
        for entry in os.scandir(self.incidents_dir):
            stem = entry.name[:-5]
            if entry.name.endswith(".toml") and is_valid_id(stem):
                found.append(stem)
        return sorted(found)

    def new_id(self, opened_at: datetime, kind: str, title: str) -> str:
        """A fresh id for an incident, not used by any file here (or in the trash)."""
        taken = set(self.ids())
        if self.trash_dir.is_dir():
            taken.update(name.split(".", 1)[0] for name in os.listdir(self.trash_dir))
        return make_id(opened_at.date(), kind, title, taken)

    # ------------------------------------------------------------------ reading

    def read_bytes(self, path: Path, what: str = N_("the file")) -> bytes:
        """The bytes of an incident file (or of another file of the journal: `what` names it in
        errors, in English marked with `N_`), refusing links, FIFOs, devices and oversize files
        unread (see journal.safe_read). Raises NotFoundError, codec.FormatError or StoreError."""
        try:
            return safe_read.read_file(path, codec.MAX_FILE_BYTES, what)
        except FileNotFoundError:
            raise NotFoundError(f"{path}: " + _("no such incident")) from None
        except (safe_read.NotRegularFile, safe_read.TooBig) as error:
            raise codec.FormatError(str(path), error.reason) from None

    def load_path(self, path: Path) -> Incident:
        """Load one incident file. Raises codec.FormatError (exit 2) or NotFoundError."""
        data = self.read_bytes(path)
        try:
            incident = safe_read.guarded(lambda: codec.load_bytes(data, str(path)), str(path), N_("the file"))
        except safe_read.Unparsable as error:
            raise codec.FormatError(str(path), error.reason) from None
        incident.id = path.stem
        incident.revision = sha256_hex(data)
        return incident

    def load(self, incident_id: str) -> Incident:
        """Load an incident by id."""
        path = self.path_for(incident_id)
        try:
            return self.load_path(path)
        except NotFoundError:
            raise NotFoundError(
                _("no incident {id} in {folder}").format(id=repr(incident_id), folder=self.incidents_dir)
            ) from None

    # ------------------------------------------------------------------ writing

    def encode(self, incident: Incident, path: Path | None = None) -> bytes:
        """The bytes of an incident's file, checked to read back as the same incident."""
        where = str(path or self.path_for(incident.id))
        try:
            text = codec.dumps(incident)
            data = text.encode("utf-8")
        except (ValueError, TypeError) as error:
            raise BadInputError(
                f"{where}: " + _("cannot be stored: {error}; nothing was written").format(error=error)
            ) from None
        use = limits.usage(text, data)
        if use.share > 1:
            raise BadInputError(f"{where}: {limits.refusal(incident, use)}")
        if (said := limits.warning(incident, use)) is not None and said not in self.warnings:
            self.warnings.append(said)
        if codec.loads(text, where) != incident:
            raise StoreError(where, _("would not read back exactly as entered; nothing was written"))
        return data

    def _check_unchanged(self, path: Path, revision: str | None) -> None:
        exists = os.path.lexists(path)
        if revision is None:
            if exists:
                raise ConflictError(f"{path}: " + _("already exists; not overwritten"))
            return
        if not exists:
            raise ConflictError(f"{path}: " + _("was deleted since it was loaded; not recreated"))
        if sha256_hex(self.read_bytes(path)) != revision:
            raise ConflictError(
                f"{path}: " + _("changed on disk since it was loaded; not overwritten (reload it and try again)")
            )

    def is_current(self, incident: Incident) -> bool:
        """True while the incident's file is still the one that was loaded (False once it
        changed or was deleted); the check the next `save` makes, without saving."""
        try:
            self._check_unchanged(self.path_for(incident.id), incident.revision)
        except ConflictError:
            return False
        except (JournalError, codec.FormatError, OSError):
            return True  # unreadable now: the next save will say why
        return True

    def save(self, incident: Incident, label: str = "", after_write: Callable[[str], object] | None = None) -> Incident:
        """Write an incident, refusing to overwrite a file that changed since it was loaded
        (or to create one that exists). Sets `incident.revision` on success. `label` says
        what the change was, for history (default: described from the file). `after_write`,
        if given, is called with the new revision (sha256 hex) while the lock is still held,
        only when the file was written: what it records belongs to this very write, and a
        busy journal can no longer refuse it after the incident is saved."""
        self.ensure()
        path = self.path_for(incident.id)
        data = self.encode(incident, path)
        revision = sha256_hex(data)
        with self.lock():
            self._check_unchanged(path, incident.revision)
            written = revision != incident.revision
            if written:
                atomic_write(path, data)
                if after_write is not None:
                    after_write(revision)
        incident.revision = revision
        if written:
            self.notify_change("save", incident.id, path, label=label)
        return incident

    def create(self, incident: Incident) -> Incident:
        """Save a new incident under a fresh id made from its date, kind and title."""
        self.ensure()
        with self.lock():
            incident.id = self.new_id(incident.opened_at, incident.kind, incident.title)
            incident.revision = None
            path = self.path_for(incident.id)
            data = self.encode(incident, path)
            self._check_unchanged(path, None)
            atomic_write(path, data)
        incident.revision = sha256_hex(data)
        self.notify_change("create", incident.id, path)
        return incident

    def update(
        self,
        incident_id: str,
        change: Callable[[Incident], object],
        after_write: Callable[[str], object] | None = None,
    ) -> Incident:
        """Load, change and save an incident while holding the lock, so that two writers
        never lose each other's work. `after_write` as in `save`: called with the new
        revision under the same lock, only when the file changed."""
        self.ensure()
        path = self.path_for(incident_id)
        with self.lock():
            incident = self.load(incident_id)
            before = incident.revision
            change(incident)
            data = self.encode(incident, path)
            revision = sha256_hex(data)
            if revision != before:
                atomic_write(path, data)
                if after_write is not None:
                    after_write(revision)
        incident.revision = revision
        if revision != before:
            self.notify_change("save", incident_id, path)
        return incident

    def save_conflict_copy(self, incident: Incident) -> Path:
        """Write `incident` beside its file as `<id>.conflict-<YYYYmmddTHHMMSS>.toml` (atomic,
        0600), never overwriting a file, and return where it went. For the version a user
        keeps when the incident's file changed (or was deleted) since it was loaded; the
        name never ends in a bare `<id>.toml`, so it is never read as an incident."""
        self.ensure()
        self.path_for(incident.id)  # refuses anything that is not a valid id
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        with self.lock():
            target = self.incidents_dir / f"{incident.id}.conflict-{stamp}.toml"
            number = 2
            while os.path.lexists(target):
                target = self.incidents_dir / f"{incident.id}.conflict-{stamp}-{number}.toml"
                number += 1
            atomic_write(target, self.encode(incident, target))
        self.notify_change("conflict-copy", incident.id, target)
        return target

    def conflict_copies(self) -> list[Path]:
        """The versions kept beside incidents after a conflict (see `save_conflict_copy`)."""
        if not self.incidents_dir.is_dir():
            return []
        return sorted(Path(e.path) for e in os.scandir(self.incidents_dir) if conflict_copy_of(e.name))

    def delete(self, incident_id: str) -> Path:
        """Move an incident's file to `<data folder>/trash/`. Returns where it went."""
        self.ensure()
        path = self.path_for(incident_id)
        with self.lock():
            if not path.exists():
                raise NotFoundError(
                    _("no incident {id} in {folder}").format(id=repr(incident_id), folder=self.incidents_dir)
                )
            try:
                paths.ensure_private_dir(self.trash_dir)
                target = self.trash_dir / path.name
                if target.exists():
                    stamp = time.strftime("%Y%m%dT%H%M%S")
                    target = self.trash_dir / f"{incident_id}.{stamp}-{secrets.token_hex(2)}.toml"
                os.replace(path, target)
                fsync_dir(self.incidents_dir)
                fsync_dir(self.trash_dir)
            except OSError as error:
                raise StoreError.from_os_error(path, error, N_("move the file to the trash")) from None
        self.notify_change("delete", incident_id, path)
        return target

    # ------------------------------------------------------------------ everything

    def scan(
        self, search: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Summary], list[Problem]]:
        """Summaries of every incident, and the files that could not be read, using the
        index in the cache folder for files that did not change. With `search`, each
        summary carries the text a filter looks in; `progress` hears how a long first
        build goes (see Index.scan)."""
        return self.index.scan(search=search, progress=progress)

    @property
    def index(self) -> Index:
        """The derived index of this store's incidents (journal.index_db), opened on first use."""
        if self._index is None:
            from journal.index_db import Index

            self._index = Index(self)
        return self._index

    def refresh(self, progress: Callable[[int, int], None] | None = None) -> Refreshed:
        """Check the folder against the index and re-read the files that changed (see
        Index.refresh): the ids that changed and every file that cannot be read."""
        return self.index.refresh(progress)
