"""Columns line up in a real terminal (tmux) with emoji and CJK titles, in the terminal UI
and in `list`. The first titles are the field case (an emoji with U+FE0F, a ZWJ sequence)."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.e2e.test_tmux import COMMAND, journal_env, pytestmark, start_journal, wait_for  # noqa: F401

TITLES = [
    "Plain title here",
    "⚠️ 支払い保留の件",  # field case 14
    "👨‍💻 Dev account hold",  # field case 14
    "✔︎ 確認済み ❤️ thanks",  # a text-presentation selector and another emoji one
    "👩‍👩‍👧 family of three",
    "ｱｶｳﾝﾄ 半角 and 全角ＡＢＣ",
]


def cells(text: str) -> int:
    """Cells as tmux 3.3 counts them: East Asian wide = 2, marks and format characters = 0."""

    def one(char: str) -> int:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1

    return sum(one(char) for char in text)


def make_incidents(tmp_path: Path, data: Path) -> None:
    env = journal_env(tmp_path, data)
    for title in TITLES:
        subprocess.run(
            [str(COMMAND), "new", "--kind", "payment-hold", "--title", title, "--opened", "2026-11-20T09:00+09:00"],
            env=env,
            check=True,
            capture_output=True,
        )


@pytest.mark.parametrize(("columns", "rows", "column"), [(110, 14, "Upwork"), (80, 24, "2026-11-20")])
def test_the_next_column_lines_up_in_the_terminal_ui(tmp_path: Path, columns: int, rows: int, column: str) -> None:
    data = tmp_path / "data"
    make_incidents(tmp_path, data)
    tmux, _ = start_journal(tmp_path, data, columns, rows)
    try:
        wait_for(lambda: sum(column in line for line in tmux.screen().splitlines()) >= len(TITLES), "the list")
        lines = [line for line in tmux.screen().splitlines() if column in line]
        starts = {cells(line[: line.index(column)]) for line in lines}
        assert len(lines) == len(TITLES) and len(starts) == 1, lines
    finally:
        tmux.run("kill-server")


def test_list_lines_up_and_never_cuts_an_id(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_incidents(tmp_path, data)
    env = journal_env(tmp_path, data)
    long_title = "a very long title " * 8
    subprocess.run(
        [str(COMMAND), "new", "--kind", "payment-hold", "--title", long_title, "--opened", "2026-11-20T09:00+09:00"],
        env=env,
        check=True,
        capture_output=True,
    )
    out = subprocess.run([str(COMMAND), "list"], env=env, check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[1:]
    ids = [row.split()[1] if row.startswith("!") else row.split()[0] for row in rows]
    for incident_id in ids:
        shown = subprocess.run([str(COMMAND), "show", incident_id], env=env, capture_output=True, text=True)
        assert shown.returncode == 0, incident_id
    status_at = {cells(row[: row.index("open")]) for row in rows}
    assert len(status_at) == 1
