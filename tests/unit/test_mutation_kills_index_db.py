"""The SQLite index's promises checked where changing its code went unnoticed (mutation
testing, docs/mutation.md): the home list read page by page in urgency order, what a check of
the folder reports (changed ids, unreadable files, progress), the search after an edit, the
"what needs you today" line and the warning flag, all as the home screen and `list` get them."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from journal import codec, index_db
from journal.atomic import atomic_write
from journal.home_data import check_journal
from journal.index import sort_urgent
from journal.listing import Listing
from journal.model import Incident, Message
from journal.store import Store


def _write(store: Store, incident: Incident) -> Path:
    """An incident file written as the store would, without fsync (many files, fast)."""
    path = store.path_for(incident.id)
    atomic_write(path, codec.dumps(incident).encode("utf-8"), durable=False)
    return path


@pytest.fixture
def board(store: Store, opened: datetime) -> Store:
    """Twelve incidents: some overdue, some waiting, some resolved, titles that sort otherwise."""
    for n in range(12):
        _write(
            store,
            Incident(
                id=f"2026-11-20-other-{n:02d}",
                title=f"case {'zebra' if n % 2 else 'quokka'} {n}",
                kind="other",
                opened_at=opened + timedelta(hours=n),
                follow_up_at=opened + timedelta(days=(n * 7) % 12) if n % 4 else None,
                status="resolved" if n % 5 == 0 else "open",
            ),
        )
    return store


def test_the_home_list_is_the_urgency_order_page_by_page(board: Store, opened: datetime) -> None:
    now = opened + timedelta(days=6)
    summaries, _ = board.scan()
    expected = [s.id for s in sort_urgent(summaries, now)]
    listing = Listing(board.index, now)
    assert len(listing) == 12 and [s.id for s in listing] == expected
    assert [s.id for s in listing[2:5]] == expected[2:5] and listing[-1].id == expected[-1]
    for position, incident_id in enumerate(expected):
        assert listing.index_of(incident_id) == position
    assert listing.index_of("2026-01-01-nowhere") is None
    with pytest.raises(IndexError):
        listing[12]
    zebras = Listing(board.index, now, ["zebra"])
    assert [s.id for s in zebras] == [i for i in expected if int(i[-2:]) % 2]
    assert zebras.index_of("2026-11-20-other-00") is None  # listed, but not by this filter
    assert [s.id for s in Listing(board.index, now, ["zebra", "11"])] == ["2026-11-20-other-11"]
    assert len(Listing(None, now)) == 0 and len(Listing(board.index, now, ["nowhere"])) == 0


def test_rows_come_back_in_the_order_asked_and_a_gone_row_is_left_out(board: Store, opened: datetime) -> None:
    board.scan()
    index = board.index
    first, second, third = (index.rowid_of(f"2026-11-20-other-{n:02d}") for n in (3, 7, 1))
    assert None not in (first, second, third) and len({first, second, third}) == 3
    assert [s.title for s in index.rows([third, first, second])] == ["case zebra 1", "case zebra 3", "case zebra 7"]
    assert index.rows([]) == []
    os.unlink(board.path_for("2026-11-20-other-07"))
    board.refresh()
    assert [s.title for s in index.rows([second, third])] == ["case zebra 1"]
    assert index.rowid_of("2026-11-20-other-07") is None


def test_a_file_that_cannot_be_read_is_in_no_list(board: Store, opened: datetime) -> None:
    broken = board.incidents_dir / "2026-11-20-broken.toml"
    broken.write_text('title = "half a file\n')
    board.scan()
    now = opened + timedelta(days=6)
    assert board.index.rowid_of("2026-11-20-broken") is None
    assert board.index.count() == 12 and len(Listing(board.index, now)) == 12
    assert "2026-11-20-broken" not in {s.id for s in board.index.iter_summaries()}
    assert board.index.position(now, "2026-11-20-broken") is None


def test_the_order_follows_every_change_and_the_moment(board: Store, opened: datetime) -> None:
    """The cached order is dropped when this index writes, when another process's index
    writes, and when the moment changes (an incident becomes overdue)."""
    early, late = opened + timedelta(hours=1), opened + timedelta(days=30)
    board.scan()
    index = board.index

    def ids(now: datetime) -> list[str]:
        return [s.id for s in index.rows(index.ordered(now))]

    def expected(now: datetime) -> list[str]:
        return [s.id for s in sort_urgent(index.summaries(), now)]

    assert ids(early) == expected(early) and ids(late) == expected(late) and ids(early) != ids(late)
    board.update("2026-11-20-other-00", lambda i: setattr(i, "status", "open"))
    board.refresh()  # a commit by this very connection
    assert "2026-11-20-other-00" in ids(late)[:11] and ids(late) == expected(late)
    other = Store(board.data_dir, cache_dir=board.cache_dir)
    other.update("2026-11-20-other-00", lambda i: setattr(i, "status", "resolved"))
    other.refresh()  # a commit by another connection
    assert ids(late) == expected(late)
    assert ids(late)[-3:] == ["2026-11-20-other-10", "2026-11-20-other-05", "2026-11-20-other-00"]


def test_a_filter_counts_and_places_only_the_matching(board: Store, opened: datetime) -> None:
    now = opened + timedelta(days=6)
    board.scan()
    order = [s.id for s in sort_urgent(board.index.summaries(), now)]
    zebras = [i for i in order if int(i[-2:]) % 2]
    assert board.index.count(["zebra"]) == 6 and board.index.count() == 12 and board.index.count([]) == 12
    for incident_id in zebras:
        assert board.index.position(now, incident_id, ["zebra"]) == zebras.index(incident_id)
    assert board.index.position(now, "2026-11-20-other-00", ["zebra"]) is None
    assert [s.id for s in board.index.page(now, 1, 2, ["zebra"])] == zebras[1:3]
    assert board.index.matching(["zebra"]) == {board.index.rowid_of(i) for i in zebras}
    assert board.index.matching(["ze", "9"]) == {board.index.rowid_of("2026-11-20-other-09")}  # short words


def test_an_edited_incident_is_no_longer_found_by_its_old_words(store: Store, opened: datetime) -> None:
    """The search table's rows are reused: a word the file no longer holds must not match."""
    first = store.create(Incident(id="", title="Payout held", kind="payment-hold", opened_at=opened))
    last = store.create(Incident(id="", title="Quokka review", kind="account-hold", opened_at=opened))
    store.scan(search=True)
    store.update(last.id, lambda i: setattr(i, "title", "Wombat review"))
    store.refresh()
    now = opened + timedelta(days=1)
    assert store.index.count(["quokka"]) == 0 and [s.title for s in store.index.page(now, 0, 9, ["quokka"])] == []
    assert [s.title for s in store.index.page(now, 0, 9, ["wombat"])] == ["Wombat review"]
    store.delete(first.id)
    store.refresh()
    assert store.index.count(["payout"]) == 0
    assert store.index.matching(["review"]) == {store.index.rowid_of(last.id)}


