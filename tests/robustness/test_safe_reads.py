"""Every file the app reads is opened the same safe way (journal.safe_read): a FIFO, a
device-like file, a link or a huge file is refused in one line naming it, never waited on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest

from journal import config, drafts, eml, keep, safe_read, templates, undo
from journal.cli import main
from journal.store import Store
from tests.robustness.capped import run_capped


def finishes(call: Callable[[], object], seconds: float = 5.0) -> object:
    """The result of `call()` (or the exception it raised), failing the test if it is still
    running after `seconds` (a blocking open of a FIFO would never return)."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            box["value"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the read blocked"
    return box["value"]


@pytest.fixture
def saved(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["new", "--kind", "account-hold", "--title", "Hold", "--opened", "2026-11-20 09:00 +09:00"]) == 0
    capsys.readouterr()
    return Store().ids()[0]


def test_a_fifo_named_like_an_incident_does_not_hang_list_check_or_show(saved: str) -> None:
    store = Store()
    fifo = store.incidents_dir / "2026-11-21-other-fifo.toml"
    os.mkfifo(fifo, 0o600)
    for argv in (["list"], ["check"], ["show", "2026-11-21-other-fifo"]):
        done = subprocess.run(
            [sys.executable, "-m", "journal", *argv],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        lines = [line for line in done.stderr.splitlines() if str(fifo) in line]
        assert any("FIFO" in line for line in lines), (argv, done.stderr)
        assert "Traceback" not in done.stderr
        if argv[0] == "show":
            assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    listed = subprocess.run(
        [sys.executable, "-m", "journal", "list"], capture_output=True, text=True, timeout=20, check=False
    )
    assert saved in listed.stdout  # the other incidents still list


def test_every_reader_refuses_a_fifo_at_once(tmp_path: Path, saved: str) -> None:
    store = Store()
    fifo_for: dict[str, Path] = {
        "draft": drafts.draft_path(store, saved),
        "undo": undo.log_path(store, saved),
        "keep": store.data_dir / "exports" / "keep" / f"{saved}.json",
        "config": tmp_path / "config.toml",
        "template": tmp_path / "template.toml",
        "eml": tmp_path / "notice.eml",
        "import": tmp_path / "import.toml",
        "roster": store.data_dir / "contracts.toml",
        "rules": tmp_path / "rules.toml",
    }
    for path in fifo_for.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path, 0o600)
    from datetime import datetime

    from journal import importing, roster

    now = datetime(2026, 11, 22, tzinfo=UTC)
    assert finishes(lambda: drafts.load_draft(store, saved)) is None
    assert "FIFO" in str(finishes(lambda: undo.read_log(store, saved)))
    assert finishes(lambda: keep.load_keep(store, saved)) == []
    assert "FIFO" in str(finishes(lambda: config.load_config(fifo_for["config"]).problem))
    assert "FIFO" in str(finishes(lambda: templates.read_template_file(fifo_for["template"], "account-hold", "en")))
    assert "FIFO" in str(finishes(lambda: eml.read_eml(fifo_for["eml"], now)))
    assert "FIFO" in str(finishes(lambda: importing.read_import(fifo_for["import"])))
    assert "FIFO" in str(finishes(lambda: roster.load_roster(store)))
    from journal import rules

    assert "FIFO" in str(finishes(lambda: rules.read_rules_file(fifo_for["rules"])))
    from journal import attachments

    assert "FIFO" in str(finishes(lambda: attachments.copy_in(store, str(fifo_for["eml"]))))


@pytest.mark.parametrize("damage", ["fifo", "folder", "garbage", "link"])
def test_a_broken_cache_index_is_ignored_and_rebuilt(saved: str, damage: str, tmp_path: Path) -> None:
    store = Store()
    store.scan()
    cache = store.index.path
    store.index.close()
    assert cache.is_file()
    for companion in cache.parent.glob(cache.name + "*"):
        companion.unlink()
    if damage == "fifo":
        os.mkfifo(cache)
    elif damage == "folder":
        cache.mkdir()
    elif damage == "garbage":
        cache.write_text("[" * 200_000 + "]" * 200_000)
    else:
        cache.symlink_to(tmp_path / "elsewhere.db")
    fresh = Store()
    summaries, problems = finishes(fresh.scan)  # type: ignore[misc]
    assert [s.id for s in summaries] == [saved] and problems == []
    assert not (tmp_path / "elsewhere.db").exists()  # a link is never followed
    assert cache.is_file() and not cache.is_symlink()  # rebuilt
    fresh.index.close()
    assert sqlite3.connect(cache).execute("SELECT id FROM incidents").fetchall() == [(saved,)]


def test_an_endless_body_on_stdin_is_refused_under_a_memory_cap(saved: str, tmp_path: Path) -> None:
    zeros = subprocess.Popen(
        [sys.executable, "-c", "import sys\nb = bytes(1 << 16)\nwhile True: sys.stdout.buffer.write(b)"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        done = run_capped(
            Path(os.environ["INCIDENT_JOURNAL_DIR"]),
            "add-message",
            saved,
            "--sender",
            "x",
            "--subject",
            "s",
            "--at",
            "2026-11-20 10:00 +09:00",
            stdin=zeros.stdout,
        )
    finally:
        zeros.kill()
        zeros.wait()
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and "<stdin>" in err and "limit" in err and "MemoryError" not in err


def test_a_parser_running_out_of_stack_is_one_line_naming_the_file(tmp_path: Path) -> None:
    raised = safe_read.guarded
    with pytest.raises(safe_read.Unparsable) as caught:
        raised(lambda: (_ for _ in ()).throw(RecursionError()), "/x/file.toml", "the file")
    assert str(caught.value) == "/x/file.toml: the file is nested too deeply to read; not read"
    with pytest.raises(safe_read.Unparsable) as caught:
        raised(lambda: (_ for _ in ()).throw(MemoryError()), "/x/file.toml", "the file")
    assert "needs too much memory" in str(caught.value)
