"""A derived index of incident summaries, kept in the cache folder so `list` and the home
screen need not parse every file on every start.

The index is never the source of truth. Each entry is keyed by the file's name and its
(size, mtime_ns, inode, ctime_ns); every scan lists the folder, reuses entries whose key still
matches and re-parses only the files that changed. An index that is missing, corrupt, of
another version or of another data folder is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from journal import codec, paths, safe_read
from journal.alerts import incident_alerts
from journal.errors import JournalError
from journal.ids import conflict_copy_of, is_valid_id
from journal.model import Incident, follow_up_due, is_active_status

INDEX_VERSION = 6
PROGRESS_EVERY = 100
MAX_INDEX_BYTES = 256 * 1024 * 1024
"""A cache file larger than this is not read but rebuilt (it is about 1 KB per incident,
plus up to SEARCH_MESSAGE_CHARS of search text)."""
"""Files read between two progress reports of a scan."""
MAX_QUESTION_CHARS = 2_000
"""A request's question is kept in the index up to this length."""
SEARCH_MESSAGE_CHARS = 2_000
"""How much message text (subjects, senders, bodies) a summary keeps for filtering."""


@dataclass(frozen=True)
class Problem:
    """A file in the journal that could not be read."""

    path: str
    message: str
    """One line: `path:line:col: reason`."""


@dataclass
class Summary:
    """What lists need of an incident, without its messages' text."""

    id: str
    title: str
    platform: str
    kind: str
    status: str
    opened_at: datetime
    closed_at: datetime | None = None
    follow_up_at: datetime | None = None
    tags: list[str] = field(default_factory=list)
    clients: list[str] = field(default_factory=list)
    """Clients of the affected contracts, for filtering."""
    messages: int = 0
    events: int = 0
    checklist_done: int = 0
    checklist_total: int = 0
    contracts: int = 0
    open_requests: int = 0
    """Support requests not answered yet."""
    warnings: int = 0
    """Messages that talk of moving payment or work off the platform (see journal.alerts)."""
    deadlines: list[list[Any]] = field(default_factory=list)
    """`[index, client, deadline or None, roster id]` for each affected contract that has not
    ended and has a deadline (`YYYY-MM-DD` or ISO 8601 with offset) or a roster entry, so that
    "what needs me today" never has to open the incident files."""
    stops_work: bool | None = None
    """The incident's own `stops_work` flag (None: as its kind's template says)."""
    questions: list[list[Any]] = field(default_factory=list)
    """`[index, question, asked_at or None]` for each support request not answered yet."""
    search: str = field(default="", repr=False, compare=False)
    """Case-folded text to filter on: title, platform, kind, clients, tags and the first
    SEARCH_MESSAGE_CHARS characters of message text. Kept in the search index (read only when
    asked for), not in `--json`."""
    raw: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """The JSON this summary was read from, reused as is by `to_json` (never changed)."""

    @classmethod
    def of(cls, incident: Incident) -> Summary:
        """The summary of a loaded incident."""
        return cls(
            id=incident.id,
            title=incident.title,
            platform=incident.platform,
            kind=incident.kind,
            status=incident.status,
            opened_at=incident.opened_at,
            closed_at=incident.closed_at,
            follow_up_at=incident.follow_up_at,
            tags=list(incident.tags),
            clients=[c.client for c in incident.contracts],
            messages=len(incident.messages),
            events=len(incident.events),
            checklist_done=sum(1 for c in incident.checklist if c.done_at is not None),
            checklist_total=len(incident.checklist),
            contracts=len(incident.contracts),
            open_requests=sum(1 for r in incident.requests if r.answered_at is None and not r.answer),
            warnings=len(incident_alerts(incident)),
            deadlines=[
                [n, c.client, c.deadline.isoformat() if c.deadline is not None else None, c.roster_id]
                for n, c in enumerate(incident.contracts)
                if (c.deadline is not None or c.roster_id) and c.state != "ended"
            ],
            stops_work=incident.stops_work,
            questions=[
                [n, r.question[:MAX_QUESTION_CHARS], r.asked_at.isoformat() if r.asked_at else None]
                for n, r in enumerate(incident.requests)
                if r.answered_at is None and not r.answer
            ],
            search=search_text(incident),
        )

    @property
    def is_active(self) -> bool:
        """True while the incident goes on."""
        return is_active_status(self.status)

    def is_overdue(self, now: datetime) -> bool:
        """True when the follow-up moment has passed and the incident goes on."""
        return follow_up_due(self.status, self.follow_up_at, now)

    def days_on_hold(self, now: datetime) -> int:
        """Whole days from opened to closed (or now)."""
        end = self.closed_at or now
        return max(0, (end - self.opened_at).days)

    def matches(self, words: list[str]) -> bool:
        """True when every (case-folded) word occurs in the summary's search text."""
        haystack = self.search or search_text_of_summary(self)
        return all(word in haystack for word in words)

    def to_json(self, search: bool = False) -> dict[str, Any]:
        """Plain data with moments as ISO 8601 strings (the index's and `--json`'s shape);
        the search text only when `search` is true."""
        if self.raw is not None and not search:
            return dict(self.raw)
        data = dict(self.__dict__)  # flat fields: no deep copy (the two lists are copied)
        data["tags"] = list(self.tags)
        data["clients"] = list(self.clients)
        del data["raw"]
        if not search:
            del data["search"]
        for key in ("opened_at", "closed_at", "follow_up_at"):
            value = data[key]
            data[key] = value.isoformat() if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], expected_id: str | None = None, search: str = "") -> Summary:
        """Inverse of to_json; raises on any malformed value, or when the id is not
        `expected_id` (the file name it was cached for)."""
        if data.keys() != _JSON_KEYS:
            raise ValueError("malformed summary")
        # Built without __init__: this runs for every incident on every listing.
        summary = cls.__new__(cls)
        values = summary.__dict__
        values.update(data)
        for key in ("opened_at", "closed_at", "follow_up_at"):
            raw = values[key]
            values[key] = datetime.fromisoformat(raw) if raw is not None else None
        values["search"] = search
        values["raw"] = data
        if summary.opened_at.tzinfo is None or not isinstance(summary.title, str):
            raise ValueError("malformed summary")
        if summary.id != expected_id if expected_id is not None else not is_valid_id(summary.id):
            raise ValueError("summary of another file")
        return summary


