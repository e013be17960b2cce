"""The store's promises checked where changing its code went unnoticed (mutation testing,
docs/mutation.md): the exact line a failed write gives, revisions after every write, the
names of conflict copies and trashed files, the size limit, links and temp files."""

from __future__ import annotations

import errno
import hashlib
import os
from datetime import datetime
from pathlib import Path

import pytest

import journal.atomic as store_module
from journal import codec
from journal.atomic import atomic_write
from journal.codec import FormatError
from journal.errors import BadInputError, ConflictError, NotFoundError, StoreError
from journal.model import Event, Incident
from journal.store import Store


@pytest.fixture
def saved(store: Store, opened: datetime) -> Incident:
    return store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_journal_lives_in_incidents_and_trash_folders(tmp_path: Path, saved: Incident, store: Store) -> None:
    assert (tmp_path / "data" / "incidents" / f"{saved.id}.toml").is_file()
    store.delete(saved.id)
    assert (tmp_path / "data" / "trash" / f"{saved.id}.toml").is_file()
    assert Store(tmp_path / "data").incidents_dir == tmp_path / "data" / "incidents"


def test_every_write_leaves_the_revision_of_the_file_on_disk(store: Store, saved: Incident, opened: datetime) -> None:
    path = store.path_for(saved.id)
    assert saved.revision == sha(path)
    saved.add_event(Event(at=opened, text="one"))
    store.save(saved)
    assert saved.revision == sha(path)
    saved.add_event(Event(at=opened, text="two"))
    store.save(saved)  # the same object saves again: its revision follows the file
    assert saved.revision == sha(path)
    updated = store.update(saved.id, lambda i: i.add_event(Event(at=opened, text="three")))
    assert updated.revision == sha(path)
    unchanged = store.update(saved.id, lambda i: None)
    assert unchanged.revision == sha(path)
    updated.add_event(Event(at=opened, text="four"))
    store.save(updated)
    assert [e.text for e in store.load(saved.id).events] == ["one", "two", "three", "four"]


def test_is_current_follows_the_file(store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch) -> None:
    path = store.path_for(saved.id)
    assert store.is_current(saved)
    path.write_bytes(path.read_bytes() + b"\n# touched\n")
    assert not store.is_current(saved)
    assert store.is_current(store.load(saved.id))
    fresh = store.load(saved.id)
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", 10)  # unreadable now: the save will say why
    assert store.is_current(fresh)
    monkeypatch.undo()
    path.unlink()
    assert not store.is_current(fresh)