def test_a_check_reports_what_changed_and_every_unreadable_file_in_path_order(board: Store) -> None:
    folder = board.incidents_dir
    first = board.refresh()
    assert sorted(first.changed) == [f"2026-11-20-other-{n:02d}" for n in range(12)] and first.problems == []
    assert board.refresh().changed == []
    (folder / "2026-zz-broken.toml").write_text("title = 1\n")
    (folder / "Bad Name.toml").write_text("")
    (folder / "2026-link.toml").symlink_to(folder / "2026-11-20-other-01.toml")
    (folder / ".hidden.toml").write_text("")
    (folder / "2026-11-20-other-01.conflict-20261120T000000.toml").write_text("")
    (folder / "notes.txt").write_text("")
    os.unlink(folder / "2026-11-20-other-04.toml")
    board.update("2026-11-20-other-02", lambda i: setattr(i, "title", "renamed"))
    second = board.refresh()
    assert sorted(second.changed) == ["2026-11-20-other-02", "2026-11-20-other-04", "2026-zz-broken"]
    link, bad, broken = (str(folder / n) for n in ("2026-link.toml", "Bad Name.toml", "2026-zz-broken.toml"))
    assert [p.path for p in second.problems] == sorted([link, bad, broken])
    messages = {p.path: p.message for p in second.problems}
    assert messages[link] == f"{link}: is a symbolic link; not read"
    assert messages[bad] == f"{bad}: the file name is not a valid incident id (a-z, 0-9, '-'); not read"
    assert messages[broken].startswith(f"{broken}:")
    third = board.refresh()  # nothing read again, the same problems told again
    assert third.changed == [] and third.problems == second.problems
    os.unlink(broken)
    assert board.refresh().changed == ["2026-zz-broken"]  # a removed unreadable file is named by its file


