import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal.index import INDEX_VERSION, Index, sort_urgent
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


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "not json at all",
        lambda text: text.replace('"folder": "', '"folder": "/elsewhere'),
        lambda text: text.replace(f'"version": {INDEX_VERSION}', '"version": 99'),
        lambda text: json.dumps(
            {"version": INDEX_VERSION, "format": 1, "folder": json.loads(text)["folder"], "files": {"x.toml": 5}}
        ),
    ],
    ids=["truncated", "garbage", "foreign-folder", "other-version", "malformed-entry"],
)
def test_damaged_index_is_rebuilt(journal: Store, damage, parses: list[str]) -> None:
    journal.scan()
    index_path = Index(journal).path
    index_path.write_text(damage(index_path.read_text()))
    parses.clear()
    summaries, problems = journal.scan()
    assert sorted(s.title for s in summaries) == ["Incident 0", "Incident 1", "Incident 2"]
    assert not problems
    assert len(parses) == 3


def test_stale_entry_with_wrong_data_is_never_shown(journal: Store) -> None:
    journal.scan()
    index_path = Index(journal).path
    data = json.loads(index_path.read_text())
    for record in data["files"].values():
        record["summary"]["title"] = "WRONG"
        record["key"][1] -= 1  # an older mtime: the file changed since
    index_path.write_text(json.dumps(data))
    summaries, _ = journal.scan()
    assert "WRONG" not in {s.title for s in summaries}


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
    index = Index(store)
    assert "secret notice text" not in index.path.read_text()
    assert "secret notice text" in index.search_path.read_text()
    index.search_path.unlink()
    parses.clear()
    (summary,), _ = store.scan()  # a plain listing needs no search text: nothing is parsed
    assert parses == [] and summary.title == "Hold"
    (summary,), _ = store.scan(search=True)  # the missing search text is rebuilt from the file
    assert parses == [f"{incident.id}.toml"] and summary.matches(["secret"])


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
