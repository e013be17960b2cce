"""The installed command in a real terminal (tmux, 120x36): create an incident by keys,
check the file and the screen, quit with q and exit code 0."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

COMMAND = Path(sys.executable).with_name("incident-journal")
TIMEOUT = 30.0


def wait_for(check: Callable[[], bool], what: str) -> None:
    """Poll until `check()` is true (a real terminal has no pilot to await)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Tmux:
    def __init__(self, socket: Path, session: str) -> None:
        self.base = ["tmux", "-S", str(socket)]
        self.session = session

    def run(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def shows(self, text: str) -> Callable[[], bool]:
        return lambda: text in self.screen()


def journal_env(tmp_path: Path, data: Path, tz: str = "Asia/Tokyo") -> dict[str, str]:
    """A clean environment for the installed command: every folder under `tmp_path`; `tz` is
    the TZ variable (a zone name or a POSIX rule)."""
    return {
        "INCIDENT_JOURNAL_DIR": str(data),
        "INCIDENT_JOURNAL_CONFIG_DIR": str(tmp_path / "config"),
        "INCIDENT_JOURNAL_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "TZ": tz,
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": os.environ.get("PATH", ""),
    }


def start_journal(tmp_path: Path, data: Path, columns: int, rows: int, tz: str = "Asia/Tokyo") -> tuple[Tmux, Path]:
    """Start the installed command on `data` in a new tmux server of `columns` x `rows`, with
    a clean environment; returns the server and the file its exit status is written to."""
    status = tmp_path / "exit-status"
    env = journal_env(tmp_path, data, tz)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = f"env -i {exports} {shlex.quote(str(COMMAND))}; echo $? > {shlex.quote(str(status))}; sleep 60"
    tmux = Tmux(tmp_path / "tmux.sock", "journal")
    tmux.run("-f", "/dev/null", "new-session", "-d", "-s", "journal", "-x", str(columns), "-y", str(rows), command)
    return tmux, status


def test_create_an_incident_by_keys_in_a_real_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    tmux, status = start_journal(tmp_path, data, 120, 36)
    try:
        wait_for(tmux.shows("Press n to record the first one"), "the empty home screen")
        tmux.keys("n")
        wait_for(tmux.shows("New incident"), "the new-incident form")
        tmux.keys("Account hold: 確認中 [Upwork]", literal=True)
        tmux.keys("Enter")
        wait_for(tmux.shows("1 Overview"), "the incident screen")
        files = list((data / "incidents").glob("*.toml"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert 'title = "Account hold: 確認中 [Upwork]"' in text and 'platform = "Upwork"' in text
        assert "Account hold: 確認中 [Upwork]" in tmux.screen()
        tmux.keys("Escape")
        wait_for(tmux.shows("1 incident, most urgent first"), "home with the new incident")
        row = next(line for line in tmux.screen().splitlines() if "確認中" in line)
        assert "Upwork" in row and "open" in row
        tmux.keys("q")
        wait_for(lambda: status.exists() and status.read_text().strip() != "", "the command to end")
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
