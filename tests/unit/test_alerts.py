"""Warnings: messages (either direction, English or Japanese) that talk of moving payment or
work off the platform are flagged; harmless ones, including platform notices about
withdrawals, are not."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta, timezone

import pytest

from journal import alerts
from journal.cli import main
from journal.model import Incident, Message

POSITIVE = [
    "Can I pay you directly instead? It would be faster.",
    "Let's continue this project outside Upwork.",
    "I'd rather move off the platform for the next milestone.",
    "If you send me your PayPal email I will transfer the rest.",
    "I can pay via PayPal so we both avoid the fees.",
    "Do you accept PayPal?",
    "Add me on Telegram: @someone",
    "My WhatsApp number is +1 555 0100.",
    "We could do a direct bank transfer next time.",
    "今後は直接お支払いする形でもよろしいでしょうか。",
    "Upwork外でやり取りを続けませんか？",
    "手数料を避けるために、PayPalで送金します。",
    "Upworkを通さずに契約したいです。",
    "LINEで連絡をください。",
    "ＰａｙＰａｌ で お支払い します",  # full-width letters and spaces
    "直接契約に切り替えませんか",
]
NEGATIVE = [
    "Thanks for the update. I will release the milestone payment through Upwork.",
    "You can withdraw your earnings to PayPal or to a bank account.",
    "We found a potential issue with your contract. Please do not continue working on it.",
    "Please send a screenshot of an IP address checking website, taken without a VPN.",
    "The deadline is Friday; I read the guidelines online.",
    "Never move a conversation to Telegram: it is a common scam.",
    "I paid directly from my card on the platform.",
    "Your payment method has been updated: PayPal.",
    "ご連絡ありがとうございます。マイルストーンの支払いは完了しました。",
    "出金方法としてPayPalを設定できます。",
    "ガイドラインで確認してください。",
    "サイトの外観を変更しました。",
    "deadlineに間に合います。",
    "直接の原因はまだわかりません。",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_off_platform_talk_is_flagged(text: str) -> None:
    assert alerts.find_phrases(text), text


@pytest.mark.parametrize("text", NEGATIVE)
def test_harmless_messages_raise_no_warning(text: str) -> None:
    assert alerts.find_phrases(text) == [], text


def test_every_rule_has_patterns_and_a_language() -> None:
    rules = alerts.builtin_rules()
    assert {rule.language for rule in rules} == {"en", "ja"}
    assert all(rule.patterns for rule in rules)
    assert len({rule.id for rule in rules}) == len(rules)


def test_a_phrase_split_over_a_line_break_is_found_but_not_across_sentences() -> None:
    assert alerts.find_phrases("We can pay you\r\ndirectly if that helps.")
    assert alerts.find_phrases("Thanks, we will pay you. Directly after review we close it.") == []


def test_incident_alerts_name_the_message() -> None:
    jst = timezone(timedelta(hours=9))
    incident = Incident(id="x", title="t", kind="contract-suspension", opened_at=datetime(2026, 11, 20, tzinfo=jst))
    incident.add_message(Message(at=datetime(2026, 11, 20, 9, 0, tzinfo=jst), sender="Upwork", body="We paused it."))
    incident.add_message(
        Message(
            at=datetime(2026, 11, 20, 11, 0, tzinfo=jst),
            direction="sent",
            sender="me",
            body="PayPalでお支払いいただけますか",
        )
    )
    found = alerts.incident_alerts(incident)
    assert [a.index for a in found] == [1]
    assert found[0].line().startswith("Warning: message 2 (sent 2026-11-20 11:00)")
    assert found[0].to_json()["rules"] == ["payment-app-ja"]


def run(capsys, monkeypatch, *argv: str, stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_prints_a_warning_line_only_when_a_message_talks_of_it(capsys, monkeypatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "new", "--kind", "contract-suspension", "--title", "Acme")
    incident_id = out.strip().splitlines()[-1]
    run(
        capsys,
        monkeypatch,
        "add-message",
        incident_id,
        "--subject",
        "On hold",
        "--sender",
        "Upwork",
        "--at",
        "2026-11-20T09:00+09:00",
        stdin=b"We paused your contract while we review it.",
    )
    _, out, _ = run(capsys, monkeypatch, "show", incident_id)
    assert "Warning:" not in out
    _, out, _ = run(capsys, monkeypatch, "show", incident_id, "--json")
    assert json.loads(out)["warnings"] == []

    code, _, err = run(
        capsys,
        monkeypatch,
        "add-message",
        incident_id,
        "--subject",
        "hi",
        "--sender",
        "Acme",
        "--at",
        "2026-11-20T12:00+09:00",
        stdin="Upwork外で直接お支払いします".encode(),
    )
    assert code == 0 and "Warning: this message talks of moving payment or work off the platform" in err
    _, out, _ = run(capsys, monkeypatch, "show", incident_id)
    warnings = [line for line in out.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    assert "message 2 (received 2026-11-20 12:00 from Acme)" in warnings[0] and "upwork外" in warnings[0]
    _, out, _ = run(capsys, monkeypatch, "show", incident_id, "--json")
    assert json.loads(out)["warnings"][0]["message"] == 1