def test_the_size_limit_is_the_first_byte_too_many(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path_for(saved.id)
    size = path.stat().st_size
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", size)
    assert store.load(saved.id).title == "Hold"
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(FormatError) as caught:
        store.load(saved.id)
    assert str(caught.value) == f"{path}: the file is {size:,} bytes; the limit is {size - 1:,}"


def test_reading_errors_name_the_file(store: Store, saved: Incident) -> None:
    missing = store.incidents_dir / "gone.toml"
    with pytest.raises(NotFoundError) as caught:
        store.load_path(missing)
    assert str(caught.value) == f"{missing}: no such incident"
    with pytest.raises(NotFoundError) as caught:
        store.load("gone")
    assert str(caught.value) == f"no incident 'gone' in {store.incidents_dir}"
    link = store.incidents_dir / "linked.toml"
    link.symlink_to(store.path_for(saved.id))
    with pytest.raises(StoreError) as caught:
        store.load_path(link)
    assert str(caught.value) == f"{link}: could not read the file: is a symbolic link; nothing was changed"
    with pytest.raises(BadInputError) as caught:
        store.path_for("../x")
    assert str(caught.value) == "'../x' is not a valid incident id (letters a-z, digits and '-')"


def test_a_link_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.toml"
    target.write_bytes(b"mine")
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    with pytest.raises(StoreError) as caught:
        atomic_write(link, b"new")
    assert str(caught.value) == f"{link}: is a symbolic link; Incident Journal does not write through links"
    assert target.read_bytes() == b"mine" and link.is_symlink()


def test_a_new_file_is_private_and_has_no_temp_left(tmp_path: Path) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    old = os.umask(0)
    try:
        atomic_write(tmp_path / "a.toml", b"x")
        atomic_write(tmp_path / "a.toml", b"y")
    finally:
        os.umask(old)
    assert (tmp_path / "a.toml").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


def _fail(code: int = errno.ENOSPC):
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return boom


@pytest.mark.parametrize(
    "step", ["create a temp file", "fsync", "keep the previous version", "replace the file", "fsync the folder"]
)
def test_a_failed_write_says_which_step_in_one_exact_line(
    store: Store, saved: Incident, opened: datetime, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = store.path_for(saved.id)
    before = path.read_bytes()
    saved.add_event(Event(at=opened, text="new"))
    real_open, real_fsync = os.open, os.fsync
    if step == "create a temp file":
        monkeypatch.setattr(
            store_module.os, "open", lambda p, *a, **k: _fail()() if str(p).endswith(".tmp") else real_open(p, *a, **k)
        )
    elif step == "fsync":
        monkeypatch.setattr(
            store_module.os, "fsync", lambda fd: _fail()() if os.path.isfile(f"/proc/self/fd/{fd}") else real_fsync(fd)
        )
    elif step == "keep the previous version":
        monkeypatch.setattr(store_module.os, "link", _fail())
    elif step == "replace the file":
        monkeypatch.setattr(store_module.os, "replace", _fail())
    else:
        monkeypatch.setattr(store_module, "fsync_dir", _fail())
    with pytest.raises(StoreError) as caught:
        store.save(saved)
    monkeypatch.undo()
    assert str(caught.value) == f"{path}: could not {step}: the disk is full; nothing was changed"
    assert path.read_bytes() == before
    assert sorted(p.name for p in store.incidents_dir.iterdir()) == [path.name]


def test_a_failed_create_leaves_no_file(store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "fsync_dir", _fail(errno.EIO))
    with pytest.raises(StoreError) as caught:
        store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert str(caught.value).endswith(": could not fsync the folder: input/output error; nothing was changed")
    monkeypatch.undo()
    assert list(store.incidents_dir.iterdir()) == []


def test_an_incident_that_would_not_read_back_is_refused_naming_its_file(store: Store, saved: Incident) -> None:
    path = store.path_for(saved.id)
    before = path.read_bytes()
    saved.extra = {"title": "a second title"}  # a known key: the file could not hold both
    with pytest.raises(StoreError) as caught:
        store.save(saved)
    assert str(caught.value) == f"{path}: would not read back exactly as entered; nothing was written"
    assert path.read_bytes() == before


def test_conflict_copies_in_one_second_get_numbered_names(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-24T12:00:00+09:00")
    names = [store.save_conflict_copy(saved).name for _ in range(3)]
    stamp = "20261124T120000"
    assert names == [
        f"{saved.id}.conflict-{stamp}.toml",
        f"{saved.id}.conflict-{stamp}-2.toml",
        f"{saved.id}.conflict-{stamp}-3.toml",
    ]
    for name in names:
        assert codec.loads((store.incidents_dir / name).read_text("utf-8")).title == "Hold"


def test_trashing_twice_keeps_both_and_new_ids_avoid_the_trash(store: Store, opened: datetime) -> None:
    first = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    store.delete(first.id)
    again = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert again.id == f"{first.id}-2"
    second = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    path = store.path_for(second.id)
    path.rename(store.path_for(first.id))  # a file with the trashed one's name again
    where = store.delete(first.id)
    assert (
        where.parent == store.trash_dir and where.name.startswith(f"{first.id}.") and where.name != f"{first.id}.toml"
    )
    assert len(list(store.trash_dir.iterdir())) == 2
    third = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert third.id not in {first.id, again.id}
    with pytest.raises(NotFoundError) as caught:
        store.delete(first.id)
    assert str(caught.value) == f"no incident {first.id!r} in {store.incidents_dir}"


def test_temp_files_are_only_dot_names_ending_in_tmp(store: Store, saved: Incident, tmp_path: Path) -> None:
    for name in (".x.abc.tmp", "x.tmp", ".x.toml", "notes.tmp.toml"):
        (store.incidents_dir / name).write_text("x")
    assert [p.name for p in store.temp_files()] == [".x.abc.tmp"]
    Store(store.data_dir, cache_dir=store.cache_dir).ensure()
    assert sorted(p.name for p in store.incidents_dir.iterdir()) == sorted(
        [".x.toml", "notes.tmp.toml", "x.tmp", f"{saved.id}.toml"]
    )
    assert Store(tmp_path / "nowhere").temp_files() == []


def test_a_saved_copy_loaded_before_a_delete_is_not_recreated(store: Store, saved: Incident) -> None:
    store.delete(saved.id)
    with pytest.raises(ConflictError):
        store.save(saved)
    assert not store.path_for(saved.id).exists()


def test_history_hears_each_write_once_with_its_action_file_and_label(
    store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store import Change

    heard: list[Change] = []
    store.on_change = heard.append
    made = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    path = store.path_for(made.id)
    made.add_event(Event(at=opened, text="one"))
    store.save(made, label="added an event")
    store.save(made)  # nothing changed: nothing written, nothing heard
    store.update(made.id, lambda i: i.add_event(Event(at=opened, text="two")))
    store.update(made.id, lambda i: None)
    monkeypatch.setattr("journal.clock.now", lambda: datetime(2026, 11, 29, 10, 0, 0))
    copy = store.save_conflict_copy(made)
    trashed = store.delete(made.id)
    assert heard == [
        Change("create", made.id, (path,), ""),
        Change("save", made.id, (path,), "added an event"),
        Change("save", made.id, (path,), ""),
        Change("conflict-copy", made.id, (copy,), ""),
        Change("delete", made.id, (path,), ""),
    ]
    assert copy.name == f"{made.id}.conflict-20261129T100000.toml"
    assert trashed == store.trash_dir / f"{made.id}.toml"


def test_a_failing_history_hook_never_fails_a_write(store: Store, opened: datetime) -> None:
    def broken(change: object) -> None:
        raise RuntimeError("history is broken")

    store.on_change = broken
    made = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert store.load(made.id).title == "Hold"


def test_the_step_after_a_write_hears_the_revision_of_the_file_written(store: Store, saved: Incident) -> None:
    """`after_write` (the undo step of a change) gets the revision now on disk, once per
    write, and nothing when nothing was written."""
    heard: list[str] = []
    saved.title = "Hold, renamed"
    store.save(saved, after_write=heard.append)
    assert heard == [sha(store.path_for(saved.id))] == [saved.revision]
    store.save(saved, after_write=heard.append)  # unchanged: not written, nothing heard
    updated = store.update(saved.id, lambda i: setattr(i, "title", "Hold, again"), after_write=heard.append)
    assert heard[1:] == [sha(store.path_for(saved.id))] == [updated.revision]
    store.update(saved.id, lambda i: None, after_write=heard.append)
    assert len(heard) == 2


def test_history_hears_a_change_without_label_and_never_a_change_that_wrote_nothing(
    store: Store, saved: Incident, opened: datetime
) -> None:
    from journal.store import Change

    heard: list[Change] = []
    store.on_change = heard.append
    path = store.path_for(saved.id)
    store.update(saved.id, lambda i: None)
    assert heard == []
    saved.add_event(Event(at=opened, text="one"))
    store.save(saved)
    assert heard == [Change("save", saved.id, (path,), "")]
    store.update(saved.id, lambda i: i.add_event(Event(at=opened, text="two")))
    assert heard[1:] == [Change("save", saved.id, (path,), "")]
    store.update(saved.id, lambda i: None)
    assert len(heard) == 2


def test_saving_a_new_incident_over_an_existing_file_is_refused(store: Store, saved: Incident) -> None:
    path = store.path_for(saved.id)
    before = path.read_bytes()
    twin = Incident(id=saved.id, title="Another", kind="other", opened_at=saved.opened_at)
    with pytest.raises(ConflictError) as caught:
        store.save(twin)
    assert str(caught.value) == f"{path}: already exists; not overwritten"
    assert path.read_bytes() == before


def test_text_that_cannot_be_stored_is_refused_in_one_line_naming_the_file(store: Store, saved: Incident) -> None:
    import re

    path = store.path_for(saved.id)
    saved.summary = "lone surrogate \ud800"
    with pytest.raises(BadInputError) as caught:
        store.save(saved)
    assert re.fullmatch(
        re.escape(f"{path}: cannot be stored: 'utf-8' codec can't encode character '\\ud800' in position ")
        + r"\d+: surrogates not allowed; nothing was written",
        str(caught.value),
    ), str(caught.value)


def test_a_conflict_copy_that_cannot_be_stored_names_the_copy(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-24T12:00:00+09:00")
    saved.extra = {"title": "a second title"}
    with pytest.raises(StoreError) as caught:
        store.save_conflict_copy(saved)
    copy = store.incidents_dir / f"{saved.id}.conflict-20261124T120000.toml"
    assert str(caught.value) == f"{copy}: would not read back exactly as entered; nothing was written"
    assert sorted(p.name for p in store.incidents_dir.iterdir()) == [f"{saved.id}.toml"]


def test_a_file_at_the_size_cap_is_saved_and_one_byte_over_is_refused(
    store: Store, saved: Incident, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal import limits

    path = store.path_for(saved.id)
    saved.add_event(Event(at=opened, text="x" * 2000))
    size = len(store.encode(saved))
    store.warnings.clear()
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", size)  # exactly full: still saved
    store.save(saved)
    assert len(path.read_bytes()) == size
    assert store.warnings == [limits.warning(saved, limits.usage(*_texts(saved)))]
    assert store.warnings[0].startswith(f"{saved.id}: 100% full: ")
    before = path.read_bytes()
    saved.add_event(Event(at=opened, text="y"))
    text, data = _texts(saved)
    with pytest.raises(BadInputError) as caught:
        store.save(saved)
    reason = limits.refusal(saved, limits.usage(text, data))
    assert str(caught.value) == f"{path}: {reason}"
    assert reason.startswith("cannot be saved: ") and reason.endswith("; nothing was changed")
    assert path.read_bytes() == before


def _texts(incident: Incident) -> tuple[str, bytes]:
    text = codec.dumps(incident)
    return text, text.encode("utf-8")


def test_a_warning_near_the_cap_is_given_once(
    store: Store, saved: Incident, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved.add_event(Event(at=opened, text="x" * 2000))
    size = len(store.encode(saved))
    store.warnings.clear()
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", int(size / 0.9))
    store.save(saved)
    store.update(saved.id, lambda i: None)
    assert len(store.warnings) == 1
    assert store.warnings[0].startswith(f"{saved.id}: 90% full: ")
    monkeypatch.setattr(codec, "MAX_FILE_BYTES", size * 2)
    fresh = Store(store.data_dir, cache_dir=store.cache_dir)
    fresh.update(saved.id, lambda i: i.add_event(Event(at=opened, text="z")))
    assert fresh.warnings == []


def test_a_trashed_file_under_a_stamped_name_still_holds_its_id(store: Store, opened: datetime) -> None:
    import re
    import time

    first = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    store.delete(first.id)
    again = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    again_path = store.path_for(again.id)
    again_path.rename(store.path_for(first.id))
    started = time.time()
    where = store.delete(first.id)  # the trash holds <id>.toml: this one gets a stamped name
    match = re.fullmatch(rf"{re.escape(first.id)}\.(\d{{8}}T\d{{6}})-[0-9a-f]{{4}}\.toml", where.name)
    assert match, where.name
    stamped = time.mktime(time.strptime(match[1], "%Y%m%dT%H%M%S"))
    assert started - 2 <= stamped <= time.time() + 1  # local time, to the second
    (store.trash_dir / f"{first.id}.toml").unlink()  # only the stamped name is left
    third = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert third.id == again.id != first.id  # the first free id; the trashed one stays taken


def test_a_failed_move_to_the_trash_says_so_in_one_line_and_keeps_the_file(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.store as store_code

    path = store.path_for(saved.id)
    monkeypatch.setattr(store_code.os, "replace", _fail())
    with pytest.raises(StoreError) as caught:
        store.delete(saved.id)
    monkeypatch.undo()
    assert str(caught.value) == f"{path}: could not move the file to the trash: the disk is full; nothing was changed"
    assert path.is_file()


def test_a_refresh_reports_progress_of_a_long_first_build(
    store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal import index_db

    monkeypatch.setattr(index_db, "PROGRESS_EVERY", 2)
    for n in range(4):
        store.create(Incident(id="", title=f"Hold {n}", kind="account-hold", opened_at=opened))
    heard: list[tuple[int, int]] = []
    refreshed = store.refresh(lambda done, total: heard.append((done, total)))
    assert heard == [(2, 4), (4, 4)] and len(refreshed.changed) == 4


@pytest.mark.parametrize(
    ("fault", "reason"),
    [(RecursionError, "is nested too deeply to read"), (MemoryError, "needs too much memory to read")],
)
def test_a_file_the_parser_gives_up_on_is_refused_naming_it(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch, fault: type[BaseException], reason: str
) -> None:
    path = store.path_for(saved.id)

    def give_up(data: bytes, where: str) -> Incident:
        raise fault()

    monkeypatch.setattr(codec, "load_bytes", give_up)
    with pytest.raises(FormatError) as caught:
        store.load(saved.id)
    assert str(caught.value) == f"{path}: the file {reason}; not read"


def test_a_save_over_a_changed_or_deleted_file_says_which_in_one_line(store: Store, saved: Incident) -> None:
    path = store.path_for(saved.id)
    path.write_bytes(path.read_bytes() + b"\n# edited by hand\n")
    saved.title = "Mine"
    with pytest.raises(ConflictError) as caught:
        store.save(saved)
    assert str(caught.value) == (
        f"{path}: changed on disk since it was loaded; not overwritten (reload it and try again)"
    )
    assert path.read_bytes().endswith(b"# edited by hand\n")
    path.unlink()
    with pytest.raises(ConflictError) as caught:
        store.save(saved)
    assert str(caught.value) == f"{path}: was deleted since it was loaded; not recreated"
    assert not path.exists()


def test_a_new_incident_whose_create_failed_is_saved_on_the_next_try(
    store: Store, opened: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.atomic

    made = Incident(id="", title="Hold", kind="account-hold", opened_at=opened, revision="0" * 64)
    monkeypatch.setattr(journal.atomic, "fsync_dir", _fail(errno.EIO))
    with pytest.raises(StoreError):
        store.create(made)
    monkeypatch.undo()
    assert made.revision is None  # not on disk: the next save creates it
    store.save(made)
    assert store.load(made.id).title == "Hold" and made.revision == sha(store.path_for(made.id))


def test_a_store_lives_in_the_folders_it_is_given(tmp_path: Path, opened: datetime) -> None:
    elsewhere = Store(tmp_path / "elsewhere", cache_dir=tmp_path / "my-cache")
    made = elsewhere.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert (tmp_path / "elsewhere" / "incidents" / f"{made.id}.toml").is_file()
    assert not (tmp_path / "data" / "incidents").exists()
    elsewhere.scan()
    assert elsewhere.index.path.parent == tmp_path / "my-cache" and elsewhere.index.path.is_file()
    default = Store(tmp_path / "elsewhere")  # the cache folder of the environment
    assert default.cache_dir == tmp_path / "cache" and default.index.path.parent == tmp_path / "cache"


def test_a_data_folder_that_cannot_be_made_is_named_in_one_line(tmp_path: Path, opened: datetime) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    store = Store(tmp_path / "a-file" / "journal")
    with pytest.raises(StoreError) as caught:
        store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    assert str(caught.value) == (
        f"{tmp_path / 'a-file' / 'journal'}: could not create the data folder: Not a directory; nothing was changed"
    )
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_opening_a_store_while_another_writes_waits_for_nothing(
    store: Store, saved: Incident, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    def no_waiting(seconds: float) -> None:
        raise AssertionError(f"waited {seconds} s for the lock")

    leftover = store.incidents_dir / f".{saved.id}.abc123.tmp"
    leftover.write_bytes(b"half")
    with store.lock():  # another writer holds the journal
        fresh = Store(store.data_dir, cache_dir=store.cache_dir)
        monkeypatch.setattr(time, "sleep", no_waiting)  # the lock is retried with sleeps
        fresh.ensure()
        monkeypatch.undo()
        assert fresh.load(saved.id).title == "Hold"
        assert leftover.exists()  # perhaps that writer's: left alone
    Store(store.data_dir, cache_dir=store.cache_dir).ensure()
    assert not leftover.exists()


def test_an_incidents_folder_that_is_a_link_is_read_but_never_written(
    tmp_path: Path, store: Store, saved: Incident
) -> None:
    real = tmp_path / "real-incidents"
    store.incidents_dir.rename(real)
    store.incidents_dir.symlink_to(real)
    linked = Store(store.data_dir, cache_dir=store.cache_dir)
    linked.ensure()
    assert linked.ids() == [saved.id]
    with pytest.raises(StoreError) as caught:
        linked.delete(saved.id)
    assert str(caught.value) == (
        f"{linked.incidents_dir}: is a symbolic link; Incident Journal does not write through links"
    )
    assert (real / f"{saved.id}.toml").is_file()
