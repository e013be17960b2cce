"""Errors name the real cause and the real file: an .eml with a Date in year 9999 or a huge
Subject, a template with a format spec, INCIDENT_JOURNAL_NOW out of range."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal import model, paths
from journal.cli import main
from journal.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def incident_id(capsys: pytest.CaptureFixture[str]) -> str:
    assert run(capsys, "new", "--kind", "other", "--title", "x")[0] == 0
    return Store().ids()[0]


def test_an_eml_dated_year_9999_is_read_with_the_intake_time_and_said(incident_id: str, tmp_path: Path, capsys) -> None:
    source = tmp_path / "far.eml"
    source.write_bytes(b"From: a@b.example\r\nSubject: s\r\nDate: Fri, 31 Dec 9999 23:00:00 +0000\r\n\r\nbody\r\n")
    code, _, err = run(capsys, "add-message", incident_id, "--eml", str(source))
    assert code == 0
    assert f"{source}: the Date header" in err and "year 9999" in err
    assert run(capsys, "check")[0] == 0  # the incident file is fine, and is said to be


def test_a_subject_at_the_field_cap_gives_an_event_cut_to_the_cap(incident_id: str, monkeypatch, capsys) -> None:
    subject = "S" * 60_000
    sender = "x" * 6_000 + "@b.example"
    monkeypatch.setattr("sys.stdin", __import__("io").TextIOWrapper(__import__("io").BytesIO(b"body")))
    code, _, err = run(capsys, "add-message", incident_id, "--subject", subject, "--sender", sender)
    assert code == 0, err
    incident = Store().load(incident_id)
    assert incident.messages[0].subject == subject and incident.messages[0].sender == sender  # kept in full
    event = incident.events[-1].text
    assert len(event) == model.MAX_TEXT_CHARS and event.endswith("\u2026") and event.startswith("Received: SSS")
    assert run(capsys, "check")[0] == 0


@pytest.mark.parametrize("pattern", ["{client:>999999999999}", "{client!r}", "{client.__class__}", "{client[0]}"])
def test_a_template_placeholder_with_a_format_is_refused_when_read(pattern: str, incident_id: str, capsys) -> None:
    folder = paths.config_dir() / "templates" / "en"
    folder.mkdir(parents=True)
    template = folder / "account-hold.toml"
    template.write_text(f'format = 1\nper_contract = "{pattern}"\n')
    code, _, err = run(capsys, "check")
    assert code == 2 and f"{template}:2:" in err and "per_contract" in err
    assert run(capsys, "new", "--kind", "account-hold", "--title", "y")[0] == 0  # the built-in one is used


@pytest.mark.parametrize("value", ["9999-12-31T23:00:00+00:00", "garbage", "0001-01-01T00:00:00+00:00"])
def test_incident_journal_now_out_of_range_is_one_line_naming_the_setting(value: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", value)
    for command in (["now"], ["list"]):
        code, _, err = run(capsys, *command)
        assert code == 2 and err.count("\n") == 1 and "INCIDENT_JOURNAL_NOW" in err and "Traceback" not in err
