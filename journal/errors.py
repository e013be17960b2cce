"""Errors the core raises, each with the exit code the command line gives it.

Exit codes: 1 the operation failed (unknown id, conflict, I/O), 2 bad usage or bad input.
Every message is one line and names the file it is about.
"""

from __future__ import annotations

import errno
import os

from journal import i18n
from journal.i18n import N_, _


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
    def from_os_error(
        cls, path: str | os.PathLike[str], error: OSError, doing: str, nothing_changed: bool = True, **fill: str
    ) -> StoreError:
        """A one-line reason for an OSError, in plain words and the app's language: `could
        not {doing}: the disk is full; nothing was changed` (`doing` in English, marked with
        `N_` where it is written so it is translated here; `nothing_changed=False` leaves the
        last part out; `fill` fills `{placeholders}` of `doing` after it is translated)."""
        plain = _PLAIN.get(error.errno or 0)
        said = _(plain) if plain else error.strerror or str(error)
        translated = _(doing)
        step = translated.format(**fill) if fill else translated
        if translated == doing and i18n.language() != "en":  # a step the catalog lacks: name it as written
            form = (
                N_("“{doing}” failed: {reason}; nothing was changed")
                if nothing_changed
                else N_("“{doing}” failed: {reason}")
            )
        elif nothing_changed:
            form = N_("could not {doing}: {reason}; nothing was changed")
        else:
            form = N_("could not {doing}: {reason}")
        return cls(path, _(form).format(doing=step, reason=said))


_PLAIN = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EIO: N_("input/output error"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ELOOP: N_("is a symbolic link"),
}
"""What an OSError's errno means, in plain words (translated where shown)."""


class BadInputError(JournalError):
    """Input that cannot be used (a bad file, a bad value). Exit code 2."""

    exit_code = 2
