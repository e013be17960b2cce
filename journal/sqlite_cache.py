"""Opening a SQLite database kept in the cache folder, safely: a cache file may be a FIFO, a
folder, a link, a hard link to someone else's file, garbage, another program's database or a
newer version's. None of these is ever followed, read as ours or written through: such a file
is removed and the database created again, and when even that fails the cache lives in
memory for this process (slower starts, same results).

The checks are `lstat` before connecting (the database and its `-wal`/`-shm` files must be
absent or regular files with one link), an `O_NOFOLLOW | O_NONBLOCK` open and `fstat` of the
database, and, after connecting, the same inode at the path (nothing swapped in between).
Then the header: `PRAGMA application_id` and `PRAGMA user_version` must be ours (or zero on a
new, empty file, which is then set up with `create`), and `meta` must name the same
`expected` values. Any `sqlite3.DatabaseError` there (not a database, malformed) means the
file is rebuilt as well.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

BUSY_TIMEOUT = 5.0
"""Seconds a connection waits for another process's write (WAL readers never wait)."""

_memory_names = itertools.count()


class Foreign(Exception):
    """The file is not this program's database of this version and folder."""


def _remove(path: Path) -> bool:
    """Remove whatever is at `path` without following it; False when it cannot be removed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if stat.S_ISDIR(info.st_mode):
            os.rmdir(path)  # an empty folder only: a folder with things in it is left alone
        else:
            os.unlink(path)  # a link is removed, never what it points to
    except OSError:
        return False
    return True


def companions(path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it."""
    return [
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        path.with_name(path.name + "-journal"),
    ]


def remove_database(path: Path) -> bool:
    """Remove a cache database and its companions; False when one of them stays."""
    return all([_remove(p) for p in companions(path)])


def _is_plain_file(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_nlink == 1


def _check_files(path: Path) -> int:
    """Make sure every file at `path` and its companions is a regular file with one link,
    removing anything else; return the inode of the database file (created 0600 if absent).
    Raises OSError when a path cannot be made safe."""
    for p in companions(path):
        try:
            info = os.lstat(p)
        except FileNotFoundError:
            continue
        if not _is_plain_file(info) and not _remove(p):
            raise OSError(f"{p}: not a regular file and cannot be removed")
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    try:
        info = os.fstat(fd)
        if not _is_plain_file(info):
            raise OSError(f"{path}: not a regular file")
        return info.st_ino
    finally:
        os.close(fd)


def _connect_file(path: Path) -> sqlite3.Connection:
    inode = _check_files(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
    try:
        info = os.lstat(path)
        if not _is_plain_file(info) or info.st_ino != inode:
            raise OSError(f"{path}: replaced while it was opened")
    except BaseException:
        conn.close()
        raise
    return conn


def is_busy(error: BaseException) -> bool:
    """True for SQLite's "database is locked" (another process writes): not damage."""
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


def memory_name() -> str:
    """A URI for a database in memory shared by this process's connections (the fallback)."""
    return f"file:incident-journal-cache-{os.getpid()}-{next(_memory_names)}?mode=memory&cache=shared"


def connect_memory(name: str) -> sqlite3.Connection:
    """A connection to the shared in-memory database `name` (see memory_name)."""
    return sqlite3.connect(name, uri=True, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT)


def _prepare(
    conn: sqlite3.Connection,
    application_id: int,
    version: int,
    expected: dict[str, str],
    create: Callable[[sqlite3.Connection], None],
    wal: bool,
) -> None:
    if wal:
        with contextlib.suppress(sqlite3.OperationalError):  # a file system without shared memory
            conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id == application_id and user_version == version:
        _check_meta(conn, expected)
        return
    if app_id != 0 or user_version != 0:
        raise Foreign("another program's database, or another version")
    conn.execute("BEGIN IMMEDIATE")
    try:
        # another process may have set it up meanwhile
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            if conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]:
                raise Foreign("a database with tables but no version")
            create(conn)
            conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(expected.items()))
            conn.execute(f"PRAGMA application_id={int(application_id)}")
            conn.execute(f"PRAGMA user_version={int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    _check_meta(conn, expected)


def _check_meta(conn: sqlite3.Connection, expected: dict[str, str]) -> None:
    try:
        found = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError:
        raise Foreign("no meta table") from None
    if any(found.get(key) != value for key, value in expected.items()):
        raise Foreign("made for another folder or format")


def open_database(
    path: Path | None,
    application_id: int,
    version: int,
    expected: dict[str, str],
    create: Callable[[sqlite3.Connection], None],
    memory: str,
) -> tuple[sqlite3.Connection, bool]:
    """A connection to the cache database at `path`, set up by `create` when new, checked
    to be ours (module docstring). Returns `(connection, on_disk)`; `on_disk` is False when
    the file could not be used (or `path` is None) and the connection is to the shared
    in-memory database `memory`. Never raises for a bad cache file."""
    if path is not None:
        for _attempt in range(2):
            conn = None
            try:
                conn = _connect_file(path)
                _prepare(conn, application_id, version, expected, create, wal=True)
                return conn, True
            except (OSError, sqlite3.Error, Foreign) as error:
                if conn is not None:
                    conn.close()
                if is_busy(error) or not remove_database(path):
                    break  # another process holds it for long: this one works in memory
    conn = connect_memory(memory)
    _prepare(conn, application_id, version, expected, create, wal=False)
    return conn, False
