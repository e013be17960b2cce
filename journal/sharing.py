"""Sharing incidents: importing a file received from elsewhere, safely.

Everything is validated before anything is written: the file must be a regular file (not a
link), under the size cap, UTF-8, valid TOML and a valid incident of a format this version
reads. The id inside the file is never used as a path unless it is a valid id that is free.
"""

from __future__ import annotations

import os
import stat

from journal import codec
from journal.errors import BadInputError, StoreError
from journal.ids import is_valid_id
from journal.model import Incident
from journal.store import Store, atomic_write, sha256_hex

MAX_IMPORT_BYTES = 8 * 1024 * 1024
"""Files larger than this are refused unread."""


def read_import(path: str | os.PathLike[str]) -> Incident:
    """Read and fully validate a file to import. Raises BadInputError or codec.FormatError."""
    where = str(path)
    try:
        info = os.lstat(path)
    except OSError as error:
        raise StoreError.from_os_error(where, error, "read the file") from None
    if stat.S_ISLNK(info.st_mode):
        raise BadInputError(f"{where}: is a symbolic link; not imported")
    if not stat.S_ISREG(info.st_mode):
        raise BadInputError(f"{where}: not a regular file; not imported")
    if info.st_size > MAX_IMPORT_BYTES:
        raise BadInputError(f"{where}: the file is {info.st_size:,} bytes; the import limit is {MAX_IMPORT_BYTES:,}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with open(fd, "rb", closefd=True) as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise StoreError.from_os_error(where, error, "read the file") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise BadInputError(f"{where}: the file is over the import limit of {MAX_IMPORT_BYTES:,} bytes")
    return codec.load_bytes(data, where)


def import_file(store: Store, path: str | os.PathLike[str]) -> tuple[Incident, str | None]:
    """Add the incident in `path` to the store. Returns it and, when it had to get a new id,
    the id the file asked for. An existing incident is never overwritten."""
    incident = read_import(path)
    wanted = incident.id
    store.ensure()
    with store.lock():
        free = is_valid_id(wanted) and not os.path.lexists(store.path_for(wanted))
        incident.id = wanted if free else store.new_id(incident.opened_at, incident.kind, incident.title)
        incident.revision = None
        data = store.encode(incident)
        target = store.path_for(incident.id)
        atomic_write(target, data)
    incident.revision = sha256_hex(data)
    return incident, (None if free else wanted)
