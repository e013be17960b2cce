"""A version kept after a conflict: saved beside the incident, private, never overwriting,
and never read as an incident or reported as a broken file."""

from __future__ import annotations

import copy
import os
import stat

import pytest

from journal import privacy
from journal.cli import main
from journal.ids import conflict_copy_of
from journal.model import Incident
from journal.store import Store


def test_conflict_copy_is_beside_private_and_never_overwrites(
    store: Store, incident: Incident, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-24T12:00:00+09:00")
    store.create(incident)
    mine = copy.deepcopy(incident)
    mine.summary = "my version"
    old = os.umask(0o022)  # the copy is private whatever the umask
    try:
        first = store.save_conflict_copy(mine)
        second = store.save_conflict_copy(mine)  # same second: a new name, the first kept
    finally:
        os.umask(old)
    assert first.name == f"{incident.id}.conflict-20261124T120000.toml"
    assert second.name == f"{incident.id}.conflict-20261124T120000-2.toml"
    assert first.parent == store.incidents_dir
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert store.load_path(first).summary == "my version"
    assert conflict_copy_of(first.name) == incident.id and conflict_copy_of(f"{incident.id}.toml") is None
    assert store.ids() == [incident.id]
    summaries, problems = store.scan()
    assert [s.id for s in summaries] == [incident.id] and problems == []
    assert privacy.check(store.data_dir) == []
    assert sorted(store.conflict_copies()) == sorted([first, second])
    assert main(["check"]) == 0
    err = capsys.readouterr().err
    assert f"{first}: a version kept after a conflict" in err
    assert store.temp_files() == []
