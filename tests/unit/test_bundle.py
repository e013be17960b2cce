"""One bundle for support: summary, incident and attached files with a MANIFEST.txt;
`verify-bundle` re-checks it and refuses a tampered one."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile

import pytest

from journal.cli import main


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def attached(capsys, monkeypatch, tmp_path) -> str:
    _, out, _ = cli(capsys, "new", "--kind", "account-hold", "--title", "Account on hold")
    incident_id = out.strip().splitlines()[-1]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Write to bob@example.com.\n")))
    cli(capsys, "add-message", incident_id, "--subject", "Hold", "--sender", "Upwork")
    for name, data in (("shot.png", b"\x89PNG one"), ("ids.pdf", b"%PDF two")):
        (tmp_path / name).write_bytes(data)
        assert cli(capsys, "attach", incident_id, "message", "1", str(tmp_path / name))[0] == 0
    (tmp_path / "shot.png").unlink()  # the bundle takes the journal's copy
    return incident_id


def entries(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_bundle_holds_summary_incident_files_and_a_manifest(capsys, tmp_path, attached):
    target = tmp_path / "support.zip"
    code, _, err = cli(capsys, "export", attached, "--bundle", str(target), "--lang", "ja")
    assert code == 0 and "2 file(s)" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    found = entries(target)
    assert sorted(found) == ["MANIFEST.txt", "files/1-shot.png", "files/2-ids.pdf", "incident.toml", "summary.md"]
    assert found["files/1-shot.png"] == b"\x89PNG one"
    assert "bob@example.com" in found["summary.md"].decode()
    manifest = found["MANIFEST.txt"].decode().splitlines()
    for name, data in found.items():
        if name != "MANIFEST.txt":
            assert f"{hashlib.sha256(data).hexdigest()}  {len(data)}  {name}" in manifest
    code, out, _ = cli(capsys, "verify-bundle", str(target))
    assert code == 0 and "4 file(s) match" in out
    code, _, err = cli(capsys, "export", attached, "--bundle", str(target))
    assert code == 1 and "already exists" in err
    assert cli(capsys, "export", attached, "--bundle", str(target), "--force")[0] == 0


def test_redacted_bundle_masks_and_holds_only_ticked_files(capsys, tmp_path, attached):
    target = tmp_path / "redacted.zip"
    code, _, err = cli(capsys, "export", attached, "--bundle", str(target), "--redact", "--with-file", "ids.pdf")
    assert code == 0 and "shot.png (message 1): not ticked" in err
    found = entries(target)
    assert [n for n in found if n.startswith("files/")] == ["files/2-file.pdf"]
    assert "bob@example.com" not in found["summary.md"].decode()
    assert "bob@example.com" not in found["incident.toml"].decode()
    assert cli(capsys, "verify-bundle", str(target))[0] == 0


@pytest.mark.parametrize("tamper", ["change", "add", "remove"])
def test_a_tampered_bundle_is_refused(capsys, tmp_path, attached, tamper):
    target = tmp_path / "support.zip"
    cli(capsys, "export", attached, "--bundle", str(target))
    found = entries(target)
    if tamper == "change":
        found["files/2-ids.pdf"] = b"%PDF TWO"  # same size, other bytes
    elif tamper == "add":
        found["files/3-extra.exe"] = b"MZ"
    else:
        del found["files/1-shot.png"]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in found.items():
            archive.writestr(name, data)
    code, out, err = cli(capsys, "verify-bundle", str(target))
    assert code == 1 and "do not rely on this bundle" in out
    assert {"change": "does not match", "add": "not listed", "remove": "missing"}[tamper] in err


def test_verify_bundle_refuses_what_is_not_a_bundle(capsys, tmp_path):
    (tmp_path / "plain.txt").write_text("hello")
    code, _, err = cli(capsys, "verify-bundle", str(tmp_path / "plain.txt"))
    assert code == 2 and "is not a zip file" in err
    code, _, err = cli(capsys, "verify-bundle", "/dev/null")
    assert code == 2 and "not a regular file" in err
    folder = tmp_path / "a-folder.zip"
    folder.mkdir()
    code, _, err = cli(capsys, "verify-bundle", str(folder))
    assert code == 2 and f"{folder}: is not a regular file" in err and err.count("\n") == 1
