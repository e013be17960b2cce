"""Importing an incident from a received file safely.

Everything is validated before anything is written: the file must be a regular file
(not a link), under the size cap, UTF-8, valid TOML of bounded complexity and a valid
incident of a format this version reads. The id inside the file is never used as a path
unless it is a valid id, and an existing incident is only replaced when asked, its old file
kept in the trash. Exporting is `journal.sharing`.
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from journal import codec, paths, safe_read
from journal.atomic import atomic_write, fsync_dir, sha256_hex
from journal.errors import BadInputError, ConflictError, StoreError
from journal.evidence import attachments
from journal.i18n import N_, _
from journal.ids import is_valid_id
from journal.model import Incident
from journal.store import Store

MAX_IMPORT_BYTES = 2 * codec.MAX_FILE_BYTES
"""Files larger than this are refused unread: twice what the store keeps in one incident
file, room for the export's header and for redaction labels longer than what they mask, so
an export of every incident the store accepts imports again."""
MAX_IMPORT_ESCAPES = MAX_IMPORT_BYTES // 2
"""Backslash escapes a file may have: as many as its bytes allow (each escape is at least two
bytes), since a stored body of 1 MiB of `"` is a million escapes; the time to read them is
bounded by the byte cap and by codec.MAX_VALUES, the same as for the store's own files."""


def import_caps() -> tuple[int, int]:
    """(bytes, backslash escapes) an imported file may have, derived from the store's cap
    `codec.MAX_FILE_BYTES` when called (see MAX_IMPORT_BYTES and MAX_IMPORT_ESCAPES)."""
    most = 2 * codec.MAX_FILE_BYTES
    return most, most // 2


def _check_complexity(text: str, where: str) -> None:
    """Refuse, before parsing, a file with more escapes (or, through the codec's own check,
    more values) than any real incident has."""
    escapes = text.count("\\")
    most = import_caps()[1]
    if escapes > most:
        raise BadInputError(
            f"{where}: "
            + _("has {escapes:,} backslash escapes; the import limit is {most:,}; not imported").format(
                escapes=escapes, most=most
            )
        )
    codec.check_complexity(text, where)


def read_import(path: str | os.PathLike[str]) -> Incident:
    """Read and fully validate a file to import. Raises BadInputError or codec.FormatError
    (both exit 2), with one line naming the file (and the line, where one applies)."""
    where = str(path)
    try:
        data = safe_read.read_file(path, import_caps()[0], N_("the file to import"))
    except safe_read.TooBig:
        raise BadInputError(
            f"{where}: "
            + _("the file is over the import limit of {cap:,} bytes; not imported").format(cap=import_caps()[0])
        ) from None
    except safe_read.Refused as error:  # "... not a regular file; not read": nothing more to add
        raise BadInputError(str(error)) from None
    except StoreError as error:
        # "could not read ...: reason; nothing was changed" without its last part, in any language
        unchanged = _("could not {doing}: {reason}; nothing was changed").removeprefix(_("could not {doing}: {reason}"))
        reason = error.reason.removesuffix(unchanged).removesuffix("; nothing was changed")
        raise BadInputError(f"{error.path}: " + _("{reason}; not imported").format(reason=reason)) from None
    except OSError as error:
        raise BadInputError(str(StoreError.from_os_error(where, error, N_("read the file")))) from None
    text = codec.decode(data, where, import_caps()[0])
    _check_complexity(text, where)
    return safe_read.guarded(lambda: codec.loads(text, where), where, N_("the file to import"))


@dataclass
class Imported:
    """The result of an import."""

    incident: Incident
    wanted_id: str
    """The id the file asked for."""
    renamed: bool = False
    """True when the incident got a new id (the asked one was taken or not valid)."""
    replaced_to: Path | None = None
    """Where the replaced incident's old file went (with `replace`)."""


def _keep_in_trash(store: Store, path: Path, incident_id: str) -> Path:
    paths.ensure_private_dir(store.trash_dir)
    target = store.trash_dir / path.name
    if os.path.lexists(target):
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = store.trash_dir / f"{incident_id}.{stamp}-{secrets.token_hex(2)}.toml"
    os.link(path, target, follow_symlinks=False)
    fsync_dir(store.trash_dir)
    return target


def mark_attachments_imported(incident: Incident) -> int:
    """Mark every attachment of an incident read from someone else's file as imported: its
    path names the sender's file, which is never looked up on this machine. Returns how
    many there are."""
    found = attachments(incident)
    for _owner, item in found:
        item.imported = True
    return len(found)


def import_incident(store: Store, path: str | os.PathLike[str], replace: bool = False) -> Imported:
    """Add the incident in `path` to the store, after validating all of it.

    An existing incident is never overwritten unless `replace`: then the old file is kept
    in `<data folder>/trash/` before the new one takes its place. An id that is not valid
    is never used; the incident gets a new one.
    """
    incident = read_import(path)
    mark_attachments_imported(incident)
    wanted = incident.id
    store.ensure()
    replaced_to = None
    with store.lock():
        valid = is_valid_id(wanted)
        exists = valid and os.path.lexists(store.path_for(wanted))
        if valid and (not exists or replace):
            incident.id = wanted
        else:
            incident.id = store.new_id(incident.opened_at, incident.kind, incident.title)
        incident.revision = None
        target = store.path_for(incident.id)
        data = store.encode(incident, target)
        if exists and replace:
            if os.path.islink(target) or not os.path.isfile(target):
                raise ConflictError(f"{target}: " + _("not a regular file; not replaced"))
            try:
                replaced_to = _keep_in_trash(store, target, incident.id)
            except OSError as error:
                raise StoreError.from_os_error(target, error, N_("keep the old file in the trash")) from None
        atomic_write(target, data)
    incident.revision = sha256_hex(data)
    store.notify_change("save" if replaced_to else "create", incident.id, target)
    return Imported(incident, wanted, renamed=incident.id != wanted, replaced_to=replaced_to)


def import_file(store: Store, path: str | os.PathLike[str]) -> tuple[Incident, str | None]:
    """Add the incident in `path` to the store, never overwriting one. Returns it and, when
    it had to get a new id, the id the file asked for."""
    done = import_incident(store, path)
    return done.incident, (done.wanted_id if done.renamed else None)
