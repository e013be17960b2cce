"""The app only changes modes of folders it created: an existing --data-dir, and a data or
cache folder that is a link, keep their mode (and their target's); a warning says so."""

from __future__ import annotations

import os
from pathlib import Path

from journal.cli import main


def test_an_existing_data_dir_is_not_chmodded_but_warned_about(tmp_path: Path, capsys) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    data.chmod(0o755)
    assert main(["--data-dir", str(data), "list"]) == 0
    assert data.stat().st_mode & 0o777 == 0o755
    assert str(data) in capsys.readouterr().err  # the privacy warning names it
    assert (data / "incidents").stat().st_mode & 0o777 == 0o700  # what it created is private


def test_a_linked_data_or_cache_folder_is_not_chmodded_through(tmp_path: Path, monkeypatch, capsys) -> None:
    target = tmp_path / "target"
    target.mkdir()
    target.chmod(0o755)
    cache_target = tmp_path / "cache-target"
    cache_target.mkdir()
    cache_target.chmod(0o755)
    link = tmp_path / "link"
    link.symlink_to(target)
    cache = tmp_path / "cache-link"
    cache.symlink_to(cache_target)
    monkeypatch.setenv("INCIDENT_JOURNAL_CACHE_DIR", str(cache))
    main(["--data-dir", str(link), "list"])
    assert target.stat().st_mode & 0o777 == 0o755 and cache_target.stat().st_mode & 0o777 == 0o755
    assert os.path.islink(link)


def test_a_new_data_folder_is_created_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    data = tmp_path / "new" / "journal"
    try:
        assert main(["--data-dir", str(data), "list"]) == 0
    finally:
        os.umask(old)
    assert data.stat().st_mode & 0o777 == 0o700
