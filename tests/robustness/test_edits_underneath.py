"""Someone edits the file underneath (an editor, a sync tool, git): the change is detected
before the next save, which is refused; the edit survives; a file deleted underneath is not
recreated. The check is by content (SHA-256), so an edit that keeps size and mtime is caught,
and a touch that changes nothing is not a conflict."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from journal import cli
from journal.errors import ConflictError, NotFoundError, StoreError
from journal.model import Event, Incident
from journal.store import Store
from tests.robustness.conftest import T0, big_incident


@pytest.fixture
def loaded(store: Store) -> Incident:
    incident = big_incident("held", messages=3, body_lines=3)
    incident.revision = None
    store.save(incident)
    return store.load("held")


def _append_line(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("# a note added in an editor\n")


def _same_size_same_mtime(path: Path) -> None:
    info = path.stat()
    data = path.read_bytes().replace(b"Account on hold", b"Account ON HOLD", 1)
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _saved_by_rename(path: Path) -> None:
    """How many editors save: write a new file, rename it over."""
    other = path.with_name("held.toml~new")
    other.write_bytes(path.read_bytes().replace(b"Trust & Safety", b"Trust and Safety"))
    os.replace(other, path)


def _broken_by_hand(path: Path) -> None:
    path.write_text('format = 1\ntitle = "half typed')


EDITS: dict[str, Callable[[Path], None]] = {
    "appended": _append_line,
    "same-size-same-mtime": _same_size_same_mtime,
    "saved-by-rename": _saved_by_rename,
    "broken-by-hand": _broken_by_hand,
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_edit_underneath_is_detected_before_the_next_save(store: Store, loaded: Incident, edit: str) -> None:
    path = store.path_for("held")
    EDITS[edit](path)
    theirs = path.read_bytes()
    loaded.add_event(Event(at=T0, text="mine"))
    with pytest.raises(ConflictError) as caught:
        store.save(loaded)
    message = str(caught.value)
    assert message.startswith(f"{path}: changed on disk since it was loaded; not overwritten")
    assert "\n" not in message
    assert path.read_bytes() == theirs
    assert store.temp_files() == []


def test_edit_underneath_is_seen_by_the_list(store: Store, loaded: Incident) -> None:
    assert [s.title for s in store.scan()[0]] == ["Account on hold during the busiest week"]
    _same_size_same_mtime(store.path_for("held"))  # the index key includes ctime and inode
    assert [s.title for s in store.scan()[0]] == ["Account ON HOLD during the busiest week"]


def test_touch_without_change_is_not_a_conflict(store: Store, loaded: Incident) -> None:
    os.utime(store.path_for("held"), ns=(1, 1))
    loaded.add_event(Event(at=T0, text="mine"))
    store.save(loaded)
    assert store.load("held").events[-1].text == "mine"


def test_update_reads_the_edit_and_keeps_it(store: Store, loaded: Incident, capsys: pytest.CaptureFixture[str]) -> None:
    path = store.path_for("held")
    _saved_by_rename(path)
    assert cli.main(["add-event", "held", "after the edit"]) == 0
    again = store.load("held")
    assert again.messages[0].sender == "Trust and Safety"
    assert again.events[-1].text == "after the edit"


def test_deleted_underneath_is_not_recreated(
    store: Store, loaded: Incident, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path_for("held")
    path.unlink()
    loaded.add_event(Event(at=T0, text="mine"))
    with pytest.raises(ConflictError, match="was deleted since it was loaded; not recreated"):
        store.save(loaded)
    with pytest.raises(NotFoundError):
        store.update("held", lambda incident: incident.add_event(Event(at=T0, text="x")))
    assert cli.main(["add-event", "held", "x"]) == 1
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"body")))
    assert cli.main(["add-message", "held", "--subject", "s", "--sender", "x"]) == 1
    assert cli.main(["set-status", "held", "resolved"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all("no incident 'held'" in line for line in err)
    assert not os.path.lexists(path)
    assert store.temp_files() == []


def test_deleted_and_replaced_by_a_link_is_not_written_through(store: Store, loaded: Incident, tmp_path: Path) -> None:
    path = store.path_for("held")
    outside = tmp_path / "outside.toml"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    before = outside.read_bytes()
    loaded.add_event(Event(at=T0, text="mine"))
    with pytest.raises(StoreError, match="symbolic link"):
        store.save(loaded)
    with pytest.raises(StoreError, match="symbolic link"):
        store.update("held", lambda incident: incident.add_event(Event(at=T0, text="x")))
    assert outside.read_bytes() == before and path.is_symlink()


def test_a_second_loaded_copy_is_refused_after_the_first_saves(store: Store, loaded: Incident) -> None:
    """Two windows (or a window and a script) holding the same incident."""
    second = store.load("held")
    loaded.add_event(Event(at=T0, text="first"))
    store.save(loaded)
    second.add_event(Event(at=T0, text="second"))
    with pytest.raises(ConflictError):
        store.save(second)
    assert [e.text for e in store.load("held").events] == ["first"]
