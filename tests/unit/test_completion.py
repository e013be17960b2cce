"""`incident-journal completion bash|zsh`: the script completes commands, choices and ids in a
real shell, and printing it creates no journal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import main

BIN = Path(sys.executable).parent

BASH_TRY = r"""
source <(incident-journal completion bash)
fn=$(complete -p incident-journal | sed -E 's/.*-F ([^ ]+).*/\1/')
try() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE};
        COMPREPLY=(); $fn; echo "${COMPREPLY[*]}"; }
try incident-journal sh
try incident-journal show ""
try incident-journal new --kind acc
try incident-journal list --status w
"""


def shell_env(data: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "INCIDENT_JOURNAL_DIR": str(data)}


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_choices_and_incident_ids(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "new", "--kind", "account-hold", "--title", "Hold one"]) == 0
    assert main(["--data-dir", str(data), "new", "--kind", "other", "--title", "Other"]) == 0
    done = subprocess.run(["bash", "-c", BASH_TRY], capture_output=True, text=True, env=shell_env(data), timeout=60)
    assert done.returncode == 0, done.stderr
    command, ids, kinds, statuses = done.stdout.splitlines()
    assert command == "show"
    assert sorted(ids.split()) == sorted(p.stem for p in (data / "incidents").glob("*.toml"))
    assert sorted(kinds.split()) == ["account-closure", "account-hold"]
    assert statuses == "waiting"


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_parses_and_completes_ids_from_the_list(tmp_path: Path) -> None:
    script = tmp_path / "_incident-journal"
    done = subprocess.run(
        [str(BIN / "incident-journal"), "completion", "zsh"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    script.write_text(done.stdout)
    assert subprocess.run(["zsh", "-n", str(script)], capture_output=True, timeout=60).returncode == 0
    assert "incident-journal list --ids" in done.stdout
    assert re.search(r'":the incident id[^"]*:_incident_journal_ids"', done.stdout)  # `show ID` completes ids


def test_printing_a_script_creates_no_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "never"
    assert main(["--data-dir", str(data), "completion", "bash"]) == 0
    assert "_incident_journal_ids" in capsys.readouterr().out
    assert not data.exists()


def test_list_ids_prints_one_id_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "new", "--kind", "other", "--title", "One"]) == 0
    created = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--data-dir", data, "list", "--ids"]) == 0
    assert capsys.readouterr().out.splitlines() == [created]


def test_an_unknown_shell_is_refused_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["completion", "fish"])
    assert exited.value.code == 2
    assert "invalid choice: 'fish'" in capsys.readouterr().err


def test_every_command_and_option_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from journal.cli.parser import build_parser

    parser = build_parser()

    def walk(p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    assert sub.description, sub.prog
                    walk(sub)
            else:
                assert action.help, f"{p.prog}: {action.dest}"

    walk(parser)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "Exit codes: 0 done; 1 the operation failed" in out and "3日前" in out
    with pytest.raises(SystemExit):
        main(["add-event", "--help"])
    assert "what kind of event: notice-received" in capsys.readouterr().out
