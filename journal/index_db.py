"""The index of a journal's incidents as a SQLite database in the cache folder (see
journal.index for what it holds and promises).

Why one module of about 530 lines: it is one class over one schema, and the refresh that writes
the rows and the queries that read them (count, page, position, the urgency order) change together
whenever a column does; opening a cache database safely is `journal.sqlite_cache`.

    incidents(rowid, name, size, mtime_ns, ino, ctime_ns, id, error, active, follow_up,
              opened, closed, warnings, summary)     one row per incident file (or unreadable file)
    search(rowid, text)                      the case-folded search text (journal.index.search_text)
    search_fts                               FTS5, tokenizer trigram, over search.text
    search_grams                             FTS5, contentless, detail=none: each row's distinct
                                             characters and pairs of characters (see grams)

`follow_up`, `opened` and `closed` are exact microseconds since 1970-01-01 UTC; `summary` is the JSON of
`Summary.to_json()`. The urgency order of journal.index.urgency_key is computed by SQL from
`active`, `follow_up`, `opened` and the moment given (overdue rows first), so the first screen
reads `ORDER BY urgency LIMIT n` and never the whole table.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from journal import codec, paths, sqlite_cache
from journal.errors import JournalError
from journal.i18n import _
from journal.ids import conflict_copy_of, is_valid_id
from journal.index import PROGRESS_EVERY, Problem, Summary
from journal.model import Incident

SCHEMA_VERSION = 8
"""`PRAGMA user_version` of the index database; any other value means rebuild."""
APPLICATION_ID = 0x494A4E4C
"""`PRAGMA application_id` ("IJNL"): a database without it is another program's."""
TRIGRAM = 3
"""The trigram tokenizer finds words of at least this many characters; shorter words (one
or two characters: `桜`, `返金`, common in Japanese) are looked up in search_grams, and only
without FTS5 with a substring test over the search table."""
COMMIT_EVERY = 200
"""Files re-read between two commits of a long check (other processes' writes wait no longer)."""

URGENCY = """
    CASE WHEN active AND follow_up IS NOT NULL AND follow_up <= :now THEN 0 WHEN active THEN 1 ELSE 2 END,
    CASE WHEN active AND follow_up IS NOT NULL AND follow_up <= :now THEN follow_up ELSE -opened END,
    id
"""
"""journal.index.urgency_key in SQL (`:now` in microseconds since the epoch, see micros)."""
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY_MICROS = 86_400_000_000


def micros(moment: datetime) -> int:
    """Exact microseconds from 1970-01-01 UTC to an aware `moment` (no float rounding)."""
    return (moment - EPOCH) // timedelta(microseconds=1)


def has_trigram(conn: sqlite3.Connection) -> bool:
    """True when this SQLite has FTS5 with the trigram tokenizer (3.34 and later, when built
    with FTS5)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.probe_trigram USING fts5(x, tokenize='trigram')")
        conn.execute("DROP TABLE temp.probe_trigram")
    except sqlite3.Error:
        return False
    return True


def grams(text: str) -> str:
    """The distinct characters and pairs of adjacent characters of `text` (none with white
    space: a filter's words never hold any), each written as the hex of its UTF-8 bytes and
    joined with spaces, sorted: what search_grams indexes for a row, so that a word of one or
    two characters is one term of that index (`"e6a19c"` for `桜`). UTF-8 is prefix-free, so a
    pair's hex never equals a single character's. Lone surrogates are kept (surrogatepass)."""
    found: set[str] = set()
    for word in text.split():
        found.update(word)
        found.update(word[n : n + 2] for n in range(len(word) - 1))
    return " ".join(sorted(gram_term(g) for g in found))


def gram_term(word: str) -> str:
    """The term of search_grams for a word of one or two characters (see grams)."""
    return word.encode("utf-8", "surrogatepass").hex()


def _create(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE incidents(
            rowid INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ino INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
            id TEXT, error TEXT,
            active INTEGER NOT NULL DEFAULT 0, follow_up INTEGER, opened INTEGER NOT NULL DEFAULT 0, closed INTEGER,
            warnings INTEGER NOT NULL DEFAULT 0,
            summary TEXT)"""
    )
    # covers the urgency order: sorting reads this small index, never the summaries
    conn.execute("CREATE INDEX incidents_urgency ON incidents(active, follow_up, opened, id) WHERE error IS NULL")
    conn.execute("CREATE TABLE search(rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)")
    if has_trigram(conn):
        conn.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search', content_rowid='rowid', tokenize='trigram')"
        )
        conn.execute(
            "CREATE TRIGGER search_ai AFTER INSERT ON search BEGIN "
            "INSERT INTO search_fts(rowid, text) VALUES (new.rowid, new.text); END"
        )
        conn.execute(
            "CREATE TRIGGER search_ad AFTER DELETE ON search BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END"
        )
        # words of one or two characters: one term each, only the rowids kept (detail=none)
        conn.execute("CREATE VIRTUAL TABLE search_grams USING fts5(grams, content='', detail=none, tokenize='ascii')")


