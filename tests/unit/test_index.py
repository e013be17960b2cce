import json
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.index import sort_urgent
from journal.index_db import SCHEMA_VERSION, Index
from journal.model import Incident
from journal.store import Store


@pytest.fixture
def journal(store: Store, opened: datetime) -> Store:
    for n, kind in enumerate(["contract-suspension", "account-hold", "payment-hold"]):
        store.create(Incident(id="", title=f"Incident {n}", kind=kind, opened_at=opened + timedelta(days=n)))
    return store


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = Store.load_path

    def spy(self: Store, path: Path) -> Incident:
        seen.append(path.name)
        return real(self, path)

    monkeypatch.setattr(Store, "load_path", spy)
    return seen


def test_unchanged_files_are_not_parsed_again(journal: Store, parses: list[str]) -> None:
    first, _ = journal.scan()
    assert len(first) == 3 and len(parses) == 3
    parses.clear()
    second, _ = journal.scan()
    assert parses == []
    assert sorted(s.title for s in second) == ["Incident 0", "Incident 1", "Incident 2"]


def test_changed_file_is_parsed_again_and_shown_as_it_is(journal: Store, parses: list[str]) -> None:
    journal.scan()
    target = journal.ids()[0]
    journal.update(target, lambda i: setattr(i, "title", "Renamed"))
    parses.clear()
    summaries, _ = journal.scan()
    assert parses == [f"{target}.toml"]
    assert {s.id: s.title for s in summaries}[target] == "Renamed"


def test_removed_and_added_files(journal: Store, opened: datetime) -> None:
    journal.scan()
    gone = journal.ids()[0]
    journal.delete(gone)
    journal.create(Incident(id="", title="New one", kind="other", opened_at=opened))
    summaries, _ = journal.scan()
    titles = {s.title for s in summaries}
    assert gone not in {s.id for s in summaries} and "New one" in titles and len(summaries) == 3


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()


