"""What the core says to a Japanese user on the command line: file refusals, item numbers,
amounts, undo and redo, conflicts, refused times (with the part out of range), the new time
forms, the timeline texts the app writes, the export's empty fields and roster ids of Japanese
client names. Each runs with INCIDENT_JOURNAL_LANG=ja and a fixed clock (Saturday 28 November
2026, 10:00 in Tokyo); English stays as it was beside it."""

from __future__ import annotations

import io
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal import i18n, safe_read
from journal.cli import main
from journal.store import Store
from journal.timeparse import TimeParseError, parse_moment

JST = timezone(timedelta(hours=9))
NOW = "2026-11-28T10:00:00+09:00"  # a Saturday
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=JST)


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_LANG", "ja")
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", NOW)
    i18n.set_language(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def new_hold(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(
        capsys, "new", "--kind", "security-review", "--title", "アカウントが保留", "--opened", "2026-11-26T09:00+09:00"
    )
    assert code == 0, err
    return out.strip().splitlines()[-1]


def english_words(text: str) -> list[str]:
    """Runs of Latin letters in a message, paths, ids and quoted input taken out."""
    text = re.sub(r"'[^']*'|\S*/\S*|[\w.-]*\d[\w.-]*", " ", text)
    return re.findall(r"[A-Za-z]{3,}", text)


# --- 1. a file that is not a regular file ----------------------------------------------------


def test_a_fifo_is_refused_naming_what_was_read_in_japanese(
    japanese: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "incident.toml"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "import", str(fifo))
    assert code == 2
    assert err.startswith(f"incident-journal: error: {fifo}: ")  # the prefix stays as it was
    assert "読み込むファイルはFIFO（名前付きパイプ）で、通常のファイルではありません" in err
    assert "FIFO (named pipe)" not in err and "not a regular file" not in err
    assert err.count("読み込みませんでした") == 1, err  # said once, not "…でした。…でした"


def test_a_roster_that_is_a_fifo_is_named_the_roster(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    from journal import roster
    from journal.codec import FormatError

    store = Store()
    store.ensure()
    os.mkfifo(roster.roster_path(store))
    with pytest.raises(FormatError) as caught:
        roster.load_roster(store)
    assert str(caught.value).startswith(f"{roster.roster_path(store)}: 契約一覧はFIFO（名前付きパイプ）で")
    code, _out, err = run(capsys, "contracts", "list")
    assert code == 2 and "契約一覧はFIFO（名前付きパイプ）で、通常のファイルではありません" in err


def test_stdin_over_its_limit_is_refused_in_japanese(japanese: None) -> None:
    with pytest.raises(safe_read.TooBig) as caught:
        safe_read.read_stream(io.BytesIO(b"x" * 11), 10, "<stdin>", safe_read.N_("the message body"))
    assert str(caught.value) == "<stdin>: メッセージの本文が上限の 10 バイトを超えています。何も読み込んでいません"


def test_the_same_refusal_stays_english_in_english(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(safe_read.NotRegularFile) as caught:
        safe_read.read_file(fifo, 100, safe_read.N_("the roster"))
    assert str(caught.value) == f"{fifo}: the roster is a FIFO (named pipe), not a regular file; not read"


# --- 2. item numbers, amounts, --version, undo and redo ----------------------------------------


def test_item_numbers_out_of_range_are_refused_in_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    code, out, _err = run(capsys, "show", incident_id, "--json")
    items = len(json.loads(out)["checklist"])
    for command in (["tick", incident_id, "99"], ["untick", incident_id, "99"]):
        code, _out, err = run(capsys, *command)
        assert code == 2
        assert err.strip().endswith(f"{incident_id}: チェックリストの項目 99 はありません（{items} 件あります）"), err
    code, _out, err = run(capsys, "answer", incident_id, "99", stdin=b"answer")
    assert code == 2 and f"{incident_id}: サポートからの依頼 99 はありません" in err
    code, _out, err = run(capsys, "delete-item", incident_id, "messages", "1")
    assert code == 2 and f"{incident_id}: メッセージ 1 はありません（0 件あります）" in err


def test_a_wrong_amount_is_refused_in_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "contracts", "add", "--client", "株式会社さくら", "--pending", "420,50 EUR")
    assert code == 2
    assert "金額 '420,50 EUR' のカンマは小数点とも桁区切りとも読めます" in err
    code, _out, err = run(capsys, "contracts", "add", "--client", "株式会社さくら", "--pending", "420.5 JPY")
    assert code == 2 and "JPY に補助単位はありません。整数で書いてください（例: 420 JPY）" in err
    code, _out, err = run(capsys, "contracts", "add", "--client", "株式会社さくら", "--pending", "420")
    assert code == 2 and "金額 '420' に通貨がありません。例: 420.00 USD" in err


def test_version_help_is_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "--version" in shown and "バージョンを表示して終了" in shown
    assert "show program's version number" not in shown


def test_undo_and_redo_speak_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    code, _out, err = run(capsys, "undo", incident_id)
    assert code == 1 and err.strip().endswith(f"{incident_id}: 元に戻す変更はありません")
    code, _out, err = run(capsys, "redo", incident_id)
    assert code == 1 and err.strip().endswith(f"{incident_id}: やり直す変更はありません")
    assert run(capsys, "tick", incident_id, "1")[0] == 0
    path = Store().path_for(incident_id)
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited elsewhere\n", encoding="utf-8")
    code, _out, err = run(capsys, "undo", incident_id)
    assert code == 1
    assert f"{path}: 「" in err and "」のあとにディスク上で変更されています" in err and "元に戻していません" in err
    assert not english_words(err.split(f"{path}: ", 1)[1].split("「", 1)[0])


def test_undo_labels_are_written_in_the_language_of_the_day(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    assert run(capsys, "tick", incident_id, "1")[0] == 0
    code, _out, err = run(capsys, "undo", incident_id)
    assert code == 0 and "元に戻しました: チェックリストの項目 1「" in err and "」 に印を付けた（" in err, err
    assert "Ticked" not in err and "checklist item" not in err


# --- 2. refused times say which part is wrong ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("今日 25時", "時は 0 から 23 です（25 は使えません）"),
        ("25:00", "時は 0 から 23 です（25 は使えません）"),
        ("2026-11-20 09:61", "分は 0 から 59 です（61 は使えません）"),
        ("2026-13-01", "月は 1 から 12 です（13 は使えません）"),
        ("2026-02-30", "2026-02 の日は 1 から 28 です（30 は使えません）"),
        ("11月31日", "2026-11 の日は 1 から 30 です（31 は使えません）"),
    ],
)
def test_a_refused_time_says_which_part_in_japanese(japanese: None, typed: str, reason: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_moment(typed, now=SATURDAY)
    message = str(caught.value)
    assert message.startswith(f"時刻 {typed!r} を読めませんでした: {reason}。例: "), message
    assert "must be" not in message and "out of range" not in message


def test_a_skipped_hour_is_refused_in_japanese(japanese: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    with pytest.raises(TimeParseError) as caught:
        parse_moment("2026-03-08 02:30", now=SATURDAY)
    assert str(caught.value) == (
        "2026-03-08 02:30 はこのタイムゾーン（America/New_York）にはありません。その夜、時計は 02:00 から 03:00 に"
        "進みます。前後の正しい時刻は 2026-03-08 01:59 -05:00 と 2026-03-08 03:00 -04:00 です"
    )


# --- 3. the new time forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3日後", "2026-12-01T10:00:00+09:00"),
        ("2時間後", "2026-11-28T12:00:00+09:00"),
        ("来週月曜", "2026-11-30T00:00:00+09:00"),
        ("来週月曜 9:00", "2026-11-30T09:00:00+09:00"),
        ("来週月曜の9時", "2026-11-30T09:00:00+09:00"),
        ("来週金曜", "2026-12-04T00:00:00+09:00"),
        ("再来週月曜", "2026-12-07T00:00:00+09:00"),
        ("月曜", "2026-11-30T00:00:00+09:00"),
        ("月曜日 9時半", "2026-11-30T09:30:00+09:00"),
        ("土曜", "2026-12-05T00:00:00+09:00"),  # today is Saturday: the next one, not today
        ("今週金曜", "2026-11-27T00:00:00+09:00"),  # this week's Friday, yesterday
        ("先週金曜 18:00", "2026-11-20T18:00:00+09:00"),
        ("明日の9時", "2026-11-29T09:00:00+09:00"),
        ("明日の午後3時", "2026-11-29T15:00:00+09:00"),
        ("午後3時", "2026-11-28T15:00:00+09:00"),
        ("11月30日の9時", "2026-11-30T09:00:00+09:00"),
        ("3 days later", "2026-12-01T10:00:00+09:00"),
        ("3 days from now", "2026-12-01T10:00:00+09:00"),
        ("in 3 days", "2026-12-01T10:00:00+09:00"),
        ("monday", "2026-11-30T00:00:00+09:00"),
        ("next monday", "2026-11-30T00:00:00+09:00"),
        ("next monday 9:00", "2026-11-30T09:00:00+09:00"),
        ("next friday at 9am", "2026-12-04T09:00:00+09:00"),
        ("this friday", "2026-11-27T00:00:00+09:00"),
        ("last friday", "2026-11-27T00:00:00+09:00"),
        ("fri 9am", "2026-12-04T09:00:00+09:00"),
        ("Sat, 21 Nov 2026 10:00:00 +0900", "2026-11-21T10:00:00+09:00"),  # still a mail date
    ],
)
def test_time_forms(typed: str, expected: str) -> None:
    assert parse_moment(typed, now=SATURDAY).isoformat() == expected


def test_a_week_day_on_a_monday_and_a_sunday() -> None:
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=JST)
    sunday = datetime(2026, 11, 29, 8, 0, tzinfo=JST)
    assert parse_moment("月曜", now=monday).date().isoformat() == "2026-12-07"
    assert parse_moment("今週月曜", now=monday).date().isoformat() == "2026-11-30"
    assert parse_moment("来週月曜", now=monday).date().isoformat() == "2026-12-07"
    assert parse_moment("来週月曜", now=sunday).date().isoformat() == "2026-11-30"
    assert parse_moment("今週日曜", now=monday).date().isoformat() == "2026-12-06"
    assert parse_moment("last monday", now=monday).date().isoformat() == "2026-11-23"


def test_the_new_forms_are_in_the_help(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for form in ("来週月曜 9:00", "今週金曜", "明日の9時", "3日後", "2時間後", "next monday 9:00", "3 days later"):
        assert form in shown, form


# --- 4. timeline texts the app writes -----------------------------------------------------------


def test_a_message_adds_its_timeline_text_in_the_language_of_the_day(
    japanese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    incident_id = new_hold(capsys)
    code, _out, err = run(
        capsys, "add-message", incident_id, "--subject", "本人確認のお願い", "--sender", "Upwork", stdin=b"body"
    )
    assert code == 0, err
    texts = [e.text for e in Store().load(incident_id).events if e.kind == "notice-received"]
    assert texts == ["受信: 本人確認のお願い（差出人 Upwork）"]
    # The English export names the kind once and keeps the words as written, without 受信:
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown")
    assert "Notice received: 本人確認のお願い（差出人 Upwork）" in out and "受信:" not in out


def test_a_status_change_keeps_its_keys_and_is_shown_translated(
    japanese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    incident_id = new_hold(capsys)
    code, out, _err = run(capsys, "set-status", incident_id, "waiting")
    assert code == 0
    stored = [e.text for e in Store().load(incident_id).events if e.kind == "status-changed"]
    assert stored == ["open -> waiting"]  # parsed back: keys, whatever the language
    assert out.strip() == "対応中 -> 返信待ち"
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown", "--lang", "ja")
    assert "対応中 -\\> 返信待ち" in out and "open" not in out
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown")
    assert "Status changed: open -\\> waiting" in out


def test_telling_a_client_twice_in_two_languages_adds_one_event(
    japanese: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal import items
    from journal.model import Contract

    incident = Store().load(new_hold(capsys))
    incident.contracts.append(Contract(client="株式会社さくら"))
    told = SATURDAY
    items.mark_told(incident, 0, told)
    assert [e.text for e in incident.events if e.kind == "client-notified"] == ["株式会社さくら に保留を伝えた"]
    incident.contracts[0].client_told_at = None
    i18n.set_language("en")
    items.mark_told(incident, 0, told + timedelta(minutes=5))
    assert len([e for e in incident.events if e.kind == "client-notified"]) == 1


# --- 5. the export's empty fields ---------------------------------------------------------------


def test_an_answer_written_but_not_sent_reads_not_sent_yet(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    incident = Store().load(incident_id)
    assert incident.requests, "the security-review template asks questions"
    assert run(capsys, "answer", incident_id, "1", stdin="パスポートの写真です".encode())[0] == 0
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown", "--lang", "ja")
    answers = re.findall(r"^- 回答: (.*)$", out, re.MULTILINE)
    assert answers[0] == "未送信" and set(answers[1:]) == {"未回答"}  # the others: not answered at all
    code, out, _err = run(capsys, "export", incident_id, "--format", "markdown")
    answers = re.findall(r"^- Answered: (.*)$", out, re.MULTILINE)
    assert answers[0] == "not sent yet" and set(answers[1:]) == {"not yet"}


def test_empty_platform_and_client_have_a_word_in_both_languages(japanese: None) -> None:
    from journal import markdown
    from journal.model import Contract, Incident

    incident = Incident(
        id="x", kind="other", title="t", platform="", opened_at=SATURDAY, contracts=[Contract(client="")]
    )
    japanese_text = markdown.render(incident, SATURDAY, lang="ja")
    english_text = markdown.render(incident, SATURDAY, lang="en")
    assert "（記入なし）" in japanese_text and "（クライアント名なし）" in japanese_text
    assert "- Platform: (not given)" in english_text and "- (no client name): " in english_text


# --- 6. roster ids of Japanese names ------------------------------------------------------------


def test_japanese_client_names_get_readable_stable_ids(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    ids = []
    for client, number in (
        ("株式会社さくら", ""),
        ("合同会社もみじ", ""),
        ("株式会社さくら", ""),
        ("有限会社ふじ", "38211"),
    ):
        argv = ["contracts", "add", "--client", client] + (["--contract-id", number] if number else [])
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        ids.append(out.strip().splitlines()[-1])
    sakura, momiji, sakura2, fuji = ids
    assert re.fullmatch(r"client-[0-9a-f]{6}", sakura) and re.fullmatch(r"client-[0-9a-f]{6}", momiji)
    assert sakura != momiji and sakura2 == f"{sakura}-2" and fuji == "38211"
    assert "contract" not in ids
    code, out, _err = run(capsys, "contracts", "list")
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "株式会社さくら" in rows[sakura] and "合同会社もみじ" in rows[momiji]
    # An error listing ids names each client beside it.
    code, _out, err = run(capsys, "contracts", "end", "nobody")
    assert code == 1 and f"{sakura} (株式会社さくら)" in err and f"{momiji} (合同会社もみじ)" in err


def test_the_id_of_a_name_is_the_same_on_every_machine() -> None:
    from journal.roster import _new_id

    assert _new_id("株式会社さくら", "", set()) == "client-e40a8c"  # as the README says, on every machine
    assert _new_id("株式会社ｻｸﾗ", "", set()) == _new_id("株式会社サクラ", "", set())  # NFKC: the same name
    assert _new_id("株式会社 さくら", "", set()) == _new_id("株式会社  さくら", "", set())
    assert _new_id("Acme Ltd", "", set()) == "acme-ltd"


def test_a_history_line_is_written_in_the_language_of_the_day(japanese: None) -> None:
    from journal import changes, codec
    from journal.model import Incident, Message

    before = Incident(id="x", kind="other", title="保留", opened_at=SATURDAY)
    after = codec.loads(codec.dumps(before))
    after.status = "waiting"
    after.summary = "概要を書いた"
    after.add_message(Message(at=SATURDAY, subject="本人確認", direction="received"))
    old, new = codec.dumps(before).encode(), codec.dumps(after).encode()
    assert changes.describe("x", old, new) == (
        "保留: 状態 対応中 -> 返信待ち。概要を変更。メッセージ「本人確認」を追加。出来事「受信: 本人確認」を追加"
    )
    i18n.set_language("en")
    assert changes.describe("x", old, new) == (
        "保留: status open -> waiting; changed the summary; added message '本人確認'; added event '受信: 本人確認'"
    )


def test_show_prints_a_status_change_in_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    incident_id = new_hold(capsys)
    assert run(capsys, "set-status", incident_id, "waiting")[0] == 0
    code, out, _err = run(capsys, "show", incident_id)
    line = next(line for line in out.splitlines() if "状態の変更" in line)
    assert line.endswith("対応中 -> 返信待ち") and "open" not in line


def test_money_says_what_it_set_in_japanese(japanese: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "new",
        "--kind",
        "contract-suspension",
        "--title",
        "契約停止",
        "--opened",
        "2026-11-27T09:00+09:00",
    )
    incident_id = out.strip().splitlines()[-1]
    incident = Store().load(incident_id)
    from journal.model import Contract

    incident.contracts.append(Contract(client="株式会社さくら"))
    Store().save(incident)
    code, _out, err = run(capsys, "money", incident_id, "1", "420.00 USD in escrow until 12/09")
    assert code == 0, err
    assert "株式会社さくら: 420.00 USD エスクロー中（2026-12-09 まで）" in err
    assert "in escrow until" not in err


def test_an_evidence_reason_follows_the_export_and_the_terminal(japanese: None, tmp_path: Path) -> None:
    from journal import evidence
    from journal.model import Attachment

    shot = tmp_path / "shot.png"
    shot.write_bytes(b"now")
    check = evidence.check_attachment(Attachment(path=str(shot), sha256="0" * 64, size=3), "request 1")
    assert check.status == evidence.CHANGED
    assert check.reason_in("en").startswith("changed since it was attached (now 3 bytes, sha256 ")
    assert check.reason_in("ja").startswith("添付したあとに変更されています（現在 3 バイト、sha256 ")
    assert check.reason == check.reason_in("en")  # what older callers read stays English
    assert evidence.describe(check).startswith(f"{shot}: request 1 の証拠は changed です: 添付したあとに")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    check = evidence.check_attachment(Attachment(path=str(fifo), sha256="0" * 64, size=3), "request 1")
    assert check.reason_in("ja") == "読み込めません: 通常のファイルではありません"
    assert check.reason_in("en") == "cannot be read: not a regular file"


def test_history_names_a_status_change_in_japanese(japanese: None) -> None:
    """A history line reads as the timeline does: the statuses in Japanese, never the keys."""
    import copy

    from journal.changes import differences
    from journal.model import Incident

    before = Incident(id="x", title="保留", kind="account-hold", opened_at=SATURDAY)
    after = copy.deepcopy(before)
    after.set_status("resolved", SATURDAY + timedelta(hours=1))
    parts = differences(before, after)
    assert parts[0] == "状態 対応中 -> 解決" and "出来事「対応中 -> 解決」を追加" in parts, parts
    assert not any("resolved" in part or "open" in part for part in parts), parts