_JSON_KEYS = frozenset(f.name for f in fields(Summary)) - {"search", "raw"}


def search_text(incident: Incident) -> str:
    """The case-folded text a filter looks in: the incident's own fields first, then message
    text up to SEARCH_MESSAGE_CHARS characters."""
    head = [incident.title, incident.platform, incident.kind, incident.status]
    head += [c.client for c in incident.contracts] + list(incident.tags)
    parts = ["\n".join(head)]
    budget = SEARCH_MESSAGE_CHARS
    for message in incident.messages:
        if budget <= 0:
            break
        chunk = "\n".join((message.sender, message.subject, message.body))[:budget]
        parts.append(chunk)
        budget -= len(chunk)
    return " ".join("\n".join(parts).casefold().split())


def search_text_of_summary(summary: Summary) -> str:
    """The search text of a summary built without one (title, platform, kind, clients, tags)."""
    head = [summary.title, summary.platform, summary.kind, summary.status, *summary.clients, *summary.tags]
    return " ".join("\n".join(head).casefold().split())


def urgency_key(summary: Summary, now: datetime) -> tuple[Any, ...]:
    """Most urgent first: overdue follow-ups (oldest first), then incidents that go on
    (newest first), then the rest (newest first)."""
    if summary.is_overdue(now):
        assert summary.follow_up_at is not None
        return (0, summary.follow_up_at.timestamp(), summary.id)
    rank = 1 if summary.is_active else 2
    return (rank, -summary.opened_at.timestamp(), summary.id)


def sort_urgent(summaries: list[Summary], now: datetime) -> list[Summary]:
    """The summaries, most urgent first."""
    return sorted(summaries, key=lambda s: urgency_key(s, now))


def _file_key(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]


class IncidentFolder(Protocol):
    """What the index needs of a store: where incidents and the cache live, and a reader.

    The store passes itself; the index never imports the store (the store owns the index).
    """

    incidents_dir: Path
    cache_dir: Path

    def load_path(self, path: Path) -> Incident:
        """The incident in `path`; raises codec.FormatError or JournalError."""
        ...


