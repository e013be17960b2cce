"""'Nothing was changed' only when nothing was changed: a failing stdout after a save says the
change was made; output the terminal's encoding cannot show is replaced, never an error."""

from __future__ import annotations

import errno
import io
import os
import sys

import pytest

from journal.cli import main
from journal.store import Store


class FullDisk(io.TextIOBase):
    """A stdout on a full disk: every write and flush raises ENOSPC (no real device used)."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failing_stdout_after_a_save_says_the_incident_was_saved(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(["new", "--kind", "other", "--title", "kept"])
    err = capsys.readouterr().err
    [incident_id] = Store().ids()
    assert code == 1
    assert "nothing was changed" not in err
    last = err.strip().splitlines()[-1]
    assert "the disk is full" in last and "saved" in last and incident_id in last


def test_a_failing_stdout_of_a_refused_command_still_says_it_failed(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdout", FullDisk())
    code = main(["show", "no-such-incident"])
    assert code == 1 and "no incident" in capsys.readouterr().err


def test_a_closed_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert main(["new", "--kind", "other", "--title", "x"]) == 0
    capsys.readouterr()
    reader, writer = os.pipe()
    os.close(reader)
    stream = io.TextIOWrapper(io.FileIO(writer, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["list"]) == 0
    assert capsys.readouterr().err == ""


def test_output_the_encoding_cannot_show_is_replaced(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert main(["new", "--kind", "other", "--title", "warn \u26a0 \u7d04\u675f"]) == 0
    capsys.readouterr()
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="euc_jp"))
    assert main(["list"]) == 0
    sys.stdout.flush()
    shown = raw.getvalue().decode("euc_jp")
    assert "warn ? \u7d04\u675f" in shown
    data = Store().path_for(Store().ids()[0]).read_bytes()
    assert "warn \u26a0 \u7d04\u675f".encode() in data  # the file stays UTF-8
