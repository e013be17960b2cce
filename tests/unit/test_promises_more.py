"""Promises that rested on one test each, checked from more sides: the warning on messages the
user *sent*, and the newer-format boundary (exactly one past the newest format, and far past)."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from journal import codec
from journal.cli import main
from journal.codec import FORMAT_VERSION, FormatError
from journal.errors import JournalError
from journal.importing import read_import
from journal.model import Incident
from journal.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- warnings on sent messages


@pytest.fixture
def asked(store: Store, opened: datetime) -> Incident:
    return store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))


def add(monkeypatch: pytest.MonkeyPatch, capsys, incident_id: str, direction: str, subject: str, body: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body.encode()), encoding="utf-8"))
    code, _, err = run(
        capsys,
        "add-message",
        incident_id,
        "--subject",
        subject,
        "--sender",
        "me",
        "--direction",
        direction,
        "--at",
        "2026-11-21 10:00",
    )
    assert code == 0, err


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Payment", "Could you pay me directly by bank transfer?"),
        ("Can we continue outside Upwork?", "Thanks."),
        ("支払い", "PayPalでお支払いいただけますか"),
    ],
    ids=["english-body", "english-subject", "japanese-body"],
)
def test_a_sent_message_talking_of_leaving_the_platform_is_warned_about(
    asked: Incident, monkeypatch: pytest.MonkeyPatch, capsys, subject: str, body: str
) -> None:
    add(monkeypatch, capsys, asked.id, "sent", subject, body)
    code, out, _ = run(capsys, "show", asked.id)
    warnings = [line for line in out.splitlines() if line.startswith("Warning:")]
    assert code == 0 and len(warnings) == 1, out
    assert "message 1 (sent 2026-11-21 10:00)" in warnings[0]
    code, out, _ = run(capsys, "show", asked.id, "--json")
    found = json.loads(out)["warnings"]
    assert [(w["message"], w["direction"]) for w in found] == [(0, "sent")]


def test_a_harmless_sent_message_carries_no_warning(asked: Incident, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    add(monkeypatch, capsys, asked.id, "sent", "Verification", "I attached the ID you asked for. Thank you.")
    code, out, _ = run(capsys, "show", asked.id)
    assert code == 0 and "Warning:" not in out
    assert json.loads(run(capsys, "show", asked.id, "--json")[1])["warnings"] == []


# ---------------------------------------------------------------- the newer-format boundary

NEWER = [FORMAT_VERSION + 1, FORMAT_VERSION + 2, 99, 10**6, 2**63 - 1]


def with_format(store: Store, opened: datetime, version: int) -> Path:
    incident = store.create(Incident(id="", title="Hold", kind="account-hold", opened_at=opened))
    path = store.path_for(incident.id)
    path.write_text(
        path.read_text("utf-8").replace(f"format = {FORMAT_VERSION}\n", f"format = {version}\n", 1), "utf-8"
    )
    return path


def test_the_newest_format_itself_is_read(store: Store, opened: datetime) -> None:
    path = with_format(store, opened, FORMAT_VERSION)
    assert store.load_path(path).title == "Hold"


@pytest.mark.parametrize("version", NEWER)
def test_a_newer_format_is_refused_by_name_and_never_rewritten(
    store: Store, opened: datetime, capsys, version: int
) -> None:
    path = with_format(store, opened, version)
    before = path.read_bytes()
    with pytest.raises(FormatError) as caught:
        store.load_path(path)
    assert str(caught.value).startswith(f"{path}:1:")
    assert f"format {version};" in str(caught.value) and "newer Incident Journal" in str(caught.value)
    with pytest.raises((FormatError, JournalError)):
        store.update(path.stem, lambda incident: setattr(incident, "title", "x"))
    for argv in (("add-event", path.stem, "x"), ("set-status", path.stem, "waiting")):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "newer Incident Journal" in err and err.count("\n") == 1
    code, out, err = run(capsys, "list")
    assert "newer Incident Journal" in out + err
    with pytest.raises((FormatError, JournalError)) as refused:
        read_import(path)
    assert "newer Incident Journal" in str(refused.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("version", [0, -1, True, "2", 1.5])
def test_a_format_that_is_no_version_is_refused_as_such(version: object) -> None:
    value = json.dumps(version) if not isinstance(version, bool) else str(version).lower()
    text = f'format = {value}\ntitle = "t"\nkind = "other"\nopened_at = 2026-11-20T09:12:00+09:00\n'
    with pytest.raises(FormatError) as caught:
        codec.loads(text, "inc.toml")
    assert "format must be a whole number >= 1" in str(caught.value) and str(caught.value).startswith("inc.toml:1:")
