"""The home screen's list as a sequence read from the index by page: the screen holds the
rows it shows (and a few pages around them), never the whole journal."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, overload

from journal.index import Summary

if TYPE_CHECKING:
    from journal.index_db import Index

PAGE_ROWS = 100
"""Rows read from the index at a time."""
KEPT_PAGES = 8
"""Pages kept in memory (the least recently used one goes first)."""
SPARSE = 1_000
"""A one-word filter that this many incidents or fewer hold lists their rows from the
full-text index at once; one that more hold (`e`, `re`, `契約` in most of a journal) is found
by testing the rows in urgency order a chunk at a time, only as far as the screen needs: its
count comes from the full-text index, so the first screen never waits for every match."""
CHUNK = 256
"""Rows tested at a time when a filter is found in urgency order."""


class Listing(Sequence[Summary]):
    """The incidents whose search text holds every word of `words` (case-folded), most
    urgent first at `now` (journal.index.urgency_key), read from `index` a page at a time.

    The order (rowids only) is read when the listing is made, and filtered by the set of
    rows that match (one query of the index), or, for one word that many incidents hold,
    walked a chunk at a time as far as the rows asked for (its length is the full-text
    index's count); summaries are read a page at a time when first asked for. A listing is
    a snapshot of the index's order: after a check of the folder changed the index, make a
    new one.
    """

    def __init__(self, index: Index | None, now: datetime, words: list[str] | None = None) -> None:
        self.source = index
        self.now = now
        self.words = list(words or [])
        self.order: array[int] = array("q")
        """The rowids of the rows, in order (8 bytes each: 80 KB for 10,000 incidents)."""
        self._walk: array[int] | None = None
        """The order still to be tested against the words (a walked listing), else None."""
        self._walked = 0
        """How far `_walk` was tested."""
        self.total = 0
        if index is not None:
            order = index.ordered(now)  # kept by the index while it does not change
            count = index.word_count(self.words[0]) if len(self.words) == 1 else None
            if count is not None and count > SPARSE:
                self._walk, self.total = order, count
            elif self.words:
                matched = index.matching(self.words)
                order = array("q", [r for r in order if r in matched])
            if self._walk is None:
                self.order = order
                self.total = len(order)
        self._pages: OrderedDict[int, list[Summary]] = OrderedDict()
        if self.total:
            self._page(0)  # the first screen's rows, read now: the listing is of this moment

    def __len__(self) -> int:
        return self.total

    def _walk_to(self, length: int) -> None:
        """Test the order a chunk at a time until `length` rows are found (or it ends)."""
        walk = self._walk
        if walk is None or self.source is None:
            return
        while len(self.order) < length and self._walked < len(walk):
            chunk = walk[self._walked : self._walked + CHUNK]
            self._walked += len(chunk)
            held = self.source.holding(self.words, chunk)
            self.order.extend(r for r in chunk if r in held)
        if self._walked >= len(walk):
            self._walk = None
            self.total = len(self.order)  # the count may have changed since it was made

    def _page(self, number: int) -> list[Summary]:
        page = self._pages.get(number)
        if page is None:
            assert self.source is not None
            self._walk_to((number + 1) * PAGE_ROWS)
            page = self.source.rows(self.order[number * PAGE_ROWS : (number + 1) * PAGE_ROWS])
            self._pages[number] = page
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    @overload
    def __getitem__(self, position: int) -> Summary: ...

    @overload
    def __getitem__(self, position: slice) -> list[Summary]: ...

    def __getitem__(self, position: int | slice) -> Summary | list[Summary]:
        if isinstance(position, slice):
            return [self[n] for n in range(*position.indices(self.total))]
        if position < 0:
            position += self.total
        if not 0 <= position < self.total:
            raise IndexError(position)
        page = self._page(position // PAGE_ROWS)
        offset = position % PAGE_ROWS
        if offset >= len(page):  # the index changed since it was counted
            raise IndexError(position)
        return page[offset]

    def index_of(self, incident_id: str) -> int | None:
        """Where an incident stands in this listing (None when it is not in it); the pages
        already read are looked at first."""
        for number, page in self._pages.items():
            for offset, summary in enumerate(page):
                if summary.id == incident_id:
                    return number * PAGE_ROWS + offset
        rowid = self.source.rowid_of(incident_id) if self.source is not None else None
        if rowid is None:
            return None
        if self._walk is not None and not self.source.holding(self.words, [rowid]):  # type: ignore[union-attr]
            return None  # not listed: no need to walk the whole order to find out
        while True:
            try:
                return self.order.index(rowid)
            except ValueError:
                if self._walk is None:
                    return None
                self._walk_to(len(self.order) + CHUNK)
