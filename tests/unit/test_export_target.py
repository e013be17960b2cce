"""`export -o` never writes inside the data folder or onto something that is not a regular
file, even with --force; `-o ""` is refused."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from journal.cli import main
from journal.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def incident_id(capsys) -> str:
    assert run(capsys, "new", "--kind", "other", "--title", "x")[0] == 0
    return Store().ids()[0]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize(
    "inside",
    ["contracts.toml", "incidents/{id}.toml", "incidents/new.toml", "drafts/x.json", "exports/keep/{id}.json", "."],
)
def test_export_never_writes_inside_the_data_folder(inside: str, incident_id: str, capsys) -> None:
    store = Store()
    (store.data_dir / "contracts.toml").write_text("format = 1\n")
    (store.data_dir / "contracts.toml").chmod(0o600)
    before = tree(store.data_dir)
    target = store.data_dir / inside.format(id=incident_id)
    code, _, err = run(capsys, "export", incident_id, "-o", str(target), "--force")
    assert code in (1, 2) and err.count("\n") == 1, err
    assert tree(store.data_dir) == before


def test_export_through_a_link_into_the_data_folder_is_refused(incident_id: str, tmp_path: Path, capsys) -> None:
    store = Store()
    door = tmp_path / "door"
    door.symlink_to(store.data_dir)
    code, _, err = run(capsys, "export", incident_id, "-o", str(door / "contracts.toml"), "--force")
    assert code == 2 and "inside the journal's data folder" in err
    assert not (store.data_dir / "contracts.toml").exists()


def test_the_exports_folder_itself_is_allowed(incident_id: str, capsys) -> None:
    target = Store().data_dir / "exports" / "mine.toml"
    target.parent.mkdir()
    assert run(capsys, "export", incident_id, "-o", str(target))[0] == 0 and target.is_file()


def test_export_never_replaces_a_fifo_or_a_socket_even_with_force(incident_id: str, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for target in (fifo, sock_path):
            code, _, err = run(capsys, "export", incident_id, "-o", str(target), "--force")
            assert code == 1 and "not a regular file" in err and err.count("\n") == 1
        assert fifo.is_fifo() and sock_path.is_socket()
    finally:
        server.close()


def test_an_empty_output_name_is_refused(incident_id: str, capsys) -> None:
    code, out, err = run(capsys, "export", incident_id, "-o", "")
    assert code == 2 and out == "" and "file name" in err
