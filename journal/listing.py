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


class Listing(Sequence[Summary]):
    """The incidents whose search text holds every word of `words` (case-folded), most
    urgent first at `now` (journal.index.urgency_key), read from `index` a page at a time.

    The order (rowids only) is read when the listing is made, and filtered by the set of
    rows that match (one query of the index); summaries are read a page at a time when
    first asked for. A listing is a snapshot of the index's order: after a check of the
    folder changed the index, make a new one.
    """

    def __init__(self, index: Index | None, now: datetime, words: list[str] | None = None) -> None:
        self.source = index
        self.now = now
        self.words = list(words or [])
        self.order: array[int] = array("q")
        """The rowids of the rows, in order (8 bytes each: 80 KB for 10,000 incidents)."""
        if index is not None:
            order = index.ordered(now)  # kept by the index while it does not change
            if self.words:
                matched = index.matching(self.words)
                order = array("q", [r for r in order if r in matched])
            self.order = order
        self.total = len(self.order)
        self._pages: OrderedDict[int, list[Summary]] = OrderedDict()
        if self.total:
            self._page(0)  # the first screen's rows, read now: the listing is of this moment

    def __len__(self) -> int:
        return self.total

    def _page(self, number: int) -> list[Summary]:
        page = self._pages.get(number)
        if page is None:
            assert self.source is not None
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
        try:
            return self.order.index(rowid)
        except ValueError:
            return None