def test_a_missing_folder_empties_the_index_and_the_home_list(board: Store, opened: datetime) -> None:
    """The incidents folder moved away while the app runs: the next check names every
    incident gone and the list made after it is empty (it once kept the old order: a list of
    twelve rows that could not be read)."""
    now = opened + timedelta(days=6)
    (board.incidents_dir / "2026-11-20-broken.toml").write_text("title = 1\n")
    board.scan()
    assert len(Listing(board.index, now)) == 12
    ids = board.ids()  # the unreadable file's too: it is gone with the folder
    for path in board.incidents_dir.iterdir():
        path.unlink()
    board.incidents_dir.rmdir()
    gone = board.refresh()
    assert sorted(gone.changed) == ids and gone.problems == []
    assert board.index.count() == 0 and board.index.summaries() == []
    assert len(Listing(board.index, now)) == 0 and list(Listing(board.index, now)) == []
    assert board.refresh().changed == []


def test_a_long_check_commits_in_batches_and_reports_progress_of_the_files_read(
    board: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_db, "COMMIT_EVERY", 5)
    monkeypatch.setattr(index_db, "PROGRESS_EVERY", 4)
    heard: list[tuple[int, int]] = []
    refreshed = board.refresh(lambda done, total: heard.append((done, total)))
    assert sorted(refreshed.changed) == [f"2026-11-20-other-{n:02d}" for n in range(12)]
    assert heard == [(4, 12), (8, 12), (12, 12)]
    assert board.index.count() == 12
    heard.clear()
    for n in (3, 9):
        board.update(f"2026-11-20-other-{n:02d}", lambda i: setattr(i, "title", "again"))
    board.refresh(lambda done, total: heard.append((done, total)))
    assert heard == []  # two files read: fewer than PROGRESS_EVERY


def test_what_needs_the_user_today_comes_from_the_incidents_that_go_on(store: Store, opened: datetime) -> None:
    due = opened - timedelta(days=1)
    store.create(Incident(id="", title="Still waiting", kind="account-hold", opened_at=opened, follow_up_at=due))
    done = Incident(id="", title="All settled", kind="account-hold", opened_at=opened, follow_up_at=due)
    done.status = "resolved"
    store.create(done)
    check = check_journal(store, opened)
    assert sorted(check.changed) == sorted(store.ids()) and check.problems == []
    assert "Still waiting" in check.today and "All settled" not in check.today
    assert [s.title for s in store.index.iter_summaries(active_only=True)] == ["Still waiting"]
    assert sorted(s.title for s in store.index.iter_summaries()) == ["All settled", "Still waiting"]
    assert [s.title for s in store.index.summaries(active_only=True)] == ["Still waiting"]
    assert check_journal(store, opened).changed == []


def test_the_warning_flag_follows_messages_that_talk_of_leaving_the_platform(store: Store, opened: datetime) -> None:
    made = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    store.refresh()
    assert store.index.any_warnings() is False
    made.add_message(Message(at=opened, subject="Offer", body="I can pay you directly, outside the platform."))
    store.save(made)
    store.refresh()
    assert store.index.any_warnings() is True
    store.delete(made.id)
    store.refresh()
    assert store.index.any_warnings() is False


