"""History: the data folder is a git repository with one commit per change, read by `git
log`; `history`, `show --at` and `restore --at` on the command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from journal.cli import main
from journal.history import GITIGNORE, History
from journal.store import Store

pytestmark = pytest.mark.usefixtures("history_on")
HAS_GIT = shutil.which("git") is not None


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def git_log(folder: Path) -> list[str]:
    """Subjects of the commits, newest first, as ordinary `git log` reads them."""
    if HAS_GIT:
        done = subprocess.run(["git", "log", "--format=%s"], cwd=folder, capture_output=True, text=True, check=True)
        return done.stdout.splitlines()
    from dulwich.repo import Repo

    repo = Repo(str(folder))
    return [e.commit.message.decode().strip() for e in repo.get_walker()]


def new_incident(capsys: pytest.CaptureFixture[str], title: str = "Contract with Acme suspended") -> str:
    code, out, _ = cli(capsys, "new", "--kind", "contract-suspension", "--title", title)
    assert code == 0
    return out.strip().splitlines()[-1]


def add_message(capsys, monkeypatch, incident_id: str, subject: str) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Your contract is on hold.\n")))
    assert cli(capsys, "add-message", incident_id, "--subject", subject, "--sender", "Upwork")[0] == 0


def test_first_save_creates_the_repository_and_each_change_is_one_commit(capsys, monkeypatch, tmp_path):
    data = tmp_path / "data"
    incident_id = new_incident(capsys)
    assert (data / ".git" / "HEAD").is_file()
    assert (data / ".gitignore").read_text() == GITIGNORE
    add_message(capsys, monkeypatch, incident_id, "Your contract is on hold")
    assert cli(capsys, "set-status", incident_id, "waiting")[0] == 0
    log = git_log(data)
    assert log == [
        "Contract with Acme suspended: status open -> waiting; added event 'open -> waiting'",
        "Contract with Acme suspended: added message 'Your contract is on hold'; "
        "added event 'Received: Your contract is on hold from Upwork'",
        "Contract with Acme suspended: recorded",
        "History started: the journal as it was",
    ]
    if HAS_GIT:  # the working tree is clean: the cache, drafts and lock files are left out
        status = subprocess.run(["git", "status", "--porcelain"], cwd=data, capture_output=True, text=True)
        assert status.stdout == ""
        assert subprocess.run(["git", "fsck", "--strict"], cwd=data, capture_output=True).returncode == 0
    code, out, _ = cli(capsys, "history", incident_id)
    assert code == 0 and len(out.splitlines()) == 3 and "status open -> waiting" in out.splitlines()[0]


def test_history_is_private_and_off_when_the_config_says_so(capsys, tmp_path):
    from journal.privacy import check

    new_incident(capsys)
    assert check(tmp_path / "data") == []  # .git is 0700 / 0600 like the rest
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("history = false\n")
    new_incident(capsys, "Second hold")
    assert len(git_log(tmp_path / "data")) == 2  # the second incident was not committed


def test_show_at_and_restore_an_old_version(capsys, monkeypatch):
    incident_id = new_incident(capsys)
    add_message(capsys, monkeypatch, incident_id, "Your contract is on hold")
    _, out, _ = cli(capsys, "history", incident_id)
    first = out.splitlines()[-1].split()[0]
    code, shown, _ = cli(capsys, "show", incident_id, "--at", first)
    assert code == 0 and "Your contract is on hold" not in shown and "Contract with Acme suspended" in shown
    code, _, err = cli(capsys, "restore", incident_id, "--at", first)
    assert code == 0 and "Restored" in err
    _, now_shown, _ = cli(capsys, "show", incident_id)
    assert "Your contract is on hold" not in now_shown
    _, out, _ = cli(capsys, "history", incident_id)
    assert len(out.splitlines()) == 3 and "restored the version of" in out.splitlines()[0]
    # the message is still in history: restore rewrote nothing
    second = out.splitlines()[1].split()[0]
    assert "Your contract is on hold" in cli(capsys, "show", incident_id, "--at", second)[1]


def test_restore_a_deleted_incident(capsys, tmp_path):
    incident_id = new_incident(capsys)
    assert cli(capsys, "delete", incident_id)[0] == 0
    _, out, _ = cli(capsys, "history", incident_id)
    assert "(deleted)" in out.splitlines()[0]
    code, _, err = cli(capsys, "show", incident_id, "--at", out.splitlines()[0].split()[0])
    assert code == 1 and "was deleted in version" in err
    assert cli(capsys, "restore", incident_id, "--at", out.splitlines()[1].split()[0])[0] == 0
    assert (tmp_path / "data" / "incidents" / f"{incident_id}.toml").is_file()
    assert cli(capsys, "show", incident_id)[0] == 0


def test_bad_versions_get_one_line(capsys):
    incident_id = new_incident(capsys)
    code, _, err = cli(capsys, "show", incident_id, "--at", "zz")
    assert code == 2 and err.count("\n") == 1 and "4 hex digits" in err
    code, _, err = cli(capsys, "restore", incident_id, "--at", "abcdef0")
    assert code == 1 and "no version abcdef0" in err


def test_a_failed_commit_never_fails_the_save(capsys, tmp_path, monkeypatch):
    new_incident(capsys)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(History, "_commit", disk_full)
        code, out, err = cli(capsys, "new", "--kind", "account-hold", "--title", "Second hold")
    assert code == 0
    assert (tmp_path / "data" / "incidents" / f"{out.strip()}.toml").is_file()
    assert "warning:" in err and "not added to history" in err
    # the next change catches up: history is whole again
    History(tmp_path / "data").catch_up()
    store = Store(tmp_path / "data")
    assert History(tmp_path / "data").versions(store, out.strip())


def test_stale_git_locks_from_a_killed_commit_are_removed(capsys, tmp_path):
    incident_id = new_incident(capsys)
    git = tmp_path / "data" / ".git"
    (git / "index.lock").write_bytes(b"")
    (git / "refs" / "heads" / "main.lock").write_bytes(b"")
    assert cli(capsys, "set-status", incident_id, "waiting")[0] == 0
    assert not (git / "index.lock").exists()
    assert git_log(tmp_path / "data")[0].endswith("status open -> waiting; added event 'open -> waiting'")


def test_an_unreadable_repository_is_moved_aside_and_history_starts_again(capsys, tmp_path):
    incident_id = new_incident(capsys)
    git = tmp_path / "data" / ".git"
    (git / "refs" / "heads" / "main").write_text("0" * 40 + "\n")  # points at nothing
    code, _, err = cli(capsys, "set-status", incident_id, "waiting")
    assert code == 0 and "moved to" in err
    assert list((tmp_path / "data").glob(".git-broken-*"))
    log = git_log(tmp_path / "data")
    assert log[-1] == "History started: the journal as it was" and len(log) == 2


def test_undo_redo_import_and_the_roster_are_in_history_and_leave_the_tree_clean(capsys, tmp_path):
    """Every write the app makes reaches history, not only saves of an incident: an undo and
    a redo, an import, and each change of the roster. `git status` stays clean after each."""
    data = tmp_path / "data"
    incident_id = new_incident(capsys)
    assert cli(capsys, "add-event", incident_id, "Called support")[0] == 0
    assert cli(capsys, "undo", incident_id)[0] == 0
    assert git_log(data)[0] == "Undone: Added the event Note"
    assert cli(capsys, "redo", incident_id)[0] == 0
    assert git_log(data)[0] == "Redone: Added the event Note"
    exported = tmp_path / "copy.toml"
    assert cli(capsys, "export", incident_id, "-o", str(exported))[0] == 0
    code, out, err = cli(capsys, "import", str(exported))
    assert code == 0, err
    assert "Contract with Acme suspended: recorded" in git_log(data)[0]
    assert cli(capsys, "contracts", "add", "--client", "Acme Ltd", "--no-incident")[0] == 0
    assert git_log(data)[0] == "Roster: added acme-ltd (Acme Ltd)"
    assert cli(capsys, "contracts", "end", "acme-ltd")[0] == 0
    assert git_log(data)[0] == "Roster: ended acme-ltd (Acme Ltd)"
    if HAS_GIT:
        status = subprocess.run(["git", "status", "--porcelain"], cwd=data, capture_output=True, text=True)
        assert status.stdout == ""
