"""Keys this version does not know, inside every kind of nested table, are kept through an
edit, an export and an import (docs/format.md: "Keys this version does not know are kept")."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from journal.cli import main
from journal.store import Store

ID = "2026-11-20-account-hold-hold"

# A file as a newer version (or a hand edit) could leave it: one unknown key in each table,
# some of them holding tables and lists of their own.
FILE = f'''format = 1
id = "{ID}"
title = "Hold"
kind = "account-hold"
opened_at = 2026-11-20T09:12:00+09:00
top_future = "top"

[[messages]]
at = 2026-11-20T09:12:00+09:00
subject = "On hold"
message_future = {{ thread = "t-1", seen = true }}

[[events]]
at = 2026-11-20T09:30:00+09:00
kind = "note"
text = "Called support"
event_future = ["a", 2]

[[checklist]]
text = "Screenshot without VPN"
check_future = 2026-11-21T10:00:00+09:00

[[contracts]]
client = "Acme Ltd"
contract_future = "c"

[contracts.pending]
amount = "420.00"
currency = "USD"
money_future = "escrow-7"

[[requests]]
question = "Which devices?"
request_future = 7

[[requests.attachments]]
path = "shot.png"
attachment_future = {{ width = 1280 }}
'''

# Where each unknown key is, and what it holds, in the parsed file.
WHERE = {
    "top_future": lambda d: d["top_future"],
    "message_future": lambda d: d["messages"][0]["message_future"],
    "event_future": lambda d: d["events"][0]["event_future"],
    "check_future": lambda d: d["checklist"][0]["check_future"].isoformat(),
    "contract_future": lambda d: d["contracts"][0]["contract_future"],
    "money_future": lambda d: d["contracts"][0]["pending"]["money_future"],
    "request_future": lambda d: d["requests"][0]["request_future"],
    "attachment_future": lambda d: d["requests"][0]["attachments"][0]["attachment_future"],
}
EXPECTED = {
    "top_future": "top",
    "message_future": {"thread": "t-1", "seen": True},
    "event_future": ["a", 2],
    "check_future": "2026-11-21T10:00:00+09:00",
    "contract_future": "c",
    "money_future": "escrow-7",
    "request_future": 7,
    "attachment_future": {"width": 1280},
}


def unknown_keys(text: str) -> dict[str, object]:
    data = tomllib.loads(text)
    return {name: find(data) for name, find in WHERE.items()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def placed(store: Store) -> Path:
    path = store.path_for(ID)
    path.write_text(FILE, "utf-8")
    path.chmod(0o600)
    return path


def test_the_file_holds_an_unknown_key_in_every_table() -> None:
    assert unknown_keys(FILE) == EXPECTED


@pytest.mark.parametrize(
    "argv",
    [
        ("add-event", ID, "Sent the ID again"),
        ("set-status", ID, "waiting"),
        ("add-message", ID, "--subject", "Reply", "--sender", "Me", "--direction", "sent"),
    ],
    ids=["add-event", "set-status", "add-message"],
)
def test_an_edit_keeps_every_unknown_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, placed: Path, argv: tuple[str, ...]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Body\n"), encoding="utf-8"))
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    text = placed.read_text("utf-8")
    assert text != FILE
    assert unknown_keys(text) == EXPECTED


def test_the_store_edits_and_keeps_every_unknown_key(store: Store, placed: Path) -> None:
    store.update(ID, lambda incident: setattr(incident, "title", "Hold, day 2"))
    text = placed.read_text("utf-8")
    assert 'title = "Hold, day 2"' in text
    assert unknown_keys(text) == EXPECTED


def test_export_and_import_keep_every_unknown_key(
    capsys: pytest.CaptureFixture[str], placed: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "shared.toml"
    code, _, err = run(capsys, "export", ID, "-o", str(exported))
    assert code == 0, err
    assert unknown_keys(exported.read_text("utf-8")) == EXPECTED

    other = tmp_path / "other-journal"
    code, out, err = run(capsys, "--data-dir", str(other), "import", str(exported))
    assert code == 0, err
    new_id = out.strip().splitlines()[-1]
    imported = other / "incidents" / f"{new_id}.toml"
    assert unknown_keys(imported.read_text("utf-8")) == EXPECTED


def test_a_redacted_export_keeps_the_keys_and_masks_their_text(
    capsys: pytest.CaptureFixture[str], store: Store, tmp_path: Path
) -> None:
    store.path_for(ID).write_text(
        FILE.replace('event_future = ["a", 2]', 'event_future = ["from 192.0.2.10", 2]'), "utf-8"
    )
    store.path_for(ID).chmod(0o600)
    code, out, err = run(capsys, "export", ID, "--redact")
    assert code == 0, err
    found = unknown_keys(out)
    assert found["event_future"] == ["from [ip-1]", 2]
    assert {k: v for k, v in found.items() if k != "event_future"} == {
        k: v for k, v in EXPECTED.items() if k != "event_future"
    }
