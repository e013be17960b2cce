"""The command line's item commands: delete-item, undo, redo, tick, untick, tell, answer, reply."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from journal import undo
from journal.store import Store
from journal.timeparse import parse_moment
from tests.unit.test_cli import feed_stdin, run


@pytest.fixture
def held(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "en")
    code, out, err = run(
        capsys, "new", "--kind", "security-review", "--title", "Security hold", "--opened", "2026-11-20 09:12"
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]


def test_delete_item_keeps_the_previous_version_and_undo_redo_bring_it_back(held: str, capsys, tmp_path: Path) -> None:
    store = Store()
    first = store.load(held).checklist[0].text
    code, _, err = run(capsys, "delete-item", held, "checklist", "1")
    assert code == 0, err
    assert f'Deleted checklist item 1 "{first[:20]}' in err and "trash" in err
    assert first not in [c.text for c in store.load(held).checklist]
    trashed = list(store.trash_dir.iterdir())
    assert len(trashed) == 1 and first in trashed[0].read_text()
    log = undo.log_path(store, held)
    assert log == store.data_dir / "undo" / f"{held}.json"
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    code, _, err = run(capsys, "undo", held)
    assert code == 0 and "Undone: Deleted checklist item 1" in err
    assert store.load(held).checklist[0].text == first
    code, _, err = run(capsys, "redo", held)
    assert code == 0 and first not in [c.text for c in store.load(held).checklist]
    run(capsys, "undo", held)
    code, _, err = run(capsys, "undo", held)
    assert code == 1 and "nothing to undo" in err


def test_delete_item_out_of_range_is_one_line_and_changes_nothing(held: str, capsys) -> None:
    before = Store().path_for(held).read_bytes()
    code, _, err = run(capsys, "delete-item", held, "contracts", "3")
    assert code == 2 and err.count("\n") == 1 and "there is no contract 3" in err
    assert Store().path_for(held).read_bytes() == before


def test_undo_refuses_when_the_file_changed_meanwhile(held: str, capsys) -> None:
    run(capsys, "delete-item", held, "checklist", "1")
    store = Store()
    other = store.load(held)
    other.title = "Edited elsewhere"
    store.save(other)
    code, _, err = run(capsys, "undo", held)
    assert code == 1 and "changed on disk" in err and "nothing was overwritten" in err
    assert store.load(held).title == "Edited elsewhere"


def test_tick_at_a_moment_adds_the_linked_event_once_and_untick_removes_it(held: str, capsys) -> None:
    code, _, err = run(capsys, "tick", held, "1", "--at", "2026-11-21 10:00")
    assert code == 0 and "password-changed added" in err
    run(capsys, "tick", held, "1", "--at", "2026-11-21 10:00")
    incident = Store().load(held)
    assert incident.checklist[0].done_at == parse_moment("2026-11-21 10:00")
    assert [e.kind for e in incident.events].count("password-changed") == 1
    run(capsys, "untick", held, "1")
    incident = Store().load(held)
    assert incident.checklist[0].done_at is None and "password-changed" not in [e.kind for e in incident.events]


def test_an_event_ticks_its_linked_item(held: str, capsys) -> None:
    code, _, err = run(
        capsys, "add-event", held, "Told Acme and Northwind", "--kind", "client-notified", "--at", "2026-11-21 12:00"
    )
    assert code == 0 and "ticked" in err
    item = next(c for c in Store().load(held).checklist if c.event == "client-notified")
    assert item.done_at == parse_moment("2026-11-21 12:00")


def test_reinstated_event_says_how_to_close_at_its_moment(held: str, capsys) -> None:
    code, _, err = run(capsys, "add-event", held, "Account back", "--kind", "reinstated", "--at", "2026-11-22 10:05")
    assert code == 0 and f"set-status {held} resolved --at 2026-11-22T10:05" in err
    run(capsys, "set-status", held, "resolved", "--at", "2026-11-22 10:05")
    assert Store().load(held).closed_at == parse_moment("2026-11-22 10:05")


def test_answer_and_reply_log_sets_answered_at(held: str, capsys, monkeypatch, tmp_path: Path) -> None:
    shot = tmp_path / "ip.png"
    shot.write_bytes(b"png bytes")
    feed_stdin(monkeypatch, b"203.0.113.7, no VPN\n")
    code, _, err = run(
        capsys, "answer", held, "1", "--question", "Send us a screenshot of whatismyip.com", "--attach", str(shot)
    )
    assert code == 0, err
    code, out, err = run(capsys, "reply", held)
    assert code == 0, err
    assert "> Send us a screenshot of whatismyip.com" in out and "203.0.113.7, no VPN" in out
    assert "ip.png (9 bytes, SHA-256 " in out
    assert Store().load(held).messages == []  # without --log nothing is recorded
    code, out, err = run(capsys, "reply", held, "--log", "--at", "2026-11-21 15:00")
    assert code == 0 and "Recorded as a sent message" in err
    incident = Store().load(held)
    assert incident.messages[0].direction == "sent" and incident.messages[0].at == parse_moment("2026-11-21 15:00")
    assert incident.requests[0].answered_at == incident.messages[0].at
    assert incident.requests[0].suggested is False and incident.requests[1].suggested is True


def test_reply_with_nothing_answered_is_refused(held: str, capsys) -> None:
    code, out, err = run(capsys, "reply", held)
    assert code == 2 and out == "" and "no support request has an answer yet" in err


def test_tell_marks_the_client_told_with_an_event(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, "contracts", "add", "--client", "Acme Ltd", "--deadline", "2026-11-30")
    assert code == 0
    code, out, _ = run(capsys, "new", "--kind", "account-hold", "--title", "Hold", "--opened", "2026-11-20 09:00")
    incident_id = out.strip().splitlines()[-1]
    code, _, err = run(capsys, "tell", incident_id, "1", "--at", "2026-11-20 12:00")
    assert code == 0 and "client-notified added" in err
    incident = Store().load(incident_id)
    assert incident.contracts[0].client_told_at == parse_moment("2026-11-20 12:00")
    assert any(e.kind == "client-notified" and "Acme Ltd" in e.text for e in incident.events)


def test_add_message_with_an_empty_body_warns(held: str, capsys, monkeypatch) -> None:
    feed_stdin(monkeypatch, b"")
    code, _, err = run(capsys, "add-message", held, "--subject", "Call", "--sender", "Support", "--channel", "phone")
    assert code == 0 and "warning: the message has an empty body" in err


def test_export_save_keep_and_lang(held: str, capsys, monkeypatch) -> None:
    body = b"Write to noreply@upwork.com. Your IP 203.0.113.7 and me@example.com\n"
    feed_stdin(monkeypatch, body)
    run(capsys, "add-message", held, "--subject", "Temporary hold", "--sender", "Upwork", "--at", "2026-11-20 10:00")
    code, _, err = run(capsys, "export", held, "--format", "markdown", "--redact", "--keep", "203.0.113.7", "--save")
    assert code == 0, err
    target = (Store().data_dir / "exports" / f"{held}.md").resolve()
    assert f"Wrote {target} " in err and "2 kept as written" in err
    text = target.read_text()
    assert "noreply@upwork.com" in text and "203.0.113.7" in text and "me@example.com" not in text
    assert "Notice received: Temporary hold" in text and "Received: Temporary hold" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    code, out, _ = run(capsys, "export", held, "--format", "markdown", "--lang", "ja")
    assert code == 0 and "## メッセージ (1)" in out and "- 種類: セキュリティ審査" in out
    code, _, err = run(capsys, "export", held, "--keep", "x")
    assert code == 2 and "--keep only applies with --redact" in err


def test_a_writer_slipping_in_after_the_save_cannot_make_it_look_refused(
    held: str, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change and its undo step are written under one hold of the lock: another writer
    that takes the journal right after the incident is saved cannot turn a saved change into
    "another Incident Journal is writing" (which once left a change the user was told failed)."""
    from journal.errors import BusyError

    real_lock = Store.lock
    holds = []

    def lock_once(self: Store, timeout: float | None = None):
        if timeout != 0:  # the start-up tidy-up only tries the lock, and skips when busy
            holds.append(timeout)
        if len(holds) > 1:
            raise BusyError(f"{self.data_dir}: another Incident Journal is writing; try again")
        return real_lock(self, timeout)

    store = Store()
    store.ensure()
    monkeypatch.setattr(Store, "lock", lock_once)
    code, _, err = run(capsys, "add-event", held, "Support replied")
    assert code == 0, err
    assert "Support replied" in [e.text for e in Store().load(held).events]
    assert undo.next_undo(Store(), held) is not None  # the undo step was recorded too
