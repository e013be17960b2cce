"""No raw control characters reach the terminal: file names in warnings and errors go
through the printable filter; the TOML export escapes C0, C1 and bidi controls."""

from __future__ import annotations

from pathlib import Path

import tomli

from journal.cli import main
from journal.store import Store

HOSTILE = "\x1b]0;owned\x07\x1b[2J\u202eevil\u2066\x9b31m\x85"
RAW = ["\x1b", "\x07", "\u202e", "\u2066", "\x9b", "\x85"]


def test_file_names_in_warnings_and_errors_are_printable(tmp_path: Path, capsys) -> None:
    assert main(["new", "--kind", "other", "--title", "x"]) == 0
    store = Store()
    bad = store.incidents_dir / f"bad{HOSTILE}.toml"
    bad.write_text("x")
    bad.chmod(0o600)
    source = tmp_path / f"in{HOSTILE}.toml"
    source.write_text("not toml [")
    capsys.readouterr()
    for argv in (["list"], ["check"], ["import", str(source)], ["add-message", "x", "--eml", str(source) + "x"]):
        main(argv)
        out, err = capsys.readouterr()
        assert "bad" in err or "in" in err
        for char in RAW:
            assert char not in err and char not in out, (argv, char)


def test_the_toml_export_escapes_controls_and_reads_back_the_same(capsys) -> None:
    title = f"title {HOSTILE} \u200f end"
    assert main(["new", "--kind", "other", "--title", title]) == 0
    capsys.readouterr()
    incident_id = Store().ids()[0]
    assert main(["export", incident_id]) == 0
    text = capsys.readouterr().out
    for char in [*RAW, "\u200f"]:
        assert char not in text
    assert "\\u202E" in text and "\\u009B" in text
    assert tomli.loads(text)["title"] == title
    assert Store().load(incident_id).title == title
