"""`$EDITOR` through a private temp folder: nothing the user typed is lost or left behind.
The first test is the field case (an editor that returns at once and saves a second later)."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from journal.userfiles import edit_in_editor


def editor(tmp_path: Path, monkeypatch, script: str, name: str = "editor") -> Path:
    path = tmp_path / "bin" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(path))
    return path


def test_field_case_20_an_editor_that_returns_at_once(tmp_path, monkeypatch) -> None:
    marker = tmp_path / "saved-to"
    editor(
        tmp_path,
        monkeypatch,
        f"( sleep 1; printf 'My edited notice text\\n' > \"$1\"; echo \"$1\" > '{marker}' ) &\nexit 0\n",
    )
    notes: list[str] = []
    assert edit_in_editor("original body\n", notes) is None
    assert len(notes) == 1 and "returned at once" in notes[0] and "EDITOR=" in notes[0] and "unchanged" in notes[0]
    time.sleep(1.6)
    assert not marker.exists()  # what it left running was stopped: nothing saved anywhere


@pytest.mark.parametrize(
    ("name", "hint"), [("code", "--wait"), ("subl", "--wait"), ("gvim", "-f"), ("mousepad", "code --wait")]
)
def test_the_warning_names_the_fix_for_that_editor(tmp_path, monkeypatch, name, hint) -> None:
    path = editor(tmp_path, monkeypatch, "exit 0\n", name=name)
    notes: list[str] = []
    assert edit_in_editor("text", notes) is None
    assert hint in notes[0]
    if name == "code":
        assert f"EDITOR='{path} --wait'" in notes[0]


def test_the_temp_file_is_private_and_removed_after(tmp_path, monkeypatch) -> None:
    seen = tmp_path / "seen"
    editor(
        tmp_path,
        monkeypatch,
        f'stat -c \'%a\' "$(dirname "$1")" "$1" > \'{seen}\'\necho "$1" >> \'{seen}\'\nsleep 0.1\nprintf \'new text\\n\' > "$1"\n',
    )
    assert edit_in_editor("old text\n") == "new text\n"
    folder_mode, file_mode, where = seen.read_text().splitlines()
    assert (folder_mode, file_mode) == ("700", "600")
    assert not Path(where).exists() and not Path(where).parent.exists()


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("cp932", "Shift_JIS"), ("euc_jp", "EUC-JP"), ("utf-16", "UTF-16")],
)
def test_a_file_saved_in_another_encoding_is_decoded_and_said(tmp_path, monkeypatch, encoding, said) -> None:
    text = "本人確認書類を提出しました。①\n" if encoding == "cp932" else "本人確認書類を提出しました。\n"
    saved = tmp_path / "saved"
    saved.write_bytes(text.encode(encoding))
    editor(tmp_path, monkeypatch, f"cat '{saved}' > \"$1\"\n")
    notes: list[str] = []
    assert edit_in_editor("x", notes) == text
    assert len(notes) == 1 and said in notes[0]


def test_a_quick_editor_that_did_save_is_taken(tmp_path, monkeypatch) -> None:
    editor(tmp_path, monkeypatch, "sed -i 's/hold/HOLD/' \"$1\"\n")
    notes: list[str] = []
    assert edit_in_editor("on hold\n", notes) == "on HOLD\n" and notes == []


def test_a_failing_editor_changes_nothing_and_leaves_nothing(tmp_path, monkeypatch) -> None:
    seen = tmp_path / "seen"
    editor(tmp_path, monkeypatch, f"echo \"$1\" > '{seen}'\nexit 3\n")
    notes: list[str] = []
    assert edit_in_editor("keep me", notes) is None
    assert "exit status 3" in notes[0]
    assert not Path(seen.read_text().strip()).parent.exists()
    assert stat.S_IMODE(os.stat(tmp_path).st_mode)  # the test's own folder is untouched
