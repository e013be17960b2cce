"""The one way Incident Journal reads a file: incidents, the roster, drafts, the config,
templates, the undo log, keep-lists, the cache index, `.eml` files, attachments and stdin.

Every file the app opens may be a FIFO, a device, a link or huge. `read_file` opens it with
`O_NONBLOCK` (a FIFO never blocks the open) and `O_NOFOLLOW` (unless the caller asks to follow
a link the user named), checks with `fstat` that it is a regular file, and reads at most
`cap + 1` bytes, so a file that grows while it is read is still refused. `guarded` runs a
parser on what was read and turns RecursionError and MemoryError into one line naming the
file. Errors: `FileNotFoundError` as is (each caller knows what a missing file means),
`NotRegularFile`, `TooBig` and `Unparsable` (BadInputError, exit 2), `StoreError` (exit 1)
for any other I/O failure.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO, TypeVar

from journal.errors import BadInputError, StoreError
from journal.i18n import N_, _

T = TypeVar("T")

_CHUNK = 1 << 16


class Refused(BadInputError):
    """A file read refused: `path` and `reason` apart, `str()` is `path: reason`."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotRegularFile(Refused):
    """The path is a FIFO, a device, a socket or a folder (or a link, when not followed)."""


class TooBig(Refused):
    """The file (or stream) is over its cap."""


class Unparsable(Refused):
    """A parser gave up on the file (too deep for its recursion, or out of memory)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    return _("not a regular file")


@contextmanager
def open_regular(
    path: str | os.PathLike[str], what: str = N_("the file"), follow_links: bool = False
) -> Iterator[BinaryIO]:
    """A binary handle on `path`, known to be a regular file, for streaming (hashing an
    attachment). Raises FileNotFoundError, NotRegularFile or StoreError (see module)."""
    where = os.fspath(path)
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:  # a link not followed is ELOOP: "is a symbolic link"
        raise StoreError.from_os_error(where, error, N_("read {what}"), what=_(what)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(
                where, _("{what} is {kind}, not a regular file; not read").format(what=_(what), kind=_kind(mode))
            )
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    with open(fd, "rb", closefd=True) as handle:
        yield handle


def read_file(path: str | os.PathLike[str], cap: int, what: str = N_("the file"), follow_links: bool = False) -> bytes:
    """At most `cap` bytes of the regular file at `path`. Raises FileNotFoundError,
    NotRegularFile, TooBig (the file has more than `cap` bytes) or StoreError."""
    where = os.fspath(path)
    with open_regular(path, what, follow_links) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > cap:
            raise TooBig(
                where, _("{what} is {size:,} bytes; the limit is {cap:,}").format(what=_(what), size=size, cap=cap)
            )
        try:
            data = handle.read(cap + 1)
        except OSError as error:
            raise StoreError.from_os_error(where, error, N_("read {what}"), what=_(what)) from None
    if len(data) > cap:
        raise TooBig(where, _("{what} is over the limit of {cap:,} bytes").format(what=_(what), cap=cap))
    return data


def read_stream(stream: BinaryIO, cap: int, where: str = "<stdin>", what: str = N_("the input")) -> bytes:
    """At most `cap` bytes of a stream (stdin), read in chunks, so an endless one
    (`< /dev/zero`) is refused without filling memory. Raises TooBig or StoreError."""
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= cap:
            chunk = stream.read(min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise StoreError.from_os_error(where, error, N_("read {what}"), what=_(what)) from None
    if total > cap:
        raise TooBig(
            where, _("{what} is over the limit of {cap:,} bytes; nothing was read").format(what=_(what), cap=cap)
        )
    return b"".join(chunks)


def guarded(parse: Callable[[], T], where: str, what: str = N_("the file")) -> T:
    """`parse()`, with RecursionError and MemoryError turned into Unparsable naming `where`."""
    try:
        return parse()
    except RecursionError:
        raise Unparsable(where, _("{what} is nested too deeply to read; not read").format(what=_(what))) from None
    except MemoryError:
        raise Unparsable(where, _("{what} needs too much memory to read; not read").format(what=_(what))) from None