def test_a_row_that_is_not_a_summary_is_read_again_from_its_file(
    board: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    board.scan()
    board.index.close()
    conn = sqlite3.connect(board.index.path, isolation_level=None)
    conn.execute("UPDATE incidents SET summary = '{}' WHERE name = '2026-11-20-other-03.toml'")
    conn.execute("UPDATE incidents SET summary = '\"text\"' WHERE name = '2026-11-20-other-05.toml'")
    conn.execute(  # a row that names another incident than its file
        "UPDATE incidents SET summary = json_set(summary, '$.id', '2026-11-20-other-08')"
        " WHERE name = '2026-11-20-other-07.toml'"
    )
    conn.close()
    now = opened + timedelta(days=6)
    ids = [s.id for s in board.index.page(now, 0, 20)]
    assert len(ids) == 9 and "2026-11-20-other-03" not in ids and ids.count("2026-11-20-other-08") == 1
    assert [s.id for s in board.index.iter_summaries()] == sorted(ids)
    listing = Listing(board.index, now)  # the home list skips them too
    assert [s.id for s in listing.source.rows(listing.order)] == ids  # type: ignore[union-attr]
    monkeypatch.setattr(index_db, "PROGRESS_EVERY", 1)
    heard: list[tuple[int, int]] = []
    summaries, _ = board.scan(progress=lambda done, total: heard.append((done, total)))
    assert len(summaries) == 12 and {s.title for s in summaries} >= {"case zebra 3", "case zebra 5", "case zebra 7"}
    assert len(heard) == 3 and all(total == 12 for _, total in heard)  # the stale rows' files read again


def test_list_json_counts_whole_days_and_overdue_from_the_exact_moment(store: Store, opened: datetime) -> None:
    follow = opened + timedelta(days=2)
    store.create(Incident(id="", title="Due now", kind="other", opened_at=opened, follow_up_at=follow))
    store.create(Incident(id="", title="Future", kind="other", opened_at=opened + timedelta(days=9), status="open"))
    store.refresh()

    def lines(now: datetime, status: str | None = None) -> dict[str, dict[str, object]]:
        found = [json.loads(line) for line in store.index.json_lines(now, status)]
        return {d["title"]: d for d in found}  # type: ignore[misc]

    at = lines(follow)
    assert at["Due now"]["overdue"] is True and at["Due now"]["days_on_hold"] == 2
    assert at["Future"]["days_on_hold"] == 0 and at["Future"]["overdue"] is False
    before = lines(follow - timedelta(microseconds=1))
    assert before["Due now"]["overdue"] is False and before["Due now"]["days_on_hold"] == 1
    assert list(lines(follow, "open")) == ["Due now", "Future"]
    assert lines(follow, "resolved") == {}


def test_micros_is_exact() -> None:
    assert index_db.micros(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=UTC)) == 1_000_005
    assert index_db.micros(datetime(2286, 11, 20, 17, 46, 40, 1, tzinfo=UTC)) == 10_000_000_000_000_001


def test_filter_words_are_all_required_and_quotes_are_plain_text(store: Store, opened: datetime) -> None:
    for title in ('Payout "held" again', "Payout released", 'Account x"y review', "Account review"):
        store.create(Incident(id="", title=title, kind="account-hold", opened_at=opened))
    store.refresh()
    now = opened + timedelta(days=1)

    def titles(*words: str) -> list[str]:
        assert store.index.count(list(words)) == len(store.index.page(now, 0, 9, list(words)))
        return sorted(s.title for s in store.index.page(now, 0, 9, list(words)))

    assert titles("payout", "held") == ['Payout "held" again']
    assert titles("account", "review") == ["Account review", 'Account x"y review']
    assert titles('x"y') == ['Account x"y review'] and titles('"held"') == ['Payout "held" again']
    assert titles('x"y', "review") == ['Account x"y review'] and titles('a"b') == []


def test_the_order_is_read_again_on_a_new_connection(board: Store, opened: datetime) -> None:
    now = opened + timedelta(days=6)
    board.scan()
    assert len(board.index.ordered(now)) == 12
    board.index.close()
    other = Store(board.data_dir, cache_dir=board.cache_dir)
    other.create(Incident(id="", title="Added elsewhere", kind="other", opened_at=opened))
    other.refresh()
    assert len(board.index.ordered(now)) == 13
    assert "Added elsewhere" in {s.title for s in Listing(board.index, now)}


def test_lists_carry_no_search_text_unless_asked(store: Store, opened: datetime) -> None:
    """Message text stays in the search table: a list, a page or a row never holds it."""
    made = Incident(id="", title="Hold", kind="account-hold", opened_at=opened)
    made.add_message(Message(at=opened, subject="Notice", body="secret words of the notice"))
    store.create(made)
    store.refresh()
    now = opened + timedelta(days=1)
    index = store.index
    for summary in (
        *index.summaries(),
        *index.page(now, 0, 9),
        *Listing(index, now),
        *index.iter_summaries(),
        *index.scan()[0],
    ):
        assert summary.search == ""
    assert "secret words" in index.summaries(search=True)[0].search