class Index:
    """The summaries of one store's incidents, cached in the cache folder.

    Two files: `index-<folder hash>.json` holds the summaries (read by every list), and
    `search-<folder hash>.json` the search texts (up to SEARCH_MESSAGE_CHARS of message text
    each, read only when a filter needs them), so that `list` never reads message text.
    """

    def __init__(self, store: IncidentFolder) -> None:
        self.store = store
        folder = str(store.incidents_dir.resolve())
        digest = hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.folder = folder
        self.path = store.cache_dir / f"index-{digest}.json"
        self.search_path = store.cache_dir / f"search-{digest}.json"

    def _read(self, path: Path) -> dict[str, Any]:
        """The files recorded in a cache file; {} (so it is rebuilt) when it is missing, not
        a regular file, over MAX_INDEX_BYTES, too deeply nested or not the index."""
        try:
            raw = safe_read.read_file(path, MAX_INDEX_BYTES, "the cache index")
            data = safe_read.guarded(lambda: json.loads(raw), str(path), "the cache index")
        except (OSError, ValueError, JournalError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("version") != INDEX_VERSION
            or data.get("format") != codec.FORMAT_VERSION
            or data.get("folder") != self.folder
            or not isinstance(data.get("files"), dict)
        ):
            return {}
        files: dict[str, Any] = data["files"]  # checked to be a table just above
        return files

    def _write(self, path: Path, files: dict[str, Any]) -> None:
        from journal.atomic import atomic_write

        payload = {"version": INDEX_VERSION, "format": codec.FORMAT_VERSION, "folder": self.folder, "files": files}
        with contextlib.suppress(OSError, JournalError):
            paths.ensure_private_dir(path.parent)
            atomic_write(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), durable=False)

    def scan(
        self, search: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> tuple[list[Summary], list[Problem]]:
        """Every incident's summary and every unreadable file, re-reading changed files
        only. With `search`, each summary also carries its search text. `progress(done,
        total)` is called every PROGRESS_EVERY files that had to be read (a first build of a
        large journal takes seconds): `done` files of the folder's `total` are through."""
        folder = self.store.incidents_dir
        if not folder.is_dir():
            return [], []
        cached = self._read(self.path)
        cached_texts = self._read(self.search_path) if search else {}
        files: dict[str, Any] = {}
        texts: dict[str, Any] = {}
        summaries: list[Summary] = []
        problems: list[Problem] = []
        changed = texts_changed = False
        with os.scandir(folder) as entries:
            listing = [
                e
                for e in entries
                if e.name.endswith(".toml") and not e.name.startswith(".") and not conflict_copy_of(e.name)
            ]
        parsed = 0
        for position, entry in enumerate(listing):
            path = entry.path
            stem = entry.name[:-5]
            if entry.is_symlink():
                problems.append(Problem(path, f"{path}: is a symbolic link; not read"))
                continue
            if not is_valid_id(stem):
                problems.append(
                    Problem(path, f"{path}: the file name is not a valid incident id (a-z, 0-9, '-'); not read")
                )
                continue
            try:
                key = _file_key(entry.stat(follow_symlinks=False))
            except OSError:
                continue  # removed while we listed
            record, text = cached.get(entry.name), ""
            if search:
                found = cached_texts.get(entry.name)
                if isinstance(found, dict) and found.get("key") == key and isinstance(found.get("text"), str):
                    text = found["text"]
                    texts[entry.name] = found
                elif isinstance(record, dict) and "error" not in record:
                    record = None  # the search text is missing or stale: read the file again
            summary = problem = None
            if isinstance(record, dict) and record.get("key") == key:
                try:
                    if "error" in record:
                        problem = Problem(path, str(record["error"]))
                    else:
                        summary = Summary.from_json(record["summary"], stem, text)
                except (TypeError, ValueError, KeyError):
                    record = None
            else:
                record = None
            if record is None:
                changed = True
                record, text = self._read_file(Path(path), key)
                parsed += 1
                if progress is not None and parsed % PROGRESS_EVERY == 0:
                    progress(position + 1, len(listing))
                if "error" in record:
                    problem = Problem(path, record["error"])
                else:
                    summary = Summary.from_json(record["summary"], stem, text)
                    texts[entry.name] = {"key": key, "text": text}
                    texts_changed = True
            if problem is not None:
                problems.append(problem)
            elif summary is not None:
                summaries.append(summary)
            files[entry.name] = record
        if changed or set(files) != set(cached):
            self._write(self.path, files)
        if search and (texts_changed or set(texts) != set(cached_texts)):
            self._write(self.search_path, texts)
        problems.sort(key=lambda p: p.path)
        return summaries, problems

    def _read_file(self, path: Path, key: list[int]) -> tuple[dict[str, Any], str]:
        try:
            incident = self.store.load_path(path)
        except (codec.FormatError, JournalError) as error:
            return {"key": key, "error": str(error)}, ""
        summary = Summary.of(incident)
        return {"key": key, "summary": summary.to_json()}, summary.search
