"""What the home screen learns from a check of the journal folder, from the core: the files
that changed, the files that cannot be read, and the line that says what needs the user
today. Run after the first frame (in a worker): nothing here is needed to paint the list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from journal.index import Problem

if TYPE_CHECKING:
    from journal.store import Store


@dataclass
class JournalCheck:
    """The outcome of `check_journal`."""

    changed: list[str] = field(default_factory=list)
    """Ids of incidents whose file was re-read, added or removed since the index last saw it."""
    problems: list[Problem] = field(default_factory=list)
    """Every file that cannot be read, sorted by path."""
    today: str = ""
    """journal.followups.today_line: what needs the user today ("" when nothing does)."""


def check_journal(store: Store, now: datetime, progress: Callable[[int, int], None] | None = None) -> JournalCheck:
    """Check the folder against the index (re-reading changed files; `progress(done,
    total)` as in Index.refresh), then say what needs the user today at `now`, going
    through the incidents that go on one at a time (never the whole journal in memory).
    Raises what Store.refresh raises (StoreError on an unreadable folder)."""
    # imported here: the first frame never needs the roster or the rules of what is due
    from journal import links
    from journal.followups import gather, today_line

    refreshed = store.refresh(progress)
    roster = links.load_roster_quietly(store)[0]
    items = gather(store.index.iter_summaries(active_only=True), roster, now)
    return JournalCheck(refreshed.changed, refreshed.problems, today_line(items, now))
