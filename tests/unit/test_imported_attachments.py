"""Attachments of an imported incident are the sender's files: marked as imported, listed
with the sender's name, size and hash, and never looked up on this machine, whatever path
they give (absolute, climbing with `..`, `attachments/...`, `~nosuchuser/x`)."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from journal import attachments, codec
from journal.cli import main
from journal.evidence import IMPORTED, check_evidence
from journal.model import Attachment, SupportRequest
from journal.sharing import evidence_dirs_for
from journal.store import Store

SENDER_SHA = "ab" * 32
"""What the sender's file recorded (not the hash of any file here)."""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


_watched: list[str] = []
_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _watched and args and isinstance(args[0], str | bytes | os.PathLike):
        name = os.fsdecode(args[0])
        if any(w in name for w in _watched):
            _opened.append(name)


sys.addaudithook(_audit)


@pytest.fixture
def hostile_file(tmp_path: Path, capsys) -> tuple[Path, list[Path]]:
    """An incident file from someone else whose request attachments point at files of this
    machine (made under tmp_path, standing for /etc/passwd and /etc/shadow)."""
    secrets_dir = tmp_path / "etc"
    secrets_dir.mkdir()
    passwd, shadow = secrets_dir / "passwd", secrets_dir / "shadow"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    shadow.write_text("root:$6$secret:19000:0:99999:7:::\n")
    store = Store()
    # a file that really is in the recipient's journal, at the path the sender's file names
    local_copy = store.data_dir / "attachments" / "ab" / SENDER_SHA / "mine.pdf"
    local_copy.parent.mkdir(parents=True)
    local_copy.write_bytes(b"the recipient's own evidence")
    local_copy.chmod(0o600)
    for folder in (local_copy.parent, local_copy.parent.parent, local_copy.parent.parent.parent):
        folder.chmod(0o700)
    assert run(capsys, "new", "--kind", "other", "--title", "from a sender")[0] == 0
    incident_id = store.ids()[0]
    incident = store.load(incident_id)
    depth = "../" * 12
    incident.requests.append(
        SupportRequest(
            question="send the files",
            attachments=[
                Attachment(path=str(shadow), sha256=SENDER_SHA, size=123, original=str(shadow)),
                Attachment(path=f"{depth}{str(passwd).lstrip('/')}", sha256=SENDER_SHA, size=45),
                Attachment(path=f"attachments/ab/{SENDER_SHA}/mine.pdf", sha256=SENDER_SHA, size=67),
                Attachment(path="~nosuchuser-zz/x", sha256=SENDER_SHA, size=8),
                Attachment(path="~/passwd", sha256=SENDER_SHA, size=9),
            ],
        )
    )
    sent = tmp_path / "from-sender.toml"
    sent.write_text(codec.dumps(incident), encoding="utf-8")
    store.delete(incident_id)
    return sent, [passwd, shadow, local_copy]


def _imported_id(capsys, sent: Path) -> str:
    code, _, err = run(capsys, "import", str(sent))
    assert code == 0, err
    return Store().ids()[0]


def test_attachments_of_an_imported_incident_are_marked_and_kept_so(hostile_file, capsys) -> None:
    sent, _ = hostile_file
    incident_id = _imported_id(capsys, sent)
    store = Store()
    items = store.load(incident_id).requests[0].attachments
    assert [a.imported for a in items] == [True] * 5
    assert "imported = true" in store.path_for(incident_id).read_text()
    assert all(c.status == IMPORTED and not c.is_problem for c in check_evidence(store.load(incident_id)))
    assert attachments.path_only(store.load(incident_id)) == []  # `check --copy-in` never copies them


def test_export_and_show_never_read_the_recipients_files(hostile_file, capsys, monkeypatch) -> None:
    sent, local = hostile_file
    incident_id = _imported_id(capsys, sent)
    looked_up: list[str] = []
    real_lexists, real_stat = os.path.lexists, os.stat

    def lexists(path) -> bool:
        looked_up.append(os.fsdecode(path))
        return real_lexists(path)

    def stat(path, *args, **kwargs):
        looked_up.append(os.fsdecode(path) if not isinstance(path, int) else "")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "lexists", lexists)
    monkeypatch.setattr(os, "stat", stat)
    _watched[:] = [str(p) for p in local] + ["passwd", "shadow", "mine.pdf"]
    _opened.clear()
    try:
        code, summary, err = run(capsys, "export", incident_id, "--format", "markdown")
        show_code, shown, _ = run(capsys, "show", incident_id)
        check_code, _, check_err = run(capsys, "check")
    finally:
        _watched.clear()
    assert code == 0 and show_code == 0 and check_code == 0, (err, check_err)
    assert _opened == [], _opened
    assert not [p for p in looked_up if "passwd" in p or "shadow" in p or "mine.pdf" in p], looked_up
    for path in local:  # neither the size nor the hash of a local file is in the summary
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() not in summary + shown
    assert "CHECK FAILED" not in summary and "evidence for" not in err
    assert summary.count("the sender's file, not checked on this machine") == 5
    assert f"123 bytes, sha256 {SENDER_SHA}" in summary  # the sender's figures
    assert "- shadow (request 1)" in summary  # the sender's name, not the path
    assert shown.count("attachment (imported, the sender's file)") == 5
    assert "only a path" not in check_err


def test_local_relative_paths_resolve_only_inside_the_attachments_folder(tmp_path: Path) -> None:
    store = Store()
    store.ensure()
    outside = store.data_dir / "contracts.toml"
    outside.write_text("format = 1\n")
    inside = store.data_dir / "attachments" / "note.txt"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.write_text("mine")
    (store.data_dir / "attachments" / "door").symlink_to(store.data_dir)
    from journal.evidence import MISSING, check_attachment

    folders = evidence_dirs_for(store)
    for path in ("contracts.toml", "../contracts.toml", "door/contracts.toml", "attachments/../contracts.toml"):
        assert check_attachment(Attachment(path=path, sha256="0" * 64), "m", folders).status == MISSING, path
    assert check_attachment(Attachment(path="note.txt"), "m", folders).found_at == str(inside)
    assert check_attachment(Attachment(path="attachments/note.txt"), "m", folders).found_at.endswith("note.txt")
