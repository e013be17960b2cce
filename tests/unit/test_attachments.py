"""Attachments copied into the journal: content-addressed by SHA-256, stored once, private,
verified on read; links, FIFOs and devices refused; path-only ones copied in by `check`."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from journal import attachments
from journal.cli import main
from journal.codec import load_bytes
from journal.errors import BadInputError
from journal.model import Attachment, SupportRequest


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def with_message(capsys, monkeypatch) -> str:
    code, out, _ = cli(capsys, "new", "--kind", "account-hold", "--title", "Account on hold")
    incident_id = out.strip().splitlines()[-1]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"On hold.\n")))
    assert cli(capsys, "add-message", incident_id, "--subject", "Hold", "--sender", "Upwork")[0] == 0
    return incident_id


def test_attach_copies_the_file_by_its_hash_and_moving_the_original_breaks_nothing(capsys, tmp_path, with_message):
    shot = tmp_path / "home" / "shot 1.png"
    shot.write_bytes(b"\x89PNG screenshot")
    code, _, err = cli(capsys, "attach", with_message, "message", "1", str(shot))
    assert code == 0 and err.startswith("Attached shot 1.png to message 1"), err  # no ␍ or other mark before it
    data = tmp_path / "data"
    kept = list((data / "attachments").rglob("shot 1.png"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x89PNG screenshot"
    sha = kept[0].parent.name
    assert kept[0].parent.parent.name == sha[:2]
    assert stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    for folder in (data / "attachments", kept[0].parent.parent, kept[0].parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    incident = load_bytes((data / "incidents" / f"{with_message}.toml").read_bytes())
    item = incident.messages[0].attachments[0]
    assert item.path == f"attachments/{sha[:2]}/{sha}/shot 1.png" and item.sha256 == sha and item.size == 15
    assert item.original == str(shot) and item.attached_at is not None
    shot.unlink()  # the original is gone: the journal's copy still checks out
    code, _, err = cli(capsys, "check")
    assert code == 0 and "problems" not in err


def test_the_same_file_twice_is_stored_once(store, tmp_path):
    one, two = tmp_path / "a.pdf", tmp_path / "b.pdf"
    one.write_bytes(b"same bytes")
    two.write_bytes(b"same bytes")
    first, second = attachments.copy_in(store, one), attachments.copy_in(store, two)
    assert first.sha256 == second.sha256 and first.path == second.path  # the first name is kept
    assert len([p for p in (store.data_dir / "attachments").rglob("*") if p.is_file()]) == 1


def test_a_changed_copy_is_detected(capsys, tmp_path, with_message):
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"original")
    cli(capsys, "attach", with_message, "message", "1", str(shot))
    kept = next((tmp_path / "data" / "attachments").rglob("shot.png"))
    kept.write_bytes(b"tampered")
    code, out, err = cli(capsys, "check")
    assert code == 2 and "is changed" in err and "1 with problems" in out


@pytest.mark.parametrize("kind", ["fifo", "link", "folder", "device"])
def test_files_that_are_not_regular_are_refused(store, tmp_path, kind):
    target = tmp_path / "odd"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link":
        (tmp_path / "real").write_bytes(b"x")
        target.symlink_to(tmp_path / "real")
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/zero")
    with pytest.raises(BadInputError) as raised:
        attachments.copy_in(store, target)
    assert str(target) in str(raised.value)
    assert not [p for p in (store.data_dir / "attachments").rglob("*") if p.is_file()]


def test_a_cancelled_copy_leaves_nothing(store, tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * (3 * attachments.CHUNK))
    stop = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        stop.set()

    with pytest.raises(attachments.Cancelled):
        attachments.copy_in(store, big, progress=progress, cancel=stop)
    assert seen == [attachments.CHUNK]
    assert [p for p in (store.data_dir / "attachments").rglob("*") if p.is_file()] == []


def test_check_offers_to_copy_path_only_attachments_in(capsys, store, tmp_path, with_message):
    old = tmp_path / "devices.txt"
    old.write_bytes(b"my laptop")
    sha = __import__("hashlib").sha256(b"my laptop").hexdigest()

    def add_old(incident) -> None:
        incident.requests.append(
            SupportRequest(question="Which devices?", attachments=[Attachment(path=str(old), sha256=sha, size=9)])
        )

    store.update(with_message, add_old)
    code, _, err = cli(capsys, "check")
    assert code == 0 and "1 attachment(s) are only a path" in err and "check --copy-in" in err
    code, _, err = cli(capsys, "check", "--copy-in")
    assert code == 0 and "copied 1 attachment(s)" in err
    item = store.load(with_message).requests[0].attachments[0]
    assert item.path == f"attachments/{sha[:2]}/{sha}/devices.txt" and item.original == str(old)
    old.unlink()
    assert cli(capsys, "check")[0] == 0


def test_attach_to_a_missing_item_says_so_before_copying(capsys, tmp_path, with_message):
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"x")
    code, _, err = cli(capsys, "attach", with_message, "request", "4", str(shot))
    assert code == 2 and "there is no number 4" in err
    assert not (tmp_path / "data" / "attachments").exists()
