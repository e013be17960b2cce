"""Privacy: files 0600 and folders 0700 whatever the umask; a warning at start-up when
anything in the data folder is open to other users or belongs to someone else; links
inside the data folder are never followed for writes."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal import cli, config, privacy
from journal.cli.run import PRIVACY_WARNINGS_SHOWN
from journal.errors import JournalError
from journal.store import Store
from tests.robustness.conftest import big_incident, snapshot


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _run(*argv: str) -> int:
    return cli.main(list(argv))


def _every_entry(*folders: Path) -> Iterator[tuple[Path, os.stat_result]]:
    for folder in folders:
        yield folder, folder.lstat()
        for path in folder.rglob("*"):
            yield path, path.lstat()


def test_everything_written_is_private_under_umask_022(
    umask_022: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run("new", "--kind", "account-hold", "--title", "Hold") == 0
    incident_id = capsys.readouterr().out.split()[-1]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Your account is on hold.")))
    assert _run("add-message", incident_id, "--subject", "Hold", "--sender", "Support") == 0
    assert _run("add-event", incident_id, "called support") == 0
    assert _run("list") == 0
    capsys.readouterr()
    exported = tmp_path / "exported.toml"
    assert _run("export", incident_id) == 0
    exported.write_text(capsys.readouterr().out)
    assert _run("import", str(exported)) == 0
    assert _run("new", "--kind", "other", "--title", "To delete") == 0
    assert _run("delete", capsys.readouterr().out.split()[-1]) == 0
    assert _run("contracts", "add", "--client", "Acme", "--pending", "420 USD") == 0
    config.set_config_value("theme", "textual-dark")
    folders = [tmp_path / "data", tmp_path / "cache", tmp_path / "config"]
    entries = list(_every_entry(*folders))
    names = {p.name for p, _ in entries}
    assert any(p.parent.name == "trash" for p, _ in entries)
    assert {".lock", "contracts.toml", "config.toml"} <= names
    for path, info in entries:
        want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
        assert stat.S_IMODE(info.st_mode) == want, f"{path}: {stat.S_IMODE(info.st_mode):o}"
    assert privacy.check(tmp_path / "data") == []
    assert "warning" not in capsys.readouterr().err


def test_check_names_what_others_can_see(store: Store, tmp_path: Path) -> None:
    incident = big_incident("private", messages=1, body_lines=1)
    incident.revision = None
    store.save(incident)
    readable = store.path_for("private")
    os.chmod(readable, 0o644)
    writable = store.incidents_dir / "copied-in.toml"
    writable.write_text("x")
    os.chmod(writable, 0o620)
    os.chmod(store.incidents_dir, 0o750)
    (store.data_dir / "notes").mkdir(mode=0o700)
    os.symlink("/etc/hostname", store.data_dir / "notes" / "link")
    warnings = privacy.check(store.data_dir)
    assert warnings == sorted(
        [
            f"{store.data_dir / 'notes' / 'link'}: is a symbolic link; Incident Journal does not follow links in its data folder",
            f"{store.incidents_dir}: can be read by other users (mode 0750); fix with: chmod 700 '{store.incidents_dir}'",
            f"{writable}: can be changed by other users (mode 0620); fix with: chmod 600 '{writable}'",
            f"{readable}: can be read by other users (mode 0644); fix with: chmod 600 '{readable}'",
        ]
    )
    assert all("\n" not in line for line in warnings)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_check_names_files_of_another_user(store: Store) -> None:
    foreign = store.incidents_dir / "foreign.toml"
    foreign.write_text("x")
    os.chmod(foreign, 0o600)
    os.chown(foreign, 12345, 12345)
    assert privacy.check(store.data_dir) == [
        f"{foreign}: owned by another user (uid 12345); other accounts may read or change it"
    ]


def test_cli_warns_at_start_up(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    incident = big_incident("private", messages=1, body_lines=1)
    incident.revision = None
    store.save(incident)
    os.chmod(store.path_for("private"), 0o644)
    assert _run("list") == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"incident-journal: warning: {store.path_for('private')}: can be read by other users (mode 0644); "
        f"fix with: chmod 600 '{store.path_for('private')}'"
    ]
    for n in range(8):
        (store.data_dir / f"open-{n}").write_text("x")
        os.chmod(store.data_dir / f"open-{n}", 0o666)
    assert _run("list") == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == PRIVACY_WARNINGS_SHOWN + 1 and err[-1].endswith("and 4 more like these")


def test_missing_data_folder_is_not_a_warning(tmp_path: Path) -> None:
    assert privacy.check(tmp_path / "nowhere") == []


def test_incident_replaced_by_a_link_is_not_written_through(store: Store, tmp_path: Path) -> None:
    incident = big_incident("linked", messages=1, body_lines=1)
    incident.revision = None
    store.save(incident)
    outside = tmp_path / "outside.toml"
    outside.write_bytes(store.path_for("linked").read_bytes())
    store.path_for("linked").unlink()
    store.path_for("linked").symlink_to(outside)
    before = outside.read_bytes()
    assert _run("add-event", "linked", "x") == 1
    assert _run("set-status", "linked", "resolved") == 1
    assert outside.read_bytes() == before


@pytest.mark.parametrize("folder", ["incidents", "trash", ".lock"])
def test_links_inside_the_data_folder_are_not_followed_for_writes(tmp_path: Path, folder: str) -> None:
    data = tmp_path / "data"
    store = Store(data, cache_dir=tmp_path / "cache")
    store.ensure()
    incident = big_incident("kept", messages=1, body_lines=1)
    incident.revision = None
    store.save(incident)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    target = data / folder
    if target.is_dir():
        for entry in target.iterdir():
            os.replace(entry, elsewhere / entry.name)
        target.rmdir()
    elif target.exists():
        target.unlink()
    target.symlink_to(elsewhere / "lockfile" if folder == ".lock" else elsewhere)
    before = snapshot(elsewhere)
    fresh = Store(data, cache_dir=tmp_path / "cache")
    incident = big_incident("new-one", messages=1, body_lines=1)
    incident.revision = None
    with pytest.raises(JournalError, match="symbolic link"):
        fresh.save(incident)
    if folder == "trash":
        with pytest.raises(JournalError, match="symbolic link"):
            fresh.delete("kept")
    if folder == "incidents":
        assert _run("show", "kept") == 0  # reading through the link is allowed
        copy = tmp_path / "copy.toml"
        copy.write_bytes((elsewhere / "kept.toml").read_bytes())
        assert _run("import", str(copy)) == 1
        assert _run("add-event", "kept", "x") == 1
    assert snapshot(elsewhere) == before
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755  # not chmodded through the link


def test_a_fifo_in_the_data_folder_gets_no_chmod_advice_and_the_warning_speaks_japanese(tmp_path: Path) -> None:
    """chmod cannot make a FIFO safe (it is refused where it would be read); the warnings about
    real files follow the app's language after the path."""
    from journal import i18n

    data = tmp_path / "data"
    (data / "incidents").mkdir(parents=True)
    data.chmod(0o700)
    (data / "incidents").chmod(0o700)
    os.mkfifo(data / "incidents" / "2026-11-29-fifo.toml", 0o644)
    note = data / "notes.toml"
    note.write_text("x")
    note.chmod(0o644)
    lines = privacy.check(data)
    assert not any("2026-11-29-fifo.toml" in line for line in lines)
    assert lines == [f"{note}: can be read by other users (mode 0644); fix with: chmod 600 '{note}'"]
    i18n.set_language("ja")
    assert privacy.check(data) == [f"{note}: ほかのユーザーが読めます（モード 0644）。直すには: chmod 600 '{note}'"]
