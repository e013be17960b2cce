"""Attachments kept in the journal: a file is copied into the data folder, content-addressed
by SHA-256, so moving or deleting the original breaks nothing.

Layout: `<data folder>/attachments/<first 2 hex>/<sha256>/<original name>` (files 0600,
folders 0700). The same bytes attached twice are stored once (the first name is kept). The
copy is hashed while it is written, in chunks, from a file opened with O_NOFOLLOW and
fstat-checked to be regular (a FIFO, a device or a link is refused, never read); it lands
under its final name only after an fsync, by a rename. The attachment keeps the original path
and the moment as provenance, and `verify` re-hashes the copy when it is read.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import threading
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from journal import clock, paths
from journal.atomic import TEMP_SUFFIX, fsync_dir
from journal.errors import BadInputError, JournalError, StoreError
from journal.evidence import EvidenceCheck, attachments, check_attachment, file_name
from journal.i18n import N_, _
from journal.model import Attachment, Incident, Message, SupportRequest
from journal.store import Store

FOLDER = "attachments"
CHUNK = 1024 * 1024
"""Bytes read and written at a time."""
MAX_ATTACHMENT_BYTES = 2 * 1024**3
"""A file larger than this (2 GiB) is refused: history keeps every attachment, and a journal
of evidence is screenshots, PDFs and emails, not videos of a whole day."""
MAX_NAME_BYTES = 200
"""A stored name is cut to this many UTF-8 bytes (the extension is kept)."""


class Cancelled(JournalError):
    """The user stopped a copy; nothing was stored."""


def safe_name(name: str) -> str:
    """A file name fit to store: no folders, no control characters, no leading dot, at most
    MAX_NAME_BYTES bytes in UTF-8, never empty (`file`)."""
    name = unicodedata.normalize("NFC", file_name(name))
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" and c not in "/\\")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 16:
        stem, ext = name, ""
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
        name = f"{stem}.{ext}" if ext else stem
    return name


def _open_regular(source: Path) -> tuple[int, os.stat_result]:
    """Open a file to attach: a regular file only, never through a link. Raises BadInputError."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise BadInputError(f"{source}: " + _("no such file to attach")) from None
    except OSError as error:
        if os.path.islink(source):
            raise BadInputError(f"{source}: " + _("is a symbolic link; attach the file it points to")) from None
        raise StoreError.from_os_error(source, error, N_("open the file to attach")) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise BadInputError(f"{source}: " + _("is not a regular file (a folder, FIFO or device); nothing attached"))
    if info.st_size > MAX_ATTACHMENT_BYTES:
        os.close(fd)
        raise BadInputError(
            f"{source}: "
            + _("is {st_size:,} bytes; the limit is {MAX_ATTACHMENT_BYTES:,}").format(
                st_size=info.st_size, MAX_ATTACHMENT_BYTES=MAX_ATTACHMENT_BYTES
            )
        )
    return fd, info


def relative_path(sha256: str, name: str) -> str:
    """Where a stored file is, relative to the data folder."""
    return f"{FOLDER}/{sha256[:2]}/{sha256}/{name}"


def existing_copy(store: Store, sha256: str) -> Path | None:
    """The stored file with these bytes, if one is there."""
    folder = store.data_dir / FOLDER / sha256[:2] / sha256
    if not folder.is_dir() or folder.is_symlink():
        return None
    names = sorted(
        e.name for e in os.scandir(folder) if e.is_file(follow_symlinks=False) and not e.name.startswith(".")
    )
    return folder / names[0] if names else None


