import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.store import Store

ID = "2026-11-20-contract-suspension-contract-with-acme-suspended"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def created(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(
        capsys,
        "new",
        "--kind",
        "contract-suspension",
        "--title",
        "Contract with Acme suspended",
        "--opened",
        "2026-11-20 09:12",
    )
    assert code == 0
    return out.strip().splitlines()[-1]


def data_file(tmp_path: Path, incident_id: str = ID) -> Path:
    return tmp_path / "data" / "incidents" / f"{incident_id}.toml"


def test_new_prints_id_on_last_line(created: str, tmp_path: Path) -> None:
    assert created == ID
    text = data_file(tmp_path).read_text()
    assert 'kind = "contract-suspension"' in text
    assert "opened_at = 2026-11-20 09:12:00+09:00" in text


def test_add_message_keeps_body_verbatim(created: str, capsys, monkeypatch, tmp_path: Path) -> None:
    body = 'Dear freelancer,\r\n\tWe paused "contract" \\ 38211.\r\n日本語の本文\n\n'
    feed_stdin(monkeypatch, body.encode())
    code, _, err = run(
        capsys, "add-message", ID, "--subject", "On hold", "--sender", "Upwork", "--at", "2026-11-20T09:12+09:00"
    )
    assert code == 0, err
    incident = Store().load(ID)
    assert incident.messages[0].body == body
    assert incident.events[0].kind == "notice-received"


@pytest.mark.parametrize(
    ("data", "body", "said"),
    [
        # Field case 15: a stray byte left by backspacing over a multi-byte character.
        (
            b"The platform put my account on hold.\nSupport asked for my ID; Stra\xc3e name.\n",
            "The platform put my account on hold.\nSupport asked for my ID; Stra\ufffde name.\n",
            "1 byte that is not UTF-8 (first on line 2)",
        ),
        (b"caf\xe9\n", "caf\ufffd\n", "1 byte that is not UTF-8 (first on line 1)"),
        (b"ok\n\xff\xfe\xfd end\n", "ok\n\ufffd\ufffd\ufffd end\n", "3 bytes that are not UTF-8 (first on line 2)"),
        ("アカウントは保留中です。\n".encode("cp932"), "アカウントは保留中です。\n", "Shift_JIS text"),
        ("アカウントは保留中です。\n".encode("euc_jp"), "アカウントは保留中です。\n", "EUC-JP text"),
        ("Hold – 保留\n".encode("utf-16"), "Hold – 保留\n", "UTF-16 text"),
    ],
)
def test_add_message_keeps_every_byte_typed(
    created: str, capsys, monkeypatch, data: bytes, body: str, said: str
) -> None:
    feed_stdin(monkeypatch, data)
    code, _, err = run(capsys, "add-message", ID, "--subject", "s", "--sender", "f")
    assert code == 0
    warning = [line for line in err.splitlines() if line.startswith("Warning: <stdin>")]
    assert len(warning) == 1 and said in warning[0]
    assert Store().load(ID).messages[0].body == body


def test_add_event_with_relative_time(created: str, capsys) -> None:
    code, _, err = run(capsys, "add-event", ID, "Stopped work on milestone 2", "--kind", "work-paused", "--at", "-2h")
    assert code == 0, err
    events = Store().load(ID).events
    assert [(e.kind, e.text) for e in events] == [("work-paused", "Stopped work on milestone 2")]


def test_set_status_records_event(created: str, capsys) -> None:
    code, out, _ = run(capsys, "set-status", ID, "waiting")
    assert code == 0 and out.strip() == "open -> waiting"
    incident = Store().load(ID)
    assert incident.status == "waiting"
    assert incident.events[-1].kind == "status-changed" and incident.events[-1].text == "open -> waiting"


def test_list_and_show_json(created: str, capsys) -> None:
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == [ID]
    assert rows[0]["opened_at"] == "2026-11-20T09:12:00+09:00"
    assert {"title", "platform", "kind", "status", "follow_up_at", "overdue", "days_on_hold", "clients"} <= rows[
        0
    ].keys()
    code, out, _ = run(capsys, "show", ID, "--json")
    data = json.loads(out)
    assert data["id"] == ID and data["platform"] == "Upwork" and data["format"] == 1


def test_list_status_filter_and_table(created: str, capsys) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and ID in out and "Contract with Acme suspended" in out
    code, out, _ = run(capsys, "list", "--status", "resolved", "--json")
    assert json.loads(out) == []


def test_show_text_has_sections_and_no_raw_escapes(created: str, capsys, monkeypatch) -> None:
    feed_stdin(monkeypatch, "evil \x1b]0;title\x07 \x1b[2J \u202e".encode())
    run(capsys, "add-message", ID, "--subject", "s\x1b[31m", "--sender", "x")
    code, out, _ = run(capsys, "show", ID)
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "␛]0;title␇" in out and "Messages (1)" in out and "Timeline" in out


def test_json_escapes_c1_and_bidi(created: str, capsys, monkeypatch) -> None:
    feed_stdin(monkeypatch, "a\x9bb\u202ec".encode())
    run(capsys, "add-message", ID, "--subject", "s", "--sender", "x")
    _, out, _ = run(capsys, "show", ID, "--json")
    assert "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)["messages"][0]["body"] == "a\x9bb\u202ec"


def test_due_lists_only_passed_follow_ups(capsys) -> None:
    run(capsys, "new", "--kind", "other", "--title", "Past", "--follow-up", "-1h")
    run(capsys, "new", "--kind", "other", "--title", "Future", "--follow-up", "+2d")
    run(capsys, "new", "--kind", "other", "--title", "None")
    code, out, _ = run(capsys, "due", "--json")
    assert code == 0 and [r["title"] for r in json.loads(out)] == ["Past"]


def test_unknown_id_exit_1(capsys) -> None:
    code, _, err = run(capsys, "show", "no-such-incident")
    assert code == 1 and "no incident 'no-such-incident'" in err and len(err.strip().splitlines()) == 1


def test_bad_usage_exit_2_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["new", "--kind", "nonsense", "--title", "x"])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and len(err.strip().splitlines()) == 1


