"""Drafts keep the moment "now" meant when typed, and two apps drafting the same form keep
one file each (neither overwrites the other's)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from journal import drafts
from journal.store import Store

ROOT = Path(__file__).resolve().parents[2]
TYPED_ON = datetime.fromisoformat("2026-11-20T10:15:00+09:00")


def test_a_relative_moment_is_kept_as_the_moment_it_meant_when_typed(store: Store) -> None:
    drafts.save_draft(
        store,
        "2026-11-20-hold",
        {"at": "now", "asked_at": "-2h", "answered_at": "not a time yet", "body": "now"},
        "request-1",
        moments=("at", "asked_at", "answered_at"),
        now=TYPED_ON,
    )
    kept = drafts.load_draft(store, "2026-11-20-hold", "request-1")
    assert kept is not None
    assert datetime.fromisoformat(kept["at"]) == TYPED_ON
    assert datetime.fromisoformat(kept["asked_at"]) == datetime.fromisoformat("2026-11-20T08:15:00+09:00")
    assert kept["answered_at"] == "not a time yet"  # kept as typed
    assert kept["body"] == "now"  # only the moment fields are read as moments


def test_each_form_has_its_own_draft(store: Store) -> None:
    for form in ("message", "message-2", "request", "event-3", "incident", "contract-1", "checklist"):
        drafts.save_draft(store, "2026-11-20-hold", {"text": form}, form)
    for form in ("message", "message-2", "request", "event-3", "incident", "contract-1", "checklist"):
        assert drafts.load_draft(store, "2026-11-20-hold", form) == {"text": form}
    with pytest.raises(Exception, match="not a form name"):
        drafts.save_draft(store, "2026-11-20-hold", {"text": "x"}, "../../x")


WORKER = r"""
import sys
from journal import drafts
from journal.store import Store
store = Store(sys.argv[1])
drafts.save_draft(store, "2026-11-20-hold", {"body": sys.argv[2]}, "message")
print(drafts.draft_path(store, "2026-11-20-hold", "message"))
"""


def test_two_apps_drafting_the_same_form_keep_both_drafts(store: Store) -> None:
    written = [
        subprocess.run(
            [sys.executable, "-c", WORKER, str(store.data_dir), body],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for body in ("drafted in the first window", "drafted in the second window")
    ]
    assert written[0] != written[1]
    bodies = sorted(Path(p).read_text(encoding="utf-8") for p in written)
    assert "first window" in bodies[0] and "second window" in bodies[1]  # neither overwrote the other
    fields, others = drafts.restore_draft(store, "2026-11-20-hold", "message") or ({}, -1)
    assert fields["body"] == "drafted in the second window" and others == 1  # the newest, and one more kept
    assert Path(written[0]).exists() and not Path(written[1]).exists()  # taken over, not copied twice
    assert drafts.load_draft(store, "2026-11-20-hold", "message") == fields
    drafts.discard_draft(store, "2026-11-20-hold", "message")
    assert drafts.load_draft(store, "2026-11-20-hold", "message") == {"body": "drafted in the first window"}


def test_a_draft_of_an_older_version_is_still_read(store: Store) -> None:
    folder = store.data_dir / "drafts"
    folder.mkdir(parents=True)
    (folder / "2026-11-20-hold.message.json").write_text('{"body": "from before"}')
    assert drafts.load_draft(store, "2026-11-20-hold") == {"body": "from before"}


def test_an_edit_draft_is_keyed_by_its_item_and_an_orphan_is_kept_reachable(store: Store) -> None:
    """An edit's draft key is the item's fingerprint: the same for the item loaded again, a
    different one once the item changed. A draft whose item is gone becomes the draft of a
    new item of its kind; when that one exists already it stays in its file, named."""
    from journal.model import Event, Incident

    incident = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=TYPED_ON))
    incident.add_event(Event(at=TYPED_ON, text="Emailed support"))
    incident.add_event(Event(at=TYPED_ON.replace(hour=11), text="Support replied"))
    store.save(incident)
    loaded = store.load(incident.id)
    second = drafts.item_form("event", loaded.events[1])
    assert second == drafts.item_form("event", store.load(incident.id).events[1])  # stable across loads
    assert second != drafts.item_form("event", loaded.events[0])
    drafts.save_draft(store, incident.id, {"text": "Support replied: send an ID"}, second)
    del loaded.events[0]  # another item deleted: the draft's item is still there
    assert drafts.rescue_orphans(store, loaded) == []
    assert drafts.load_draft(store, incident.id, second) == {"text": "Support replied: send an ID"}
    loaded.events[0].text = "Support replied (edited elsewhere)"  # its item changed: gone as loaded
    assert drafts.rescue_orphans(store, loaded) == [("event", None)]
    assert drafts.load_draft(store, incident.id, "event") == {"text": "Support replied: send an ID"}
    assert drafts.load_draft(store, incident.id, second) is None
    drafts.save_draft(store, incident.id, {"text": "another gone edit"}, "event-7")  # an older version's, by row
    [(kind, left)] = drafts.rescue_orphans(store, loaded)  # a new event's draft exists: left where it is
    assert kind == "event" and left is not None and left.name.startswith(f"{incident.id}.event-7.")
    assert drafts.load_draft(store, incident.id, "event-7") == {"text": "another gone edit"}
