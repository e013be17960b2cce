"""What `list --json`, the home screen and "now" read from the index, checked field by field,
and the index's reuse of what it cached (mutation testing, docs/mutation.md)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from journal.index import MAX_QUESTION_CHARS, SEARCH_MESSAGE_CHARS, Summary, search_text
from journal.model import ChecklistItem, Contract, Incident, Message, Money, SupportRequest
from journal.store import Store


def everything(opened: datetime) -> Incident:
    incident = Incident(
        id="",
        title="Hold",
        platform="Fiverr",
        kind="payment-hold",
        status="waiting",
        opened_at=opened,
        closed_at=opened + timedelta(days=9),
        follow_up_at=opened + timedelta(days=2),
        tags=["grey", "card"],
    )
    incident.messages = [
        Message(at=opened, sender="Support", subject="Hold", body="We paused payouts."),
        Message(at=opened, direction="sent", sender="me", subject="Re", body="Can you pay me directly?"),
    ]
    incident.checklist = [
        ChecklistItem(text="a", done_at=opened),
        ChecklistItem(text="b"),
        ChecklistItem(text="c", done_at=opened),
    ]
    incident.contracts = [
        Contract("Acme", deadline=date(2026, 11, 30), pending=Money(Decimal("1"), "USD")),
        Contract("Ended Co", state="ended", deadline=date(2026, 11, 21)),
        Contract("Paused Co", state="paused", deadline=date(2026, 12, 1)),
        Contract("No Date Co"),
    ]
    incident.requests = [
        SupportRequest(question="Which devices?", asked_at=opened),
        SupportRequest(question="Answered", answer="yes", answered_at=opened),
        SupportRequest(question="Answer typed, no time", answer="typed"),
        SupportRequest(question="Q" * (MAX_QUESTION_CHARS + 5)),
        SupportRequest(question="Time only", answered_at=opened),
    ]
    return incident


def test_a_summary_holds_every_field_lists_need(store: Store, opened: datetime) -> None:
    saved = store.create(everything(opened))
    expected = {
        "id": saved.id,
        "title": "Hold",
        "platform": "Fiverr",
        "kind": "payment-hold",
        "status": "waiting",
        "opened_at": opened.isoformat(),
        "closed_at": (opened + timedelta(days=9)).isoformat(),
        "follow_up_at": (opened + timedelta(days=2)).isoformat(),
        "tags": ["grey", "card"],
        "clients": ["Acme", "Ended Co", "Paused Co", "No Date Co"],
        "messages": 2,
        "events": len(saved.events),
        "checklist_done": 2,
        "checklist_total": 3,
        "contracts": 4,
        "open_requests": 2,
        "warnings": 1,
        "deadlines": [[0, "Acme", "2026-11-30", ""], [2, "Paused Co", "2026-12-01", ""]],
        "questions": [[0, "Which devices?", opened.isoformat()], [3, "Q" * MAX_QUESTION_CHARS, None]],
        "stops_work": None,
    }
    assert Summary.of(saved).to_json() == expected
    for _ in range(2):  # built from the file, then from the index
        (summary,), problems = store.scan()
        assert problems == [] and summary.to_json() == expected
        assert summary == Summary.of(saved)
    (cached,) = store.index.conn.execute(
        "SELECT summary FROM incidents WHERE name = ?", (f"{saved.id}.toml",)
    ).fetchone()
    assert json.loads(cached) == expected


def test_the_search_text_is_bounded_and_case_folded(opened: datetime) -> None:
    incident = Incident(id="x", title="ÉTÉ Hold", kind="other", opened_at=opened, tags=["Tag"])
    incident.contracts = [Contract("Northwind")]
    incident.messages = [
        Message(at=opened, sender="A", subject="S", body="w" * (SEARCH_MESSAGE_CHARS - 6)),
        Message(at=opened, sender="B", subject="later", body="never reached"),
    ]
    text = search_text(incident)
    assert text.startswith("été hold upwork other open northwind tag a s ")
    assert "never" not in text and text.endswith("b")  # the budget ends inside the second message
    summary = Summary.of(incident)
    assert summary.matches(["northwind", "été"]) and not summary.matches(["northwind", "absent"])
    bare = Summary.from_json(summary.to_json(), "x")
    assert bare.matches(["northwind", "tag", "open"]) and not bare.matches(["ww"])


def test_searching_twice_reads_no_file_the_second_time(
    store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        store.create(Incident(id="", title=f"Hold {n}", kind="other", opened_at=opened + timedelta(hours=n)))
    store.scan(search=True)
    read: list[str] = []
    real = Store.load_path
    monkeypatch.setattr(Store, "load_path", lambda self, path: read.append(path.name) or real(self, path))
    summaries, _ = store.scan(search=True)
    assert read == [] and all(s.search.startswith("hold ") for s in summaries)
    summaries, _ = store.scan()
    assert read == [] and all(s.search == "" for s in summaries)


def test_only_incident_files_are_listed_and_a_link_is_named(store: Store, opened: datetime, tmp_path: Path) -> None:
    made = [
        store.create(Incident(id="", title=f"Hold {n}", kind="other", opened_at=opened + timedelta(hours=n)))
        for n in range(3)
    ]
    folder = store.incidents_dir
    for n in range(3):
        (folder / f"a-link-{n}.toml").symlink_to(store.path_for(made[0].id))
    (folder / ".hidden.toml").write_text("x")
    (folder / "notes.txt").write_text("x")
    store.save_conflict_copy(made[1])
    summaries, problems = store.scan()
    assert sorted(s.id for s in summaries) == sorted(m.id for m in made)
    assert [p.message for p in problems] == [
        f"{folder / f'a-link-{n}.toml'}: is a symbolic link; not read" for n in range(3)
    ]
    assert [p.path for p in problems] == [str(folder / f"a-link-{n}.toml") for n in range(3)]
