"""The installed command on a real pseudo-terminal: a stored title and body full of escape
sequences (ESC, OSC 0/8/52, CSI 2J, the C1 CSI U+009B, bidi overrides) are shown as visible
placeholders, and none of those sequences is ever among the bytes written to the terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.model import Incident, Message
from journal.store import Store
from tests.e2e.test_tmux import COMMAND, journal_env

TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(not COMMAND.exists(), reason="the command is not installed in this environment")

HOSTILE = (
    "\x1b]0;PWNED-TITLE\x07 \x1b]52;c;UFdORUQtQ0xJUA==\x07 \x1b]8;;https://evil.example/x\x1b\\link\x1b]8;;\x1b\\"
    " \x1b[2JWIPED \x9b31mC1RED \x1b[31mRED\x1b[0m \u202eEVIL\u202c"
)
FROM_CONTENT = [
    b"\x1b]0;PWNED",
    b"\x1b]52;",
    b"UFdORUQtQ0xJUA==\x07",
    b"\x1b]8;;https://evil",
    b"\x1b[2JWIPED",
    "\x9b".encode(),
    b"\x9b31m",
    b"\x1b[31mRED",
    "\u202e".encode(),
]


class Terminal:
    """A child process on a pty of 120x36; every byte it writes is kept."""

    def __init__(self, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.execve(str(COMMAND), [str(COMMAND)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.output = bytearray()

    def read(self, seconds: float = 0.1) -> None:
        while True:
            ready, _, _ = select.select([self.fd], [], [], seconds)
            if not ready:
                return
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text: str) -> None:
        start = len(self.output)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self.read()
            if text.encode() in self.output[max(0, start - 200) :]:
                return
        raise AssertionError(f"timed out waiting for {text!r}")

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> int | None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self.read(0.05)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def test_escape_sequences_in_stored_text_never_reach_the_terminal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data, cache_dir=tmp_path / "cache")
    opened = datetime(2026, 11, 20, 9, 12, tzinfo=timezone(timedelta(hours=9)))
    incident = Incident(id="", title="Hold " + HOSTILE, kind="account-hold", opened_at=opened, summary="S " + HOSTILE)
    incident.add_message(
        Message(
            at=opened, sender="Support " + HOSTILE, subject="Notice " + HOSTILE, body="Body " + HOSTILE + "\nline two"
        )
    )
    store.create(incident)
    env = journal_env(tmp_path, data)
    term = Terminal(env)
    try:
        term.wait_for("1 incident")
        term.send(b"\r")  # open the incident
        term.wait_for("Overview")
        term.send(b"2")
        term.wait_for("Notice")
        term.send(b"\r")  # read the message in full
        term.wait_for("line two")
        term.send(b"q")  # close the message
        term.read(0.5)
        term.send(b"\x1b")  # back home
        term.read(0.5)
        term.send(b"q")
    finally:
        code = term.close()
    assert code == 0
    shown = term.output.decode("utf-8", "replace")
    assert "PWNED-TITLE" in shown and "UFdORUQtQ0xJUA==" in shown and "WIPED" in shown  # the text was drawn
    assert "␛]0;PWNED-TITLE" in shown or "␛]0;PWNED" in shown  # as visible placeholders
    for raw in FROM_CONTENT:
        assert raw not in term.output, raw