def _truncate(path: Path) -> None:
    _sql(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "garbage": lambda path: path.write_bytes(b"not a database at all" * 300),
    "foreign-folder": lambda path: _sql(path, "UPDATE meta SET value = '/elsewhere' WHERE key = 'folder'"),
    "newer-schema": lambda path: _sql(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}"),
    "another-program": lambda path: _sql(path, "PRAGMA application_id = 42"),
    "foreign-tables": lambda path: (path.unlink(), _sql(path, "CREATE TABLE incidents(x)")),
    "malformed-row": lambda path: _sql(path, "UPDATE incidents SET summary = '[5]'"),
    "empty-file": lambda path: path.write_bytes(b""),
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_damaged_index_is_rebuilt(journal: Store, damage: str, parses: list[str]) -> None:
    journal.scan()
    index_path = journal.index.path
    journal.index.close()
    for extra in ("-wal", "-shm"):  # a clean copy of the database in one file
        assert not Path(f"{index_path}{extra}").is_symlink()
    DAMAGE[damage](index_path)
    parses.clear()
    summaries, problems = Store(journal.data_dir, cache_dir=journal.cache_dir).scan(search=True)
    assert sorted(s.title for s in summaries) == ["Incident 0", "Incident 1", "Incident 2"]
    assert all(s.search.startswith("incident ") for s in summaries)
    assert not problems
    assert len(parses) == 3
    conn = sqlite3.connect(index_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION  # rebuilt on disk
    assert conn.execute("SELECT count(*) FROM incidents").fetchone()[0] == 3


@pytest.mark.parametrize("kind", ["fifo", "folder", "link-out", "hard-link", "link-wal"])
def test_a_cache_that_is_not_a_plain_file_is_replaced_never_followed(journal: Store, kind: str, tmp_path: Path) -> None:
    journal.scan()
    index_path = journal.index.path
    journal.index.close()
    for p in index_path.parent.glob(index_path.name + "*"):
        p.unlink()
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"someone else's file")
    if kind == "fifo":
        os.mkfifo(index_path)
    elif kind == "folder":
        index_path.mkdir()
    elif kind == "link-out":
        index_path.symlink_to(outside)
    elif kind == "hard-link":
        os.link(outside, index_path)
    else:
        Path(f"{index_path}-wal").symlink_to(outside)
    fresh = Store(journal.data_dir, cache_dir=journal.cache_dir)
    summaries, problems = fresh.scan()
    assert sorted(s.title for s in summaries) == ["Incident 0", "Incident 1", "Incident 2"] and not problems
    assert outside.read_bytes() == b"someone else's file"  # never written through
    assert index_path.is_file() and not index_path.is_symlink() and os.stat(index_path).st_nlink == 1
    fresh.index.close()
    assert sqlite3.connect(index_path).execute("SELECT count(*) FROM incidents").fetchone()[0] == 3


def test_a_folder_with_things_in_it_in_place_of_the_cache_still_lists(journal: Store, parses: list[str]) -> None:
    index_path = Index(journal).path
    index_path.mkdir(parents=True)
    (index_path / "keep.txt").write_text("mine")
    summaries, _ = journal.scan()
    assert len(summaries) == 3 and (index_path / "keep.txt").read_text() == "mine"  # kept in memory instead
    parses.clear()
    assert len(journal.scan()[0]) == 3 and parses == []  # and still reused within the process


def test_stale_entry_with_wrong_data_is_never_shown(journal: Store) -> None:
    journal.scan()
    journal.index.close()
    _sql(
        journal.index.path,
        "UPDATE incidents SET summary = json_set(summary, '$.title', 'WRONG'), mtime_ns = mtime_ns - 1",
    )
    summaries, _ = Store(journal.data_dir, cache_dir=journal.cache_dir).scan()
    assert "WRONG" not in {s.title for s in summaries} and len(summaries) == 3


def test_changes_by_another_process_are_picked_up(journal: Store, opened: datetime) -> None:
    """Two stores on one folder (the app and the command line): each sees the other's writes."""
    other = Store(journal.data_dir, cache_dir=journal.cache_dir)
    journal.scan()
    other.scan()
    target = journal.ids()[0]
    other.update(target, lambda i: setattr(i, "title", "Changed elsewhere"))
    other.create(Incident(id="", title="Added elsewhere", kind="other", opened_at=opened))
    refreshed = journal.refresh()
    assert target in refreshed.changed and len(refreshed.changed) == 2
    now = opened + timedelta(days=30)
    titles = {s.title for s in journal.index.page(now, 0, 10)}
    assert {"Changed elsewhere", "Added elsewhere"} <= titles and journal.index.count() == 4


def test_bad_files_reported_and_others_still_load(journal: Store) -> None:
    bad = journal.incidents_dir / "2026-broken.toml"
    bad.write_text('format = 1\ntitle = "x"\nkind = "other"\nopened_at = 2026-11-20T09:12:00\n')
    (journal.incidents_dir / "Not An Id.toml").write_text("")
    summaries, problems = journal.scan()
    assert len(summaries) == 3
    messages = [p.message for p in problems]
    assert any(m.startswith(f"{bad}:4:") and "no UTC offset" in m for m in messages)
    assert any("Not An Id.toml" in m and "not a valid incident id" in m for m in messages)
    assert bad.read_text().endswith("09:12:00\n")  # never rewritten


def test_urgency_order(store: Store, opened: datetime) -> None:
    now = opened + timedelta(days=10)
    overdue = Incident(id="", title="overdue", kind="other", opened_at=opened, follow_up_at=opened + timedelta(days=1))
    active = Incident(id="", title="active", kind="other", opened_at=opened + timedelta(days=2))
    done = Incident(id="", title="done", kind="other", opened_at=opened + timedelta(days=5), status="resolved")
    for incident in (done, active, overdue):
        store.create(incident)
    summaries, _ = store.scan()
    assert [s.title for s in sort_urgent(summaries, now)] == ["overdue", "active", "done"]


def test_summary_search_covers_clients_and_bounded_message_text(store: Store, opened: datetime) -> None:
    from journal.index import SEARCH_MESSAGE_CHARS
    from journal.model import Contract, Message

    incident = Incident(id="", title="Hold", kind="account-hold", opened_at=opened)
    incident.contracts.append(Contract(client="Acme Ltd"))
    incident.add_message(Message(at=opened, subject="Verify", body="Screenshot OF the IP " + "x" * 50_000))
    store.create(incident)
    (summary,), _ = store.scan(search=True)
    assert summary.matches(["acme", "screenshot", "of", "ip"])
    assert not summary.matches(["nowhere"])
    assert len(summary.search) < SEARCH_MESSAGE_CHARS + 200
    assert "search" not in summary.to_json()
    (cached,), _ = store.scan(search=True)  # from the index this time
    assert cached.matches(["screenshot"])


def test_listing_never_reads_message_text(store: Store, opened: datetime, parses: list[str]) -> None:
    from journal.model import Message

    incident = Incident(id="", title="Hold", kind="account-hold", opened_at=opened)
    incident.add_message(Message(at=opened, subject="Verify", body="secret notice text"))
    store.create(incident)
    store.scan(search=True)
    conn = store.index.conn
    (summary_json,) = conn.execute("SELECT summary FROM incidents").fetchone()
    assert "secret notice text" not in summary_json
    assert "secret notice text" in conn.execute("SELECT text FROM search").fetchone()[0]
    parses.clear()
    (summary,), _ = store.scan()  # a plain listing needs no search text, nor any file
    assert parses == [] and summary.title == "Hold" and summary.search == ""


def test_long_first_build_reports_progress(store: Store, opened: datetime) -> None:
    from journal import codec
    from journal.index import PROGRESS_EVERY
    from journal.store import atomic_write

    for n in range(2 * PROGRESS_EVERY + 10):
        incident = Incident(id=f"2026-11-20-other-{n}", title=f"n{n}", kind="other", opened_at=opened)
        atomic_write(store.path_for(incident.id), codec.dumps(incident).encode(), durable=False)
    heard: list[tuple[int, int]] = []
    summaries, _ = store.scan(progress=lambda done, total: heard.append((done, total)))
    assert len(summaries) == 2 * PROGRESS_EVERY + 10
    assert len(heard) == 2 and all(total == 2 * PROGRESS_EVERY + 10 for _, total in heard)
    assert heard[0][0] < heard[1][0] <= heard[1][1]
    heard.clear()
    store.scan(progress=lambda done, total: heard.append((done, total)))
    assert heard == []  # nothing to read again: no progress to report


@pytest.fixture
def mixed(store: Store, opened: datetime) -> Store:
    from journal.model import Contract, Message

    rows = [
        ("アカウント停止のお知らせ", "Acme Ltd", "本人確認の書類を提出してください"),
        ("Payout on hold", "株式会社みどり", "We paused your payouts while we review."),
        ("契約の一時停止", "Northwind", 'The "quoted" word and 100% sure_thing'),
        ("Identity check", "Acme Ltd", "Please send a photo of your ID"),
    ]
    for n, (title, client, body) in enumerate(rows):
        incident = Incident(id="", title=title, kind="account-hold", opened_at=opened + timedelta(hours=n))
        incident.contracts.append(Contract(client=client))
        incident.add_message(Message(at=opened, subject="Notice", body=body))
        store.create(incident)
    return store


QUERIES = [
    "停止",
    "止",
    "アカウント停止",
    "acme 停止",
    "ac",
    "id",
    "i",
    "みどり",
    "photo of",
    '"quoted"',
    "100%",
    "_",
    "zzz",
]


@pytest.mark.parametrize("trigram", [True, False], ids=["fts5-trigram", "no-fts5"])
def test_filter_finds_substrings_in_any_script_and_short_words(
    mixed: Store, opened: datetime, trigram: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal import index_db

    if not trigram:  # a platform whose SQLite lacks FTS5 or the trigram tokenizer
        monkeypatch.setattr(index_db, "has_trigram", lambda conn: False)
        mixed = Store(mixed.data_dir, cache_dir=mixed.cache_dir / "plain")
    summaries, _ = mixed.scan(search=True)
    assert mixed.index.fts is trigram
    now = opened + timedelta(days=1)
    by_title = {
        "停止": ["アカウント停止のお知らせ", "契約の一時停止"],
        "止": ["アカウント停止のお知らせ", "契約の一時停止"],
        "acme 停止": ["アカウント停止のお知らせ"],
        "みどり": ["Payout on hold"],
        "photo of": ["Identity check"],
        '"quoted"': ["契約の一時停止"],
        "100%": ["契約の一時停止"],
        "zzz": [],
    }
    for query in QUERIES:
        words = query.casefold().split()
        expected = sorted(s.title for s in summaries if s.matches(words))
        found = mixed.index.page(now, 0, 100, words)
        assert sorted(s.title for s in found) == expected, query
        assert mixed.index.count(words) == len(expected), query
        if query in by_title:
            assert expected == sorted(by_title[query]), query


def test_pages_follow_the_urgency_order(store: Store, opened: datetime) -> None:
    now = opened + timedelta(days=40)
    for n in range(30):
        store.create(
            Incident(
                id="",
                title=f"n{n}",
                kind="other",
                opened_at=opened + timedelta(hours=n),
                follow_up_at=opened + timedelta(days=n + (0 if n % 3 else 50)),
                status="resolved" if n % 5 == 0 else "open",
            )
        )
    summaries, _ = store.scan()
    expected = [s.id for s in sort_urgent(summaries, now)]
    paged = [s.id for start in range(0, 30, 7) for s in store.index.page(now, start, 7)]
    assert paged == expected
    assert expected[0] != sorted(expected)[0]  # the order is not the file names'
    assert store.index.position(now, expected[17]) == 17
    assert store.index.position(now, "2026-01-01-nowhere") is None


def test_the_json_index_of_earlier_versions_is_removed(journal: Store) -> None:
    digest = journal.index.path.stem.rsplit("-", 1)[-1]
    journal.cache_dir.mkdir(parents=True, exist_ok=True)
    for name in (f"index-{digest}.json", f"search-{digest}.json", "index-0123456789abcdef.json"):
        (journal.cache_dir / name).write_text("{}")
    fresh = Store(journal.data_dir, cache_dir=journal.cache_dir)
    assert len(fresh.scan()[0]) == 3
    assert sorted(p.name for p in journal.cache_dir.glob("*.json")) == [
        "index-0123456789abcdef.json"
    ]  # another folder's


def test_list_json_from_the_index_is_the_summaries_json(
    store: Store, opened: datetime, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`list --json` writes the stored JSON without decoding it: the same bytes as encoding
    each summary (with overdue and days on hold) in urgency order."""
    from journal import clock
    from journal.cli import main
    from journal.cli.render import json_text, summary_json

    now = opened + timedelta(days=20, hours=5, microseconds=7)
    monkeypatch.setattr(clock, "now", lambda: now)
    titles = ["停止のお知らせ", "Bidi \u202e trick", "Plain", "Closed one", "Due soon"]
    for n, title in enumerate(titles):
        incident = Incident(
            id="",
            title=title,
            kind="other",
            opened_at=opened + timedelta(days=n, microseconds=n),
            follow_up_at=opened + timedelta(days=3 * n, hours=5) if n != 2 else None,
            status="closed" if n == 3 else "open",
        )
        if n == 3:
            incident.closed_at = opened + timedelta(days=n + 2, hours=23, minutes=59)
        store.create(incident)
    summaries, _ = store.scan()
    expected = json_text([summary_json(s, now) for s in sort_urgent(summaries, now)])
    assert main(["list", "--json"]) == 0
    out = capsys.readouterr().out
    assert out == expected + "\n"
    data = json.loads(out)
    assert [d["overdue"] for d in data].count(True) >= 2 and {d["days_on_hold"] for d in data} >= {2, 20}
    assert "\\u202e" in out and "\u202e" not in out
    assert main(["list", "--json", "--status", "closed"]) == 0
    assert [d["title"] for d in json.loads(capsys.readouterr().out)] == ["Closed one"]