def test_bad_time_names_the_text(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["new", "--kind", "other", "--title", "x", "--opened", "someday"])
    assert caught.value.code == 2 and "'someday'" in capsys.readouterr().err


def test_newer_format_refused_not_rewritten(created: str, capsys, tmp_path: Path) -> None:
    path = data_file(tmp_path)
    path.write_text(path.read_text().replace("format = 1", "format = 9"))
    before = path.read_bytes()
    code, _, err = run(capsys, "add-event", ID, "x")
    assert code == 2 and f"{path}:1:" in err and "newer" in err
    assert path.read_bytes() == before


def test_check_names_each_bad_file(created: str, capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "1 incident file(s) OK" in out
    bad = tmp_path / "data" / "incidents" / "2026-bad.toml"
    bad.write_text("format = 1\nkind = \n")
    code, out, err = run(capsys, "check")
    assert code == 2 and f"{bad}:2:" in err and "1 with problems" in out


def test_export_is_the_canonical_toml(created: str, capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", ID)
    assert code == 0 and out.encode() == data_file(tmp_path).read_bytes()


def test_import_never_overwrites(created: str, capsys, tmp_path: Path) -> None:
    exported = tmp_path / "shared.toml"
    exported.write_bytes(data_file(tmp_path).read_bytes())
    before = data_file(tmp_path).read_bytes()
    code, out, err = run(capsys, "import", str(exported))
    assert code == 0 and out.strip() == ID + "-2" and "taken" in err
    assert data_file(tmp_path).read_bytes() == before
    assert Store().load(ID + "-2").title == "Contract with Acme suspended"


@pytest.mark.parametrize(
    "bad_id", ["../../x", "/etc/passwd", "ｅｖｉｌ", "a" * 300], ids=["dotdot", "absolute", "fullwidth", "long"]
)
def test_import_does_not_trust_the_id(created: str, capsys, tmp_path: Path, bad_id: str) -> None:
    text = data_file(tmp_path).read_text().replace(f'id = "{ID}"', f"id = {json.dumps(bad_id)}")
    source = tmp_path / "in.toml"
    source.write_text(text)
    code, out, _ = run(capsys, "import", str(source))
    assert code == 0
    new_id = out.strip()
    assert data_file(tmp_path, new_id).exists()
    assert sorted(p.name for p in (tmp_path / "data" / "incidents").iterdir() if not p.name.startswith(".")) == sorted(
        [f"{ID}.toml", f"{new_id}.toml"]
    )


def test_import_refuses_symlink_and_bad_file(created: str, capsys, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(data_file(tmp_path))
    code, _, err = run(capsys, "import", str(link))
    assert code == 2 and "symbolic link" in err
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\nid = 'x'\n[[")
    code, _, err = run(capsys, "import", str(bad))
    assert code == 2 and err.count("\n") == 1 and f"{bad}:3:" in err
    assert len(list((tmp_path / "data" / "incidents").glob("*.toml"))) == 1


def test_delete_goes_to_trash(created: str, capsys, tmp_path: Path) -> None:
    code, _, _ = run(capsys, "delete", ID)
    assert code == 0 and not data_file(tmp_path).exists()
    assert (tmp_path / "data" / "trash" / f"{ID}.toml").exists()


def test_busy_journal_exit_1_and_nothing_written(created: str, capsys, tmp_path: Path) -> None:
    store = Store()
    store.ensure()
    before = data_file(tmp_path).read_bytes()
    script = "import sys, journal.store as s; s.LOCK_TIMEOUT = 0.05; from journal.cli import main; sys.exit(main(sys.argv[1:]))"
    with store.lock():
        done = subprocess.run(
            [sys.executable, "-c", script, "add-event", ID, "x"], capture_output=True, text=True, env=os.environ.copy()
        )
    assert done.returncode == 1 and "another Incident Journal is writing" in done.stderr
    assert data_file(tmp_path).read_bytes() == before


def test_demo_journal_lists_samples_and_is_thrown_away(capsys) -> None:
    code, out, err = run(capsys, "--demo", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3
    assert {r["kind"] for r in rows} == {"contract-suspension", "security-review", "payment-hold"}
    folder = err.split("Demo journal in ")[1].split(" ")[0]
    assert not Path(folder).exists()


def test_installed_command_runs(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("incident-journal")
    assert command.exists(), "the package is not installed (pip install -e '.[test]')"
    done = subprocess.run(
        [str(command), "new", "--kind", "security-review", "--title", "Account on hold"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    new_id = done.stdout.strip().splitlines()[-1]
    done = subprocess.run(
        [sys.executable, "-m", "journal", "show", new_id, "--json"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    assert done.returncode == 0 and json.loads(done.stdout)["kind"] == "security-review"


def test_first_index_build_shows_progress_on_a_terminal(capsys, monkeypatch, tmp_path: Path) -> None:
    from datetime import datetime

    from journal import codec
    from journal.index import PROGRESS_EVERY
    from journal.model import Incident
    from journal.store import atomic_write
    from tests.conftest import JST

    store = Store()
    store.ensure()
    for n in range(PROGRESS_EVERY + 1):
        incident = Incident(
            id=f"2026-11-20-other-{n}", title=f"n{n}", kind="other", opened_at=datetime(2026, 11, 20, tzinfo=JST)
        )
        atomic_write(store.path_for(incident.id), codec.dumps(incident).encode(), durable=False)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["list", "--json"]) == 0
    assert f"Reading the journal: {PROGRESS_EVERY:,} of {PROGRESS_EVERY + 1:,} files" in terminal.getvalue()
    assert len(json.loads(capsys.readouterr().out)) == PROGRESS_EVERY + 1


@pytest.mark.parametrize(
    ("typed", "stored", "said"),
    [
        (b"caf\xe9 typed", "caf\ufffd typed", "1 byte that is not UTF-8"),
        (b"Stra\xc3e name", "Stra\ufffde name", "1 byte that is not UTF-8"),
        ("お客様のアカウント".encode("cp932"), "お客様のアカウント", "Shift_JIS text"),
    ],
)
def test_an_argument_that_is_not_utf8_is_kept(created: str, capsys, typed: bytes, stored: str, said: str) -> None:
    argument = typed.decode("utf-8", "surrogateescape")  # as Python hands such an argument over
    code, _, err = run(capsys, "add-event", ID, argument)
    assert code == 0 and said in err
    assert Store().load(ID).events[-1].text == stored


def test_every_command_names_a_function_that_exists() -> None:
    """Commands are imported when they run (so the TUI starts without them): each entry of
    the table must name a real function, and the parser must offer exactly these commands."""
    from journal.cli.parser import build_parser
    from journal.cli.run import COMMANDS, command

    for name in COMMANDS:
        assert callable(command(name)), name
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert set(COMMANDS) | {"completion"} == set(choices or {})
