"""Two data folders syncing through a bare repository in a temp folder: different incidents
merge, the same incident changed on both keeps both versions, nothing is lost."""

from __future__ import annotations

import io

import pytest

from journal.cli import main
from journal.codec import load_bytes

pytestmark = pytest.mark.usefixtures("history_on")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def on(folder, capsys, *argv: str) -> tuple[int, str, str]:
    return cli(capsys, "--data-dir", str(folder), *argv)


def new(folder, capsys, title: str) -> str:
    code, out, _ = on(folder, capsys, "new", "--kind", "account-hold", "--title", title)
    assert code == 0
    return out.strip().splitlines()[-1]


def test_two_machines_merge_and_keep_both_versions_of_the_same_incident(capsys, monkeypatch, tmp_path):
    laptop, desktop, usb = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "usb" / "journal.git"
    shared = new(laptop, capsys, "Account on hold")
    (tmp_path / "shot.png").write_bytes(b"png")
    assert on(laptop, capsys, "add-event", shared, "Opened a ticket")[0] == 0
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"On hold.\n")))
    on(laptop, capsys, "add-message", shared, "--subject", "Hold", "--sender", "Upwork")
    assert on(laptop, capsys, "attach", shared, "message", "1", str(tmp_path / "shot.png"))[0] == 0
    code, _, err = on(laptop, capsys, "sync", str(usb))
    assert code == 0 and "pushed" in err and (usb / "HEAD").is_file()

    code, _, err = on(desktop, capsys, "sync", str(usb))  # a second machine gets the whole journal
    assert code == 0
    assert (desktop / "incidents" / f"{shared}.toml").read_bytes() == (
        laptop / "incidents" / f"{shared}.toml"
    ).read_bytes()
    assert list((desktop / "attachments").rglob("shot.png"))
    assert on(desktop, capsys, "check")[0] == 0

    only_laptop = new(laptop, capsys, "Payment held")
    only_desktop = new(desktop, capsys, "Contract paused")
    on(laptop, capsys, "add-event", shared, "Laptop: support called back")
    on(desktop, capsys, "add-event", shared, "Desktop: sent the documents")
    assert on(laptop, capsys, "sync", str(usb))[0] == 0
    code, _, err = on(desktop, capsys, "sync", str(usb))
    assert code == 0 and "changed on both machines" in err
    assert on(laptop, capsys, "sync", str(usb))[0] == 0

    for folder in (laptop, desktop):
        names = sorted(p.name for p in (folder / "incidents").iterdir())
        assert f"{only_laptop}.toml" in names and f"{only_desktop}.toml" in names
        copies = [n for n in names if ".conflict-" in n]
        assert len(copies) == 1
        texts = [e.text for e in load_bytes((folder / "incidents" / f"{shared}.toml").read_bytes()).events]
        other = [e.text for e in load_bytes((folder / "incidents" / copies[0]).read_bytes()).events]
        assert "Desktop: sent the documents" in texts and "Laptop: support called back" in other  # nothing lost
        code, _, err = on(folder, capsys, "check")
        assert copies[0] in err and "conflict" in err


def test_sync_without_a_remote_says_how_to_set_one(capsys, tmp_path):
    new(tmp_path / "data", capsys, "Account on hold")
    code, _, err = cli(capsys, "sync")
    assert code == 2 and 'remote = "..."' in err
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text(f'remote = "{tmp_path / "usb"}"\n')
    assert cli(capsys, "sync")[0] == 0 and (tmp_path / "usb" / "HEAD").is_file()


def test_a_remote_that_cannot_be_reached_is_one_line(capsys, tmp_path):
    new(tmp_path / "data", capsys, "Account on hold")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("not a repository")
    code, _, err = cli(capsys, "sync", str(tmp_path / "full"))
    assert code == 2 and "not empty and not a git repository" in err and err.count("\n") == 1
