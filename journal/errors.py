"""Errors the core raises, each with the exit code the command line gives it.

Exit codes: 1 the operation failed (unknown id, conflict, I/O), 2 bad usage or bad input.
Every message is one line and names the file it is about.
"""

from __future__ import annotations

import errno
import os


class JournalError(Exception):
    """An operation that could not be done. `str()` is one line for the user."""

    exit_code = 1


class NotFoundError(JournalError):
    """No incident with that id."""


class ConflictError(JournalError):
    """The file changed on disk (or was deleted, or already exists) since it was loaded."""


class BusyError(JournalError):
    """Another process holds the journal's lock for too long."""


class StoreError(JournalError):
    """Reading or writing a file failed (disk full, permissions, ...)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    @classmethod
    def from_os_error(cls, path: str | os.PathLike[str], error: OSError, doing: str) -> StoreError:
        """A one-line reason for an OSError, in plain words."""
        plain = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is used up",
            errno.EACCES: "permission denied",
            errno.EPERM: "operation not permitted",
            errno.EROFS: "the file system is read-only",
            errno.EIO: "input/output error",
            errno.ENOENT: "no such file or folder",
            errno.ELOOP: "is a symbolic link",
        }.get(error.errno or 0, error.strerror or str(error))
        return cls(path, f"could not {doing}: {plain}; nothing was changed")


class BadInputError(JournalError):
    """Input that cannot be used (a bad file, a bad value). Exit code 2."""

    exit_code = 2