def copy_in(
    store: Store,
    source: str | os.PathLike[str],
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
    now: datetime | None = None,
) -> Attachment:
    """Copy a file into the journal and return its attachment (path relative to the data
    folder, SHA-256, size, original path, moment). `progress(done, total)` hears bytes as
    they are copied; setting `cancel` stops the copy (Cancelled, nothing stored). Raises
    BadInputError for a file that is missing, not regular, a link or too large; StoreError
    when the journal cannot be written."""
    store.ensure()
    given = str(source)
    where = Path(given).expanduser()
    fd, info = _open_regular(where)
    root = paths.ensure_private_dir(store.data_dir / FOLDER)
    temp = root / f".incoming.{secrets.token_hex(6)}{TEMP_SUFFIX}"
    digest = hashlib.sha256()
    done = 0
    try:
        with (
            open(fd, "rb", closefd=True) as reader,
            open(
                os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600), "wb"
            ) as writer,
        ):
            while chunk := reader.read(CHUNK):
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"{where}: " + _("copy stopped; nothing attached"))
                digest.update(chunk)
                writer.write(chunk)
                done += len(chunk)
                if done > MAX_ATTACHMENT_BYTES:
                    raise BadInputError(
                        f"{where}: "
                        + _("grew past {MAX_ATTACHMENT_BYTES:,} bytes while it was read").format(
                            MAX_ATTACHMENT_BYTES=MAX_ATTACHMENT_BYTES
                        )
                    )
                if progress is not None:
                    progress(done, max(info.st_size, done))
            writer.flush()
            os.fsync(writer.fileno())
        sha = digest.hexdigest()
        found = existing_copy(store, sha)
        if found is None:
            paths.ensure_private_dir(root / sha[:2])  # one at a time: each made 0700
            folder = paths.ensure_private_dir(root / sha[:2] / sha)
            found = folder / safe_name(given)
            os.replace(temp, found)
            fsync_dir(folder)
    except OSError as error:
        raise StoreError.from_os_error(where, error, N_("copy the file into the journal")) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    original = str(where.resolve(strict=False)) if not where.is_absolute() else str(where)
    return Attachment(
        path=relative_path(sha, found.name),
        sha256=sha,
        size=done,
        original=original,
        attached_at=now or clock.now(),
    )


def is_stored(item: Attachment) -> bool:
    """True when the attachment's file is a copy inside the journal (never for one that
    came with an imported incident: that is the sender's file)."""
    return item.path.startswith(f"{FOLDER}/") and not item.imported


def verify(store: Store, item: Attachment, used_in: str = "") -> EvidenceCheck:
    """Re-hash an attachment's file (the copy in the journal, or the path of an old one)
    and compare with what was recorded: status ok, changed, missing, unreadable."""
    from journal.sharing import evidence_dirs_for

    return check_attachment(item, used_in, evidence_dirs_for(store))


def target(incident: Incident, section: str, index: int) -> tuple[Message | SupportRequest, str]:
    """The message or support request number `index` (from 0) of `section` (`message` or
    `request`, singular or plural) and its label (`message 2`). Raises BadInputError for
    another section or a number out of range."""
    section = {"message": "messages", "request": "requests"}.get(section, section)
    lists: dict[str, list[Message] | list[SupportRequest]] = {
        "messages": incident.messages,
        "requests": incident.requests,
    }
    if section not in lists:
        raise BadInputError(_("files attach to messages or requests, not {section!r}").format(section=section))
    items = lists[section]
    if not 0 <= index < len(items):
        raise BadInputError(
            _("{id} has {count} {section}; there is no number {number}").format(
                id=incident.id, count=len(items), section=section, number=index + 1
            )
        )
    return items[index], f"{section[:-1]} {index + 1}"


def add_to(incident: Incident, section: str, index: int, item: Attachment) -> str:
    """Attach a stored file to a message or request (see `target`); returns its label.
    Raises BadInputError when the same file is already attached there."""
    holder, label = target(incident, section, index)
    if any(a.sha256 == item.sha256 for a in holder.attachments):
        raise BadInputError(
            _("{value} is already attached to {label}").format(value=file_name(item.original or item.path), label=label)
        )
    holder.attachments = [*holder.attachments, item]
    return label


def path_only(incident: Incident) -> list[tuple[str, Attachment]]:
    """Attachments of an older version that are only a path (not copied into the journal)."""
    return [(used_in, a) for used_in, a in attachments(incident) if not is_stored(a) and not a.imported]


def copy_in_path_only(store: Store, incident_id: str, now: datetime | None = None) -> tuple[int, list[str]]:
    """Copy every path-only attachment of an incident into the journal when its file is
    there and still has the recorded hash. Returns how many were copied, and one line for
    each that could not be (missing, changed, not a regular file)."""
    incident = store.load(incident_id)
    copies: dict[tuple[str, str], Attachment] = {}
    problems: list[str] = []
    for used_in, item in path_only(incident):
        try:
            stored = copy_in(store, item.path, now=now)
        except JournalError as error:
            problems.append(f"{incident_id}: {used_in}: {error}")
            continue
        if item.sha256 and stored.sha256 != item.sha256:
            problems.append(
                f"{incident_id}: "
                + _("{used_in}: {path} changed since it was attached; not copied").format(
                    used_in=used_in, path=item.path
                )
            )
            continue
        stored.original = item.path
        copies[(item.path, item.sha256)] = stored

    def change(fresh: Incident) -> None:
        holders: list[Message | SupportRequest] = [*fresh.messages, *fresh.requests]
        for holder in holders:
            holder.attachments = [copies.get((a.path, a.sha256), a) for a in holder.attachments]

    if copies:
        store.update(incident_id, change)
    return len(copies), problems
