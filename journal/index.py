"""A derived index of incident summaries: a SQLite database in the cache folder, so that
`list`, the home screen and Now need not parse every file on every start, and the home screen
reads only the rows it shows.

The index is never the source of truth. Each row is keyed by the file's name and its
(size, mtime_ns, inode, ctime_ns); a check (`Index.refresh`) lists the folder, keeps rows whose
key still matches and re-parses only the files that changed. A database that is missing,
corrupt, not a regular file, of another program, version or data folder is ignored and
rebuilt (journal.sqlite_cache). The search text of each incident lives in its own table with
an FTS5 `trigram` index (substrings in any script, Japanese too), so it never sits in the
app's memory; where SQLite lacks FTS5 or the trigram tokenizer, the same filter runs as a
substring test over that table (same results, slower).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from journal.ids import is_valid_id
from journal.model import Incident, follow_up_due, is_active_status

PROGRESS_EVERY = 100
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
        from journal.alerts import incident_alerts

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
