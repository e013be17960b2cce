"""The command line under a Japanese locale: help, tables, messages and errors in Japanese,
error prefixes and JSON unchanged, the export in the language asked for (English by default).
Also the Japanese durations, dates and deadline words, beside the English ones (unchanged)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import i18n
from journal.cli import main
from journal.deadlines import deadline_words
from journal.text import width, wrap_cells
from journal.timeshow import format_duration, format_moment, format_signed, show_moment

JST = timezone(timedelta(hours=9))
NOW = "2026-11-28T10:00:00+09:00"


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Japanese user's terminal (the app reads LANG), with a fixed clock."""
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    i18n.set_language(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new_hold(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(
        capsys,
        "new",
        "--kind",
        "security-review",
        "--title",
        "セキュリティ審査でアカウントが保留",
        "--opened",
        "2026-11-26T09:00+09:00",
        "--follow-up",
        "2026-11-27T09:00+09:00",
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]


def test_help_is_japanese_and_fits_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "ja_JP.UTF-8", "COLUMNS": "80"}
    env.pop("INCIDENT_JOURNAL_LANG", None)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    done = subprocess.run(
        [sys.executable, "-m", "journal", "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    help_text = done.stdout
    assert help_text.startswith("使い方: incident-journal")
    assert "新しいインシデントを記録し、最後の行に ID を出力" in help_text
    assert "終了コード: 0 完了。" in help_text and "このヘルプを表示して終了" in help_text
    assert "show this help message" not in help_text and "record a new incident" not in help_text
    too_wide = [line for line in help_text.splitlines() if width(line) > 80]
    assert not too_wide, too_wide


def test_list_show_and_now_speak_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    code, out, _err = run(capsys, "list")
    header, row = out.splitlines()
    assert code == 0
    assert header.split() == ["ID", "状態", "開始", "フォローアップ", "件名"]
    assert "対応中" in row and "11月26日(木) 09:00" in row and "11月27日(金) 09:00" in row
    assert row.startswith("!")  # the follow-up has passed
    # Columns line up in cells: the title starts where its header does.
    assert width(header[: header.index("件名")]) == width(row[: row.index("セキュリティ")])

    code, out, _err = run(capsys, "show", incident_id)
    assert code == 0
    assert "  種類             セキュリティ審査 (security-review)" in out
    assert "  開始             11月26日(木) 09:00 +09:00   保留 2日1時間" in out
    assert "期限切れ" in out and "サポートからの依頼（4 件、未回答 4 件）" in out
    assert "Support requests" not in out and "OVERDUE" not in out

    code, out, _err = run(capsys, "now")
    assert code == 0
    assert out.splitlines()[0].startswith(
        "フォローアップ  " + incident_id + ": 期限 11月27日(金) 09:00 +09:00（1日1時間前）"
    )
    assert "サポートからの依頼: " in out


def test_messages_are_japanese_and_json_is_not(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    code, out, err = run(capsys, "set-status", incident_id, "waiting", "--at", "2026-11-27T10:00+09:00")
    assert code == 0 and out.strip() == "対応中 -> 返信待ち"
    code, out, _err = run(capsys, "list", "--json")
    data = json.loads(out)
    assert data[0]["status"] == "waiting" and data[0]["kind"] == "security-review"
    code, _out, err = run(capsys, "contracts", "add", "--client", "Acme", "--deadline", "2026-11-30")
    assert code == 0 and err.startswith("Acme を ") and "に追加しました" in err
    code, out, _err = run(capsys, "now", "--json")
    deadline = [item for item in json.loads(out) if item["kind"] == "deadline"]
    assert deadline[0]["when"] == "in 2 days"  # JSON reads the same in every language
    code, out, _err = run(capsys, "contracts", "list")
    assert out.splitlines()[0].split() == ["ID", "締切", "契約", "未払い", "クライアント"]
    assert "2026-11-30 (あと2日)" in out
    code, _out, err = run(capsys, "check")
    assert code == 0
    code, _out, err = run(capsys, "show", "no-such-incident")
    assert code == 1
    assert re.fullmatch(r"incident-journal: error: .+ にインシデント 'no-such-incident' はありません\n", err)


def test_an_error_keeps_its_path_line_col_prefix(
    japanese: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nid = "a"\ntitle = "x"\nkind = "nope"\n', encoding="utf-8")
    code, _out, err = run(capsys, "import", str(bad))
    assert code == 2
    assert err.startswith(f"incident-journal: error: {bad}:4:7: kind が 'nope' です。次のいずれかにしてください: ")
    bad.write_text("title = \n", encoding="utf-8")
    code, _out, err = run(capsys, "import", str(bad))
    assert code == 2 and err.startswith(f"incident-journal: error: {bad}:1:9: TOML として正しくありません: ")


def test_a_bad_time_is_refused_in_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["new", "--kind", "other", "--title", "t", "--opened", "zzz"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "引数 --opened: 時刻 'zzz' を読めませんでした。例: " in err and "（--help を参照）" in err


def test_export_follows_lang_and_defaults_to_english(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown", "--lang", "ja")
    assert code == 0
    assert out.startswith("# セキュリティ審査でアカウントが保留\n")  # the user's title as written
    assert "- 種類: セキュリティ審査" in out and "## チェックリスト（9 件中 0 件完了）" in out
    assert "## サポートからの依頼 (4)" in out and "Checklist" not in out
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown")
    assert code == 0  # support reads English, whatever the user's language
    assert "- Kind: Security review" in out and "## Support requests (4)" in out
    assert "# セキュリティ審査でアカウントが保留\n" in out and "種類" not in out


def test_english_is_unchanged(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    incident_id = new_hold(capsys)
    code, out, _err = run(capsys, "list")
    assert out.splitlines()[0].split() == ["ID", "STATUS", "OPENED", "FOLLOW-UP", "TITLE"]
    assert "2026-11-26 09:00" in out and "open" in out
    code, out, _err = run(capsys, "show", incident_id)
    assert "  kind       security-review" in out and "on hold 2d 1h" in out and "OVERDUE" in out


def test_durations_in_japanese_and_english() -> None:
    assert format_duration(timedelta(days=3, hours=2), "ja") == "3日2時間"
    assert format_duration(timedelta(hours=5, minutes=10), "ja") == "5時間10分"
    assert format_duration(timedelta(days=4), "ja") == "4日"
    assert format_duration(timedelta(minutes=12, seconds=59), "ja") == "12分"
    assert format_signed(timedelta(hours=-9), "ja") == "-9時間"
    assert format_duration(timedelta(days=3, hours=2), "en") == "3d 2h"
    assert format_duration(timedelta(hours=5, minutes=10), "en") == "5h 10m"
    assert format_signed(timedelta(days=2, hours=4), "en") == "+2d 4h"
    assert format_duration(timedelta(days=3, hours=2)) == "3d 2h"  # the tests' language is English


def test_dates_in_japanese_keep_the_offset_and_the_utc_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    moment = datetime(2026, 11, 30, 18, 0, tzinfo=JST)
    assert show_moment(moment, lang="ja", offset=False) == "11月30日(月) 18:00"
    assert show_moment(moment, lang="ja") == "11月30日(月) 18:00 +09:00"
    assert show_moment(moment, with_utc=True, lang="ja") == "11月30日(月) 18:00 +09:00 (11月30日 09:00 UTC)"
    assert show_moment(datetime(2025, 1, 5, 8, 30, tzinfo=JST), lang="ja") == "2025年1月5日(日) 08:30 +09:00"
    assert show_moment(moment.astimezone(UTC), lang="ja", offset=False) == "11月30日(月) 18:00"  # shown locally
    assert show_moment(moment, lang="en") == format_moment(moment) == "2026-11-30 18:00 +09:00"
    assert show_moment(moment, lang="en", offset=False) == "2026-11-30 18:00"
    assert show_moment(None, lang="ja") == "-"


def test_deadline_words_in_japanese_and_english() -> None:
    now = datetime(2026, 11, 28, 10, 0, tzinfo=JST)
    assert deadline_words(date(2026, 11, 30), now, "ja") == "あと2日"
    assert deadline_words(date(2026, 11, 26), now, "ja") == "2日前"
    assert deadline_words(date(2026, 11, 29), now, "ja") == "明日"
    assert deadline_words(datetime(2026, 11, 28, 9, 0, tzinfo=JST), now, "ja") == "今日 09:00、経過"
    assert deadline_words(date(2026, 11, 30), now, "en") == "in 2 days"
    assert deadline_words(date(2026, 11, 26), now, "en") == "2 days ago"
    assert deadline_words(datetime(2026, 11, 28, 18, 0, tzinfo=JST), now, "en") == "today 18:00"


def test_wrap_cells_breaks_japanese_by_cells_and_keeps_closing_marks() -> None:
    lines = wrap_cells("終了コード: 0 完了。1 操作の失敗（不明な ID、競合、入出力のエラー）。2 使い方の誤り。", 20)
    assert all(width(line) <= 20 for line in lines), lines
    assert not any(line[0] in "、。）" for line in lines)
    assert (
        "".join(lines).replace(" ", "")
        == "終了コード:0完了。1操作の失敗（不明なID、競合、入出力のエラー）。2使い方の誤り。"
    )
    assert wrap_cells("a few short words", 7) == ["a few", "short", "words"]
