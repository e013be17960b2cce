"""SIGKILL of the terminal UI (the installed command on a real pseudo-terminal) while it
saves an incident and while it writes a draft: afterwards the incident file is the version
before the save or the one after it and loads, nothing saved before is lost, and every
draft file is a whole draft that loads."""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import time
from pathlib import Path

import pytest

from journal import drafts
from journal.store import Store
from tests.e2e.test_raw_terminal_bytes import Terminal
from tests.e2e.test_tmux import COMMAND, journal_env
from tests.robustness.conftest import big_incident

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the command is not installed in this environment")

KILLS = 6


def _setup(tmp_path: Path) -> tuple[Path, dict[str, str], str]:
    data = tmp_path / "data"
    store = Store(data, cache_dir=tmp_path / "cache")
    incident = big_incident("shared", messages=40, body_lines=40)  # ~1 MB, so a save takes a while
    incident.revision = None
    store.save(incident)
    config = tmp_path / "config"
    config.mkdir(mode=0o700)
    (config / "config.toml").write_text("history = false\n")
    return data, journal_env(tmp_path, data), incident.id


def _send_all(term: Terminal, data: bytes) -> None:
    """Write a big input in pieces, reading the app's output meanwhile (a pty holds only a
    few KB each way: writing it all at once would wait for ever on an app that is waiting
    for its own output to be read)."""
    view = memoryview(data)
    while view:
        _, writable, _ = select.select([], [term.fd], [], 0.05)
        if writable:
            written = os.write(term.fd, view[:1024])
            view = view[written:]
        term.read(0.0)


def _read_for(term: Terminal, seconds: float) -> None:
    """Read what the app writes for `seconds` (a blinking cursor never lets `read` end)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        term.read(0.01)


def _holds(path: Path, since: float, marker: str) -> bool:
    """A draft file written after `since` whose text has `marker` (the paste's last line)."""
    try:
        return path.name.endswith(".json") and path.stat().st_mtime >= since and marker in path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False  # replaced while we looked


def _read_until_a_draft(term: Terminal, folder: Path, seconds: float, since: float, marker: str) -> None:
    """Read what the app writes until a draft holding `marker` is written after `since`
    (time.time()), at most `seconds` (a loaded machine may take a while over a 60 KB paste),
    then a little longer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        term.read(0.05)
        if folder.is_dir() and any(_holds(p, since, marker) for p in folder.iterdir()):
            break
    _read_for(term, 0.2)


def _kill_after(term: Terminal, seconds: float) -> None:
    _read_for(term, seconds)
    os.kill(term.pid, signal.SIGKILL)
    os.waitpid(term.pid, 0)
    os.close(term.fd)


def test_sigkill_of_the_tui_while_it_saves_leaves_old_or_new_and_loses_nothing(tmp_path: Path) -> None:
    data, env, incident_id = _setup(tmp_path)
    rng = random.Random(13)
    kept: set[str] = set()
    for kill in range(KILLS):
        term = Terminal(env)
        try:
            term.wait_for("1 incident")
            term.send(b"\r")
            term.wait_for("Overview")
            term.send(b"4")  # the checklist
            _read_for(term, 0.3)
            term.send(b"a")
            term.wait_for("To do")
            term.send(f"item-{kill}".encode())
            _read_for(term, 0.2)
            term.send(b"\x13")  # ctrl+s: the save starts
            _kill_after(term, rng.uniform(0.0, 0.8))
        except BaseException:
            os.kill(term.pid, signal.SIGKILL)
            raise
        store = Store(data, cache_dir=tmp_path / "cache")
        store.ensure()  # the next start: temp files of the killed save are removed
        loaded = store.load(incident_id)  # a whole version, which loads
        items = {c.text for c in loaded.checklist if c.text.startswith("item-")}
        assert kept <= items <= kept | {f"item-{kill}"}, (kill, kept, items)  # old or new, nothing lost
        kept = items
        assert not [p.name for p in (data / "incidents").iterdir() if not p.name.endswith(".toml")]
        # the killed form's draft would be put back into the next run's form (and typed after):
        # this test is about the save, so each run starts without it
        shutil.rmtree(data / "drafts", ignore_errors=True)


def test_sigkill_of_the_tui_while_it_writes_a_draft_leaves_a_whole_draft(tmp_path: Path) -> None:
    data, env, incident_id = _setup(tmp_path)
    rng = random.Random(14)
    pasted = "".join(f"Notice line {n}: your account is on hold. アカウントを確認中です。\n" for n in range(800))
    found_drafts = 0
    for _ in range(KILLS):
        term = Terminal(env)
        try:
            term.wait_for("1 incident")
            term.send(b"\r")
            term.wait_for("Overview")
            term.send(b"2")
            _read_for(term, 0.3)
            term.send(b"a")
            term.wait_for("Body")
            term.send(b"\t" * 6)  # to the body
            pasted_at = time.time()
            _send_all(term, b"\x1b[200~" + pasted.encode() + b"\x1b[201~")  # a bracketed paste
            _read_until_a_draft(
                term, data / "drafts", 30.0, pasted_at, "Notice line 799"
            )  # written a second after the last change
            term.send(b"x" * 5)  # a change: the next write of the draft a second later ...
            _kill_after(term, rng.uniform(0.9, 1.4))  # ... is killed at some point of it
        except BaseException:
            os.kill(term.pid, signal.SIGKILL)
            raise
        store = Store(data, cache_dir=tmp_path / "cache")
        folder = data / "drafts"
        files = [p for p in folder.iterdir() if p.name.endswith(".json")] if folder.is_dir() else []
        for path in files:  # every draft file is whole JSON: never a torn one
            json.loads(path.read_text(encoding="utf-8"))
        found = drafts.load_draft(store, incident_id)
        if found is not None:
            found_drafts += 1
            assert pasted.replace("\n", "") in found.get("body", "").replace("\n", "").replace("\r", "")
    assert found_drafts >= 1  # the kills did land after a draft was written