class IncidentFolder(Protocol):
    """What the index needs of a store: where incidents and the cache live, and a reader.

    The store passes itself; the index never imports the store (the store owns the index).
    """

    incidents_dir: Path
    cache_dir: Path

    def load_path(self, path: Path) -> Incident:
        """The incident in `path`; raises codec.FormatError or JournalError."""
        ...


@dataclass
class Refreshed:
    """What a check of the folder against the index found."""

    changed: list[str]
    """Ids of incidents whose file was re-read, added or removed."""
    problems: list[Problem]
    """Every file that cannot be read, sorted by path (links, bad names, bad files)."""


def _file_key(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


class Index:
    """The summaries of one store's incidents, in `<cache>/index-v8-<folder hash>.sqlite3`.

    Each thread gets its own connection (the home screen reads while a worker checks the
    folder). Every method may raise nothing for a damaged cache: the database is rebuilt (or
    kept in memory when the cache folder cannot hold it).
    """

    _memory: dict[str, str] = {}
    """In-memory fallbacks by database path (one per folder and process)."""

    def __init__(self, store: IncidentFolder) -> None:
        self.store = store
        raw = str(store.incidents_dir.resolve()).encode("utf-8", "surrogateescape")
        digest = hashlib.sha256(raw).hexdigest()[:16]
        self.folder = raw.decode("utf-8", "backslashreplace")
        """The incidents folder as the database's meta table names it: bytes of a name that is
        not UTF-8 (read with surrogate escapes) are written `\\xNN`, as SQLite holds only text."""
        self.path = store.cache_dir / f"index-v{SCHEMA_VERSION}-{digest}.sqlite3"
        self._local = threading.local()
        self._lock = threading.Lock()
        self._fts: bool | None = None
        self._writes = 0
        """Commits made through this object (PRAGMA data_version counts only other connections')."""

    # ------------------------------------------------------------------ the database

    def _open(self) -> sqlite3.Connection:
        expected = {"folder": self.folder, "format": str(codec.FORMAT_VERSION)}
        memory = Index._memory.setdefault(str(self.path), sqlite_cache.memory_name())
        path: Path | None = self.path
        with contextlib.suppress(OSError):
            paths.ensure_private_dir(self.store.cache_dir)
        if not os.path.isdir(self.store.cache_dir):
            path = None
        conn, on_disk = sqlite_cache.open_database(path, APPLICATION_ID, SCHEMA_VERSION, expected, _create, memory)
        if on_disk:  # the JSON index and the databases of earlier versions are no longer read
            digest = self.path.stem.rsplit("-", 1)[-1]
            for old in (f"index-{digest}.json", f"search-{digest}.json"):
                with contextlib.suppress(OSError):
                    os.unlink(self.store.cache_dir / old)  # a link is removed, never followed
            for version in range(7, SCHEMA_VERSION):
                sqlite_cache.remove_database(self.store.cache_dir / f"index-v{version}-{digest}.sqlite3")
        self._local.keep = conn  # an in-memory database lives while a connection to it does
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened, checked or rebuilt on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._open()
        return conn

    def close(self) -> None:
        """Close this thread's connection (the next use opens it again)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def _retry(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        """`work(conn)`; on a damaged database (not a lock held by another process), the
        database is removed, opened afresh and `work` run once more."""
        try:
            return work(self.conn)
        except sqlite3.DatabaseError as error:
            if sqlite_cache.is_busy(error):
                raise
            self.close()
            sqlite_cache.remove_database(self.path)
            return work(self.conn)

    @property
    def fts(self) -> bool:
        """True when the search text has its trigram index."""
        if self._fts is None:
            found = self.conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'search_fts'").fetchone()
            self._fts = found is not None
        return self._fts

    # ------------------------------------------------------------------ the check

    def _listing(self) -> Iterator[os.DirEntry[str]]:
        """The folder's entries that may be incidents, one at a time (never all held)."""
        with os.scandir(self.store.incidents_dir) as entries:
            for e in entries:
                if e.name.endswith(".toml") and not e.name.startswith(".") and not conflict_copy_of(e.name):
                    yield e

    def refresh(self, progress: Callable[[int, int], None] | None = None) -> Refreshed:
        """Check the folder against the index (names, sizes, mtimes, inodes, ctimes) and
        re-read the files that changed; returns what changed and every unreadable file.
        `progress(done, total)` is called every PROGRESS_EVERY files that had to be read (a
        first build of a large journal takes seconds)."""
        if not self.store.incidents_dir.is_dir():
            with contextlib.suppress(sqlite3.Error):
                return self._retry(self._empty)  # type: ignore[no-any-return]
            return Refreshed([], [])
        return self._retry(lambda conn: self._refresh(conn, progress))  # type: ignore[no-any-return]

    def _empty(self, conn: sqlite3.Connection) -> Refreshed:
        """No incidents folder: every row goes, in one transaction (so that `ordered`, kept
        until this index writes, is read again), and each incident is named as changed."""
        with self._transaction(conn):
            rows = conn.execute("SELECT name, id FROM incidents").fetchall()
            conn.execute("DELETE FROM search")
            conn.execute("DELETE FROM incidents")
            if self.fts:
                conn.execute("INSERT INTO search_grams(search_grams) VALUES ('delete-all')")
        return Refreshed([str(incident_id or name[:-5]) for name, incident_id in rows], [])

    def _refresh(self, conn: sqlite3.Connection, progress: Callable[[int, int], None] | None) -> Refreshed:
        known = {
            row[0]: (tuple(row[1:5]), row[5], row[6])
            for row in conn.execute("SELECT name, size, mtime_ns, ino, ctime_ns, error, id FROM incidents")
        }
        problems: list[Problem] = []
        to_read: list[tuple[int, str, tuple[int, int, int, int]]] = []
        seen: set[str] = set()
        total = 0
        for position, entry in enumerate(self._listing()):
            total = position + 1
            path = entry.path
            if entry.is_symlink():
                problems.append(Problem(path, f"{path}: " + _("is a symbolic link; not read")))
                continue
            if not is_valid_id(entry.name[:-5]):
                problems.append(
                    Problem(path, f"{path}: " + _("the file name is not a valid incident id (a-z, 0-9, '-'); not read"))
                )
                continue
            try:
                key = _file_key(entry.stat(follow_symlinks=False))
            except OSError:
                continue  # removed while we listed
            seen.add(entry.name)
            record = known.get(entry.name)
            if record is not None and record[0] == key:
                if record[1] is not None:
                    problems.append(Problem(path, record[1]))
                continue
            to_read.append((position, path, key))
        gone = [name for name in known if name not in seen]
        changed = [str(known[name][2] or name[:-5]) for name in gone]
        if gone:
            with self._transaction(conn):
                for name in gone:
                    self._delete(conn, name)
        for start in range(0, len(to_read), COMMIT_EVERY):
            batch = []
            for n, (position, path, key) in enumerate(to_read[start : start + COMMIT_EVERY], start + 1):
                file_path = Path(path)
                batch.append((file_path, key, self._parse(file_path)))  # outside the write lock
                changed.append(file_path.stem)
                if progress is not None and n % PROGRESS_EVERY == 0:
                    progress(position + 1, total)
            with self._transaction(conn):
                for file_path, key, parsed in batch:
                    problem = self._write_row(conn, file_path, key, parsed)
                    if problem is not None:
                        problems.append(problem)
        problems.sort(key=lambda p: p.path)
        return Refreshed(changed, problems)

    @contextlib.contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        self._writes += 1

    def _delete(self, conn: sqlite3.Connection, name: str) -> None:
        row = conn.execute("SELECT rowid FROM incidents WHERE name = ?", (name,)).fetchone()
        if row is not None:
            if self.fts:  # a contentless table forgets a row given the terms it was given
                found = conn.execute("SELECT text FROM search WHERE rowid = ?", row).fetchone()
                if found is not None:
                    conn.execute(
                        "INSERT INTO search_grams(search_grams, rowid, grams) VALUES ('delete', ?, ?)",
                        (row[0], grams(found[0])),
                    )
            conn.execute("DELETE FROM search WHERE rowid = ?", row)
            conn.execute("DELETE FROM incidents WHERE rowid = ?", row)

    def _parse(self, path: Path) -> Summary | str:
        """The summary of one file, or the one-line reason it cannot be read."""
        try:
            return Summary.of(self.store.load_path(path))
        except (codec.FormatError, JournalError) as error:
            return str(error)

    def _write_row(
        self, conn: sqlite3.Connection, path: Path, key: tuple[int, int, int, int], parsed: Summary | str
    ) -> Problem | None:
        """Put one file's row (or its problem) in the index."""
        self._delete(conn, path.name)
        if isinstance(parsed, str):
            conn.execute(
                "INSERT INTO incidents(name, size, mtime_ns, ino, ctime_ns, error) VALUES (?, ?, ?, ?, ?, ?)",
                (path.name, *key, parsed),
            )
            return Problem(str(path), parsed)
        summary = parsed
        cursor = conn.execute(
            "INSERT INTO incidents(name, size, mtime_ns, ino, ctime_ns, id, active, follow_up, opened, closed,"
            " warnings, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path.name,
                *key,
                summary.id,
                int(summary.is_active),
                micros(summary.follow_up_at) if summary.follow_up_at is not None else None,
                micros(summary.opened_at),
                micros(summary.closed_at) if summary.closed_at is not None else None,
                summary.warnings,
                json.dumps(summary.to_json(), ensure_ascii=False),
            ),
        )
        conn.execute("INSERT INTO search(rowid, text) VALUES (?, ?)", (cursor.lastrowid, summary.search))
        if self.fts:
            conn.execute(
                "INSERT INTO search_grams(rowid, grams) VALUES (?, ?)", (cursor.lastrowid, grams(summary.search))
            )
        return None

    # ------------------------------------------------------------------ reading

    def _summary(self, conn: sqlite3.Connection, name: str, raw: str, text: str = "") -> Summary | None:
        """A row's summary; None (and the row marked stale, so the next check re-reads its
        file) when the stored JSON is not a summary of that file."""
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a summary")
            return Summary.from_json(data, name[:-5], text)
        except (TypeError, ValueError, KeyError):
            with contextlib.suppress(sqlite3.Error):
                conn.execute("UPDATE incidents SET size = -1 WHERE name = ?", (name,))
            return None

    def summaries(self, search: bool = False, active_only: bool = False) -> list[Summary]:
        """Every incident's summary as the index has it now (no check of the folder), by file
        name; with `search`, each with its search text; with `active_only`, only the
        incidents that go on."""

        def read(conn: sqlite3.Connection) -> list[Summary]:
            where = "i.error IS NULL" + (" AND i.active" if active_only else "")
            if search:
                rows = conn.execute(
                    f"SELECT i.name, i.summary, s.text FROM incidents i LEFT JOIN search s ON s.rowid = i.rowid"
                    f" WHERE {where} ORDER BY i.name"
                ).fetchall()
            else:
                rows = conn.execute(
                    f"SELECT i.name, i.summary, '' FROM incidents i WHERE {where} ORDER BY i.name"
                ).fetchall()
            found = [self._summary(conn, name, raw, text or "") for name, raw, text in rows]
            return [s for s in found if s is not None]

        return self._retry(read)  # type: ignore[no-any-return]

    def iter_summaries(self, active_only: bool = False) -> Iterator[Summary]:
        """Every incident's summary (only those that go on with `active_only`), one at a
        time, from this thread's connection: for going through a large journal without
        holding it all in memory."""
        where = "error IS NULL" + (" AND active" if active_only else "")
        cursor = self.conn.execute(f"SELECT name, summary FROM incidents WHERE {where} ORDER BY name")
        for name, raw in cursor:
            summary = self._summary(self.conn, name, raw)
            if summary is not None:
                yield summary

    def scan(
        self, search: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Summary], list[Problem]]:
        """Check the folder (see refresh), then every incident's summary and every unreadable
        file. With `search`, each summary also carries its search text."""
        refreshed = self.refresh(progress)
        summaries = self.summaries(search=search)
        if len(summaries) != self._retry(
            lambda conn: conn.execute("SELECT count(*) FROM incidents WHERE error IS NULL").fetchone()[0]
        ):
            refreshed = self.refresh(progress)  # a row was stale: its file is read again
            summaries = self.summaries(search=search)
        return summaries, refreshed.problems

    def _filter(self, words: list[str]) -> tuple[str, list[Any]]:
        """The SQL condition for rows whose search text holds every case-folded word: words
        of three characters or more are a trigram query, shorter ones a query of search_grams
        (both index lookups); without FTS5, a substring test over every row."""
        if not words:
            return "", []
        long = [w for w in words if len(w) >= TRIGRAM] if self.fts else []
        short = [w for w in words if len(w) < TRIGRAM] if self.fts else []
        scanned = [w for w in words if w not in long and w not in short]
        clauses, params = [], []
        if long:
            clauses.append("i.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)")
            params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long))
        if short:
            clauses.append("i.rowid IN (SELECT rowid FROM search_grams WHERE search_grams MATCH ?)")
            params.append(" AND ".join('"' + gram_term(w) + '"' for w in dict.fromkeys(short)))
        for word in scanned:
            clauses.append("i.rowid IN (SELECT rowid FROM search WHERE instr(text, ?) > 0)")
            params.append(word)
        return " AND " + " AND ".join(clauses), params

    def count(self, words: list[str] | None = None) -> int:
        """How many incidents the index holds (whose search text holds every case-folded
        word of `words`)."""
        where, params = self._filter(words or [])
        sql = f"SELECT count(*) FROM incidents i WHERE i.error IS NULL{where}"
        return int(self._retry(lambda conn: conn.execute(sql, params).fetchone()[0]))

    def page(self, now: datetime, offset: int, limit: int, words: list[str] | None = None) -> list[Summary]:
        """`limit` summaries from position `offset` in urgency order at `now` (journal.index.
        urgency_key), of the incidents whose search text holds every case-folded word."""
        where, params = self._filter(words or [])
        sql = (
            f"SELECT i.name, i.summary FROM incidents i WHERE i.error IS NULL{where}"
            f" ORDER BY {URGENCY} LIMIT :limit OFFSET :offset"
        )
        named = {f"w{n}": p for n, p in enumerate(params)}
        sql = _number(sql, len(params))
        values = {"now": micros(now), "limit": limit, "offset": offset, **named}

        def read(conn: sqlite3.Connection) -> list[Summary]:
            rows = conn.execute(sql, values).fetchall()
            found = [self._summary(conn, name, raw) for name, raw in rows]
            return [s for s in found if s is not None]

        return self._retry(read)  # type: ignore[no-any-return]

    def position(self, now: datetime, incident_id: str, words: list[str] | None = None) -> int | None:
        """Where `incident_id` stands in the order of `page` (None when it is not listed)."""
        where, params = self._filter(words or [])
        sql = _number(f"SELECT i.id FROM incidents i WHERE i.error IS NULL{where} ORDER BY {URGENCY}", len(params))
        values = {"now": micros(now), **{f"w{n}": p for n, p in enumerate(params)}}

        def find(conn: sqlite3.Connection) -> int | None:
            for n, (found,) in enumerate(conn.execute(sql, values)):
                if found == incident_id:
                    return n
            return None

        return self._retry(find)  # type: ignore[no-any-return]

    def json_lines(self, now: datetime, status: str | None = None) -> list[str]:
        """`list --json`'s items, most urgent first at `now`, each one line of JSON: the
        summary as stored (Summary.to_json) with `overdue` and `days_on_hold` (whole days from
        opened to closed or `now`) appended, exactly as json.JSONEncoder(ensure_ascii=False)
        writes `journal.cli.render.summary_json`. Only incidents with `status`, if given.
        The summaries are never decoded: 10,000 of them are written in milliseconds."""
        where = "error IS NULL" + (" AND json_extract(summary, '$.status') = :status" if status else "")
        sql = (
            "SELECT summary, active AND follow_up IS NOT NULL AND follow_up <= :now, opened, closed"
            f" FROM incidents WHERE {where} ORDER BY {URGENCY}"
        )
        now_us = micros(now)

        def read(conn: sqlite3.Connection) -> list[str]:
            lines = []
            for raw, overdue, opened, closed in conn.execute(sql, {"now": now_us, "status": status}):
                days = max(0, ((closed if closed is not None else now_us) - opened) // DAY_MICROS)
                flag = "true" if overdue else "false"
                lines.append(f'{raw[:-1]}, "overdue": {flag}, "days_on_hold": {days}}}')
            return lines

        return self._retry(read)  # type: ignore[no-any-return]

    def ordered(self, now: datetime) -> array[int]:
        """The rowids of every incident in urgency order at `now` (the home list's order).
        Kept until the index changes (any connection's commit) or `now` does."""
        conn = self.conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        key = (id(conn), version, micros(now), self._writes)
        cached: tuple[Any, array[int]] | None = getattr(self._local, "ordered", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        sql = f"SELECT rowid FROM incidents WHERE error IS NULL ORDER BY {URGENCY}"
        order = array("q", (r for (r,) in self._retry(lambda c: c.execute(sql, {"now": micros(now)}).fetchall())))
        self._local.ordered = (key, order)
        return order

    def matching(self, words: list[str]) -> set[int]:
        """The rowids of the incidents whose search text holds every case-folded word (rows
        of unreadable files have no search text, so are never among them)."""
        if not self.fts:
            where, params = self._filter(words)
            sql = f"SELECT i.rowid FROM incidents i WHERE i.error IS NULL{where}"
            return {r for (r,) in self._retry(lambda conn: conn.execute(sql, params).fetchall())}
        # the full-text tables alone: no join with the incidents table (the order does that)
        long = [w for w in words if len(w) >= TRIGRAM]
        short = list(dict.fromkeys(w for w in words if len(w) < TRIGRAM))
        queries = []
        if long:
            queries.append(("search_fts", " AND ".join('"' + w.replace('"', '""') + '"' for w in long)))
        if short:
            queries.append(("search_grams", " AND ".join('"' + gram_term(w) + '"' for w in short)))
        # INTERSECT: each index is read once (a MATCH per rowid of the other would be slow)
        sql = " INTERSECT ".join(f"SELECT rowid FROM {table} WHERE {table} MATCH ?" for table, _ in queries)
        params = [match for _, match in queries]
        return {r for (r,) in self._retry(lambda conn: conn.execute(sql, params).fetchall())}

    def word_count(self, word: str) -> int | None:
        """How many incidents' search text holds the case-folded `word` (no white space), by
        one count of a full-text index; None without FTS5 (counting would read every row)."""
        if not self.fts:
            return None
        if len(word) >= TRIGRAM:
            sql, match = "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", '"' + word.replace('"', '""') + '"'
        else:
            sql, match = "SELECT count(*) FROM search_grams WHERE search_grams MATCH ?", '"' + gram_term(word) + '"'
        return int(self._retry(lambda conn: conn.execute(sql, (match,)).fetchone()[0]))

    def holding(self, words: list[str], rowids: Sequence[int]) -> set[int]:
        """Those of `rowids` whose search text holds every case-folded word: a substring
        test of those rows only (for a word most incidents hold, testing the rows of the
        next screen is quicker than listing every row that holds it)."""
        wanted = list(rowids)
        if not wanted or not words:
            return set(wanted)
        marks = ",".join("?" * len(wanted))
        tests = " AND ".join("instr(text, ?) > 0" for _ in words)
        sql = f"SELECT rowid FROM search WHERE rowid IN ({marks}) AND {tests}"
        return {r for (r,) in self._retry(lambda conn: conn.execute(sql, [*wanted, *words]).fetchall())}

    def rows(self, rowids: Sequence[int]) -> list[Summary]:
        """The summaries of `rowids`, in that order (a row gone since is left out)."""
        wanted = list(rowids)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))

        def read(conn: sqlite3.Connection) -> list[Summary]:
            found = {
                rowid: self._summary(conn, name, raw)
                for rowid, name, raw in conn.execute(
                    f"SELECT rowid, name, summary FROM incidents WHERE rowid IN ({marks})", wanted
                )
            }
            return [s for s in (found.get(r) for r in wanted) if s is not None]

        return self._retry(read)  # type: ignore[no-any-return]

    def rowid_of(self, incident_id: str) -> int | None:
        """The row of an incident in the index (None when it has none)."""
        row = self._retry(
            lambda conn: conn.execute(
                "SELECT rowid FROM incidents WHERE id = ? AND error IS NULL", (incident_id,)
            ).fetchone()
        )
        return int(row[0]) if row is not None else None

    def any_warnings(self) -> bool:
        """True when some incident's messages talk of leaving the platform (journal.alerts)."""
        sql = "SELECT EXISTS(SELECT 1 FROM incidents WHERE error IS NULL AND warnings > 0)"
        return bool(self._retry(lambda conn: conn.execute(sql).fetchone()[0]))


def _number(sql: str, count: int) -> str:
    """`sql` with its `?` placeholders (the filter's) turned into `:w0`, `:w1`, ..."""
    for n in range(count):
        sql = sql.replace("?", f":w{n}", 1)
    return sql
