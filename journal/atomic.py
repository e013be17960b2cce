"""Atomic, durable writes: a temp file in the same folder, flush, fsync, rename, fsync the folder.

A crash at any instant leaves the old file or the new one, never a mix, and no temp file is
left behind on a failure. Every file the journal writes (incidents, roster, config, drafts,
exports, the cache index) goes through `atomic_write`.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from journal.errors import StoreError
from journal.i18n import _

TEMP_SUFFIX = ".tmp"


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename or creation inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` atomically (mode 0600). Raises StoreError; on any
    failure the previous file is unchanged and no temp file is left."""
    folder = path.parent
    if path.is_symlink():
        raise StoreError(path, _("is a symbolic link; Incident Journal does not write through links"))
    token = secrets.token_hex(6)
    temp = folder / f".{path.stem}.{token}{TEMP_SUFFIX}"
    backup = folder / f".{path.stem}.{token}.old{TEMP_SUFFIX}"
    step = "create a temp file"
    placed = False
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, 0o600)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            step = "write"
            handle.write(data)
            step = "flush"
            handle.flush()
            if durable:
                step = "fsync"
                os.fsync(handle.fileno())
        if durable and path.exists():
            step = "keep the previous version"
            os.link(path, backup, follow_symlinks=False)
        step = "replace the file"
        os.replace(temp, path)
        placed = True
        if durable:
            step = "fsync the folder"
            fsync_dir(folder)
    except OSError as error:
        if placed:
            with contextlib.suppress(OSError):
                if backup.exists():
                    os.replace(backup, path)
                else:
                    os.unlink(path)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise StoreError.from_os_error(path, error, step) from None
    with contextlib.suppress(OSError):
        os.unlink(backup)


def flock_within(fd: int, seconds: float, busy: Callable[[], Exception]) -> None:
    """Take an exclusive `flock` on the open file `fd`, retrying every 10 ms for up to
    `seconds`; raises `busy()` when another process still holds it then."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise busy() from None
            time.sleep(0.01)
