"""The home filter's words of one or two characters (common in Japanese: `桜`, `返金`) come
from an index of their own; whatever path a filter takes (that index, the trigram index, a
walk of the urgency order for a word most incidents hold), its rows are exactly those a plain
substring search of every incident's search text finds, in the same order."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from journal import listing
from journal.actions import add_message
from journal.index import search_text, urgency_key
from journal.listing import Listing
from journal.model import Incident, Message
from journal.store import Store

BODIES = [
    ("桜アプリの返金について", "返金をお願いします。桜の件です。"),
    ("Refund for Acme", "We refund you in 5 days. Re: ticket d-42"),
    ("契約の一時停止", "確認が終わるまで契約を停止しました。"),
    ("Account hold", "Your account is on hold. ß straße"),
    ("支払いの保留", "エスクローの支払いは保留中です。返信ください。"),
    ("Northwind review", "Review of the contract with Northwind Studio."),
]
QUERIES = [
    "桜",
    "返金",
    "返",
    "停止",
    "確",
    "d",
    "re",
    "e",
    "4",
    "ß",
    "ss",
    "a 返",
    "re 返金",
    "返金 について",
    "Re acme",
    "契約 停止 確",
    "x",
    "桜 停止",
    "d-",
    "。",
]


@pytest.fixture
def journal(store: Store, opened: datetime) -> Store:
    for n in range(12):  # two of each, opened at different times, some closed
        title, body = BODIES[n % len(BODIES)]
        status = "closed" if n % 5 == 0 else "open"
        made = store.create(
            Incident(
                id="",
                title=f"{title} {n}",
                kind="account-hold",
                opened_at=opened - timedelta(hours=n * 7),
                status=status,
                follow_up_at=opened + timedelta(days=n % 4 - 2),
            )
        )
        add_message(store, made.id, Message(at=opened, subject=title, body=body))
    store.refresh()
    return store


def plain_search(store: Store, words: list[str], now: datetime) -> list[str]:
    """What a substring search of every incident's full search text finds, most urgent first."""
    found = []
    for path in sorted(store.incidents_dir.glob("*.toml")):
        incident = store.load_path(path)
        if all(word in search_text(incident) for word in words):
            found.append(incident)
    summaries = {s.id: s for s in store.index.summaries()}
    return [i.id for i in sorted(found, key=lambda i: urgency_key(summaries[i.id], now))]


@pytest.mark.parametrize("walk", [False, True], ids=["index", "walk"])
@pytest.mark.parametrize("query", QUERIES)
def test_a_short_filter_finds_what_a_substring_search_finds(
    journal: Store, opened: datetime, query: str, walk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if walk:  # every word counts as one most incidents hold: the order is walked in small chunks
        monkeypatch.setattr(listing, "SPARSE", 0)
        monkeypatch.setattr(listing, "CHUNK", 2)
        monkeypatch.setattr(listing, "PAGE_ROWS", 3)
    now = opened + timedelta(days=1)
    words = query.casefold().split()
    rows = Listing(journal.index, now, words)
    expected = plain_search(journal, words, now)
    assert len(rows) == len(expected)
    assert [s.id for s in rows] == expected
    for position, incident_id in enumerate(expected):
        assert rows.index_of(incident_id) == position
    for summary in journal.index.summaries():
        if summary.id not in expected:
            assert Listing(journal.index, now, words).index_of(summary.id) is None


def test_the_short_word_index_follows_changes_and_removals(journal: Store, opened: datetime) -> None:
    now = opened + timedelta(days=1)
    target = next(s for s in journal.index.summaries() if s.title.startswith("支払い"))
    assert list(Listing(journal.index, now, ["鰻"])) == []
    add_message(journal, target.id, Message(at=opened, subject="追加", body="鰻の件"))
    journal.refresh()
    assert [s.id for s in Listing(journal.index, now, ["鰻"])] == [target.id]
    journal.delete(target.id)
    journal.refresh()
    assert list(Listing(journal.index, now, ["鰻"])) == []
    assert len(Listing(journal.index, now, ["保"])) == 1  # the other 支払いの保留 incident
