"""Attachments given with a relative path are looked up only inside the folders given (the
data folder's attachments/), never above them; `~nosuchuser` does not crash an export."""

from __future__ import annotations

from pathlib import Path

from journal.evidence import MISSING, check_attachment
from journal.model import Attachment


def test_a_relative_path_never_climbs_out_of_the_attachments_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    folder = tmp_path / "data" / "attachments"
    folder.mkdir(parents=True)
    (folder / "mine.pdf").write_bytes(b"pdf")
    climbing = check_attachment(Attachment(path="../../secret.txt", sha256="0" * 64, size=9), "message 1", [folder])
    assert climbing.status == MISSING and climbing.found_at in ("", None)
    inside = check_attachment(Attachment(path="mine.pdf", sha256="", size=3), "message 1", [folder])
    assert inside.found_at == str(folder / "mine.pdf")


def test_an_unknown_user_in_a_path_is_missing_not_a_crash(tmp_path: Path) -> None:
    check = check_attachment(Attachment(path="~nosuchuser-zz/x", sha256="0" * 64, size=1), "message 1", [tmp_path])
    assert check.status == MISSING
