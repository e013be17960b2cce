"""Drafts of a message: private, atomic, read back exactly, gone once discarded."""

from __future__ import annotations

import os
import stat

import pytest

from journal import drafts, privacy
from journal.errors import StoreError
from journal.store import Store

BODY = "お世話になっております。\r\n" + "x" * 1_000_000 + "\x1b]52;c;Zm9v\x07\n"


def test_draft_is_private_read_back_exactly_and_discarded(store: Store) -> None:
    old = os.umask(0o022)
    try:
        path = drafts.save_draft(store, "2026-11-20-hold", {"body": BODY, "subject": "件名"})
    finally:
        os.umask(old)
    assert path == store.data_dir / "drafts" / f"2026-11-20-hold.message.{drafts.OWNER}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert drafts.load_draft(store, "2026-11-20-hold") == {"body": BODY, "subject": "件名"}
    drafts.save_draft(store, "2026-11-20-hold", {"body": "shorter"})
    assert drafts.load_draft(store, "2026-11-20-hold") == {"body": "shorter"}
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    assert privacy.check(store.data_dir) == []
    assert store.scan() == ([], [])  # a draft is not an incident
    drafts.discard_draft(store, "2026-11-20-hold")
    drafts.discard_draft(store, "2026-11-20-hold")
    assert drafts.load_draft(store, "2026-11-20-hold") is None


def test_drafts_refuse_bad_ids_links_and_ignore_broken_files(store: Store, tmp_path) -> None:
    with pytest.raises(Exception, match="not a valid incident id"):
        drafts.save_draft(store, "../x", {"body": "b"})
    folder = store.data_dir / "drafts"
    folder.mkdir()
    (folder / "a.message.json").write_text("{not json")
    assert drafts.load_draft(store, "a") is None
    (folder / "a.message.json").unlink()
    folder.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder.symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        drafts.save_draft(store, "a", {"body": "b"})
    assert list(elsewhere.iterdir()) == []