def test_closing_an_index_never_used_is_harmless(store: Store) -> None:
    fresh = Store(store.data_dir, cache_dir=store.cache_dir)
    fresh.index.close()
    assert fresh.index.count() == 0


def test_a_listing_that_finds_stale_rows_reads_their_files_again_with_progress(
    board: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    board.scan()
    board.index.close()
    conn = sqlite3.connect(board.index.path, isolation_level=None)
    conn.execute(
        "UPDATE incidents SET summary = '{}' WHERE name IN ('2026-11-20-other-03.toml', '2026-11-20-other-06.toml')"
    )
    conn.close()
    monkeypatch.setattr(index_db, "PROGRESS_EVERY", 1)
    heard: list[tuple[int, int]] = []
    summaries, _ = board.scan(progress=lambda done, total: heard.append((done, total)))
    assert len(summaries) == 12 and {s.title for s in summaries} >= {"case zebra 3", "case quokka 6"}
    assert len(heard) == 2 and all(total == 12 for _, total in heard)


def test_a_sqlite_without_the_trigram_tokenizer_is_told_apart(store: Store) -> None:
    """FTS5 with `tokenize='trigram'` came with SQLite 3.34; older or smaller builds refuse
    the probe, and the filter then runs as a plain substring search."""

    class WithoutTrigram:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("no such tokenizer: trigram")

    assert index_db.has_trigram(WithoutTrigram()) is False  # type: ignore[arg-type]
    assert index_db.has_trigram(sqlite3.connect(":memory:")) is True


@pytest.mark.parametrize("cache", ["folder", "a file in its place", "a file above it"])
def test_two_journals_sharing_a_cache_folder_each_list_their_own(tmp_path: Path, opened: datetime, cache: str) -> None:
    cache_dir = tmp_path / "shared-cache"
    if cache != "folder":  # no index can be kept on disk: each lives in memory
        cache_dir.write_text("not a folder")
    if cache == "a file above it":
        cache_dir = cache_dir / "cache"
    names = {"work": "Work hold", os.fsdecode(b"caf\xe9-\xff"): "Hold in a folder named in no encoding"}
    stores = {}
    for folder, title in names.items():
        stores[folder] = Store(tmp_path / folder, cache_dir=cache_dir)
        stores[folder].create(Incident(id="", title=title, kind="other", opened_at=opened))
    for _ in range(2):  # the second time from the index
        for folder, title in names.items():
            summaries, problems = stores[folder].scan()
            assert [s.title for s in summaries] == [title] and problems == []
    if cache == "folder":
        assert len({s.index.path for s in stores.values()}) == 2
    else:
        assert (tmp_path / "shared-cache").read_text() == "not a folder"


def test_the_json_index_of_this_folder_from_earlier_versions_is_removed(store: Store, opened: datetime) -> None:
    import hashlib

    store.create(Incident(id="", title="Hold", kind="other", opened_at=opened))
    digest = hashlib.sha256(str(store.incidents_dir.resolve()).encode()).hexdigest()[:16]
    store.cache_dir.mkdir(parents=True, exist_ok=True)
    for name in (f"index-{digest}.json", f"search-{digest}.json"):
        (store.cache_dir / name).write_text("{}")
    assert [s.title for s in store.scan()[0]] == ["Hold"]
    assert sorted(p.name for p in store.cache_dir.iterdir() if p.suffix == ".json") == []


def test_a_new_file_format_rebuilds_the_index(board: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    board.scan()
    board.index.close()
    monkeypatch.setattr(codec, "FORMAT_VERSION", codec.FORMAT_VERSION + 1)
    fresh = Store(board.data_dir, cache_dir=board.cache_dir)
    assert len(fresh.refresh().changed) == 12  # every file read again


def test_an_index_broken_while_open_is_rebuilt(board: Store) -> None:
    """Damage SQLite reports to a connection already open (here: its search tables dropped by
    another program) removes the database; the next check of the folder builds it again."""
    board.scan(search=True)
    path = board.index.path
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("DROP TABLE search_fts")
    other.execute("DROP TABLE search")
    other.close()
    board.scan(search=True)  # finds the damage: the database is made anew
    summaries, problems = board.scan(search=True)
    assert len(summaries) == 12 and problems == [] and all(s.search for s in summaries)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM search").fetchone()[0] == 12
