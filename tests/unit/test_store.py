import errno
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from journal import atomic as store_module
from journal.errors import BadInputError, ConflictError, NotFoundError, StoreError
from journal.model import Event, Incident
from journal.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_create_writes_private_file_under_umask_022(tmp_path: Path, incident: Incident) -> None:
    old = os.umask(0o022)
    try:
        store = Store(tmp_path / "fresh", cache_dir=tmp_path / "c")
        store.create(incident)
    finally:
        os.umask(old)
    path = store.path_for(incident.id)
    assert incident.id == "2026-11-20-contract-suspension-contract-with-acme-suspended"
    assert _mode(path) == 0o600
    assert _mode(store.data_dir) == 0o700
    assert _mode(store.incidents_dir) == 0o700
    assert path.read_text().startswith("format = 1\n")


def test_load_returns_what_was_saved(store: Store, incident: Incident, opened: datetime) -> None:
    store.create(incident)
    incident.add_event(Event(at=opened, text="x"))
    store.save(incident)
    assert store.load(incident.id) == incident


def test_ids_are_unique(store: Store, incident: Incident, opened: datetime) -> None:
    first = store.create(incident).id
    second = store.create(Incident(id="", title=incident.title, kind=incident.kind, opened_at=opened)).id
    assert second == first + "-2"


def test_japanese_title_gives_an_ascii_id(store: Store, opened: datetime) -> None:
    created = store.create(Incident(id="", title="アカウント停止", kind="account-hold", opened_at=opened))
    assert created.id == "2026-11-20-account-hold"


@pytest.mark.parametrize("bad", ["../../x", "/etc/passwd", "a\x00b", "x" * 300, "ａｂｃ", "a.toml", "", "A"])
def test_paths_are_never_built_from_unchecked_text(store: Store, bad: str) -> None:
    with pytest.raises(BadInputError):
        store.path_for(bad)


def test_changed_on_disk_is_not_overwritten(store: Store, incident: Incident, opened: datetime) -> None:
    store.create(incident)
    path = store.path_for(incident.id)
    other = store.load(incident.id)
    other.add_event(Event(at=opened, text="written by someone else"))
    store.save(other)
    on_disk = path.read_bytes()
    incident.add_event(Event(at=opened, text="mine"))
    with pytest.raises(ConflictError, match="changed on disk"):
        store.save(incident)
    assert path.read_bytes() == on_disk


def test_deleted_underneath_is_not_recreated(store: Store, incident: Incident) -> None:
    store.create(incident)
    store.path_for(incident.id).unlink()
    incident.summary = "edit"
    with pytest.raises(ConflictError, match="deleted"):
        store.save(incident)
    assert not store.path_for(incident.id).exists()


def test_update_serialises_writers(store: Store, incident: Incident, opened: datetime) -> None:
    store.create(incident)
    for n in range(5):
        store.update(incident.id, lambda i, n=n: i.add_event(Event(at=opened + timedelta(minutes=n), text=f"e{n}")))
    assert [e.text for e in store.load(incident.id).events] == [f"e{n}" for n in range(5)]


def test_unknown_id(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no incident 'nope'"):
        store.load("nope")


def test_delete_moves_to_trash(store: Store, incident: Incident) -> None:
    store.create(incident)
    data = store.path_for(incident.id).read_bytes()
    target = store.delete(incident.id)
    assert target.parent == store.trash_dir
    assert target.read_bytes() == data
    assert not store.path_for(incident.id).exists()
    assert store.create(incident).id.endswith("-2")  # an id in the trash is not reused


def test_symlink_is_not_written_through(store: Store, incident: Incident, tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text("precious")
    store.create(incident)
    path = store.path_for(incident.id)
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises((StoreError, NotFoundError, ConflictError)):
        incident.revision = None
        store_module.atomic_write(path, b"new")
    assert outside.read_text() == "precious"


def test_temp_files_cleaned_on_next_start(store: Store, incident: Incident) -> None:
    store.create(incident)
    leftover = store.incidents_dir / f".{incident.id}.abc123.tmp"
    leftover.write_text("half a file")
    summaries, problems = store.scan()
    assert [s.id for s in summaries] == [incident.id] and not problems  # never read as an incident
    fresh = Store(store.data_dir, cache_dir=store.cache_dir)
    fresh.ensure()
    assert not leftover.exists()


def test_unstorable_text_refused_before_writing(store: Store, incident: Incident) -> None:
    store.create(incident)
    before = store.path_for(incident.id).read_bytes()
    incident.summary = "lone surrogate \ud800"
    with pytest.raises(BadInputError, match="cannot be stored"):
        store.save(incident)
    assert store.path_for(incident.id).read_bytes() == before


STEPS = [
    ("write", "write"),
    ("flush", "flush"),
    ("fsync", "fsync"),
    ("replace", "replace the file"),
    ("dir-fsync", "fsync the folder"),
]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS])
@pytest.mark.parametrize(("step", "words"), STEPS, ids=[s for s, _ in STEPS])
def test_injected_failure_leaves_old_file_and_no_temp(
    store: Store,
    incident: Incident,
    opened: datetime,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    words: str,
    code: int,
) -> None:
    store.create(incident)
    path = store.path_for(incident.id)
    before = path.read_bytes()
    incident.add_event(Event(at=opened, text="new evidence"))

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if step in ("write", "flush"):
        real_fdopen = os.fdopen

        class Failing:
            def __init__(self, *args: object) -> None:
                self.inner = real_fdopen(*args)

            def __getattr__(self, name: str) -> object:
                return boom if name == step else getattr(self.inner, name)

            def __enter__(self) -> "Failing":
                return self

            def __exit__(self, *exc: object) -> None:
                self.inner.close()

        monkeypatch.setattr(store_module.os, "fdopen", Failing)
    elif step == "fsync":
        real_fsync = os.fsync
        monkeypatch.setattr(
            store_module.os, "fsync", lambda fd: boom() if stat.S_ISREG(os.fstat(fd).st_mode) else real_fsync(fd)
        )
    elif step == "replace":
        monkeypatch.setattr(store_module.os, "replace", boom)
    else:
        monkeypatch.setattr(store_module, "fsync_dir", boom)
    with pytest.raises(StoreError) as caught:
        store.save(incident)
    monkeypatch.undo()
    message = str(caught.value)
    assert str(path) in message and words in message and "\n" not in message
    assert path.read_bytes() == before
    assert store.temp_files() == []
    assert store.load(incident.id).events == []
