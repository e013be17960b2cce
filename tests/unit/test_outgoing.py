"""The outgoing check: what a platform may read as dealing outside it, in English and
Japanese, each hit with why; innocent texts stay clean. Also the CLI's check of a message
logged as sent."""

from __future__ import annotations

import io
import sys

import pytest

from journal.cli import main
from journal.outgoing import check_outgoing

POSITIVE_EN = [
    "Add me on LINE so we can talk faster",
    "My email is taro.yamada@example.com",
    "Call me at +1 415 555 0134 tomorrow",
    "Can we jump on a Zoom call?",
    "Let's continue on Skype",
    "Message me on Telegram",
    "I'm on WhatsApp if that is easier",
    "Do you use WeChat?",
    "Please pay via bank transfer",
    "Here are my IBAN and SWIFT code",
    "You could send me the balance by PayPal",
    "A direct payment would be simpler",
    "I will invoice you directly next month",
    "The files are on https://drive.google.com/drive/folders/abc",
    "Download it from Dropbox: https://www.dropbox.com/s/x/report",
    "See https://example.com/files/report.pdf",
    "What is your phone number?",
    "Email me when you are back",
    "We can work outside Upwork to save the fees",
    "Send me the deposit through Venmo",
    "Contact me directly on Discord",
    "I accept crypto too",
]
NEGATIVE_EN = [
    "My account is on hold while Upwork reviews it; I expect news within a few days.",
    "I will keep you posted here on Upwork.",
    "The contract is paused by the platform; please do not send new work until it is active again.",
    "I submitted the milestone through the contract page.",
    "You can check the status of the contract in your Upwork dashboard.",
    "The deadline is on the timeline we agreed.",
    "I expect to resume work on Monday if the review ends.",
    "Thank you for your patience.",
    "I am answering support's questions today.",
    "The hold does not affect the work already delivered.",
    "Certificate No. 2024-118-5521 is attached to the delivery.",
    "Please use the Upwork messages for anything urgent.",
    "I will deliver the remaining files through the platform.",
    "If you need to, you can end the contract from your side; I will understand.",
    "Support says the review usually takes a few business days.",
    "Order #4412-889-1203 was delivered on 2026-11-20.",
    "I appreciate your understanding while this is resolved.",
    "The online version of the report is in the workroom.",
    "Please approve the milestone when you are satisfied.",
    "I could not reply earlier because of a time-zone difference.",
    "The guidelines of the project stay the same.",
]
POSITIVE_JA = [
    "LINEで連絡ください",
    "ラインのIDを教えてください",
    "Zoomで打ち合わせしましょう",
    "スカイプでお話しできますか",
    "チャットワークに移りませんか",
    "銀行振込でお願いします",
    "振込先を教えてください",
    "口座番号をお送りします",
    "PayPalで払います",
    "ペイパルでの支払いも可能です",
    "直接お支払いいただけますか",
    "メールアドレスはtaro@example.comです",
    "電話番号は090-1234-5678です",
    "電話してください",
    "連絡先を交換しましょう",
    "手数料を避けるために外で取引しませんか",
    "Googleドライブに置きました",
    "ギガファイル便で送ります",
    "ランサーズの外で続けませんか",
    "請求書を直接お送りします",
    "微信でも連絡できます",
]
NEGATIVE_JA = [
    "現在アカウントが一時停止されており、Upwork の確認を待っています。",
    "状況が分かり次第、こちらのメッセージでお知らせします。",
    "契約が再開されるまで作業を止めています。",
    "納品物はプラットフォーム上で提出しました。",
    "ご迷惑をおかけして申し訳ありません。",
    "締め切りについてはタイムラインのとおりです。",
    "オンラインで作業を続ける準備はできています。",
    "ガイドラインに沿って対応します。",
    "サポートからの質問に本日回答しました。",
    "確認には数営業日かかる見込みです。",
    "マイルストーンの承認をお願いいたします。",
    "資格番号 2024-118-5521 の証明書を添付します。",
    "ご理解のほどよろしくお願いいたします。",
    "契約はプラットフォーム上で終了していただいても構いません。",
    "ご返信が遅れて申し訳ありません。",
    "時差のため返信が遅くなることがあります。",
    "成果物は作業ルームに置いています。",
    "審査が終わり次第、作業を再開します。",
    "デッドラインには間に合わせます。",
    "連絡はこのメッセージ機能で続けます。",
    "ご不明な点はこちらでお尋ねください。",
]


@pytest.mark.parametrize("text", POSITIVE_EN + POSITIVE_JA)
def test_dealing_outside_the_platform_is_found_with_why(text: str) -> None:
    hits = check_outgoing(text)
    assert hits, text
    assert all(hit.why and hit.found for hit in hits)


@pytest.mark.parametrize("text", NEGATIVE_EN + NEGATIVE_JA)
def test_innocent_texts_stay_clean(text: str) -> None:
    assert check_outgoing(text) == [], text


def test_each_list_has_twenty_phrases() -> None:
    assert min(len(POSITIVE_EN), len(NEGATIVE_EN), len(POSITIVE_JA), len(NEGATIVE_JA)) >= 20


def test_hits_say_what_and_why() -> None:
    [address, phrase] = check_outgoing("My email is taro@example.com")
    assert (address.rule, address.found) == ("email", "taro@example.com")
    assert "e-mail address" in address.why
    assert phrase.line().startswith('"my email": ')
    [bank] = check_outgoing("銀行振込でお願いします", language="ja")
    assert bank.found == "銀行振込" and "銀行振込" in bank.why


def test_a_message_logged_as_sent_is_checked(capsys, monkeypatch) -> None:
    monkeypatch.setenv("INCIDENT_JOURNAL_NOW", "2026-11-27T09:00:00+09:00")
    assert main(["new", "--kind", "account-hold", "--title", "Hold"]) == 0
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Add me on LINE: taro_123"), encoding="utf-8"))
    code = main(["add-message", incident_id, "--subject", "Hi", "--sender", "me", "--direction", "sent"])
    err = capsys.readouterr().err
    assert code == 0
    assert 'warning: the message you sent: "add me on line": names a chat or call app' in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Add me on LINE"), encoding="utf-8"))
    main(["add-message", incident_id, "--subject", "Hi", "--sender", "Client"])
    assert "the message you sent" not in capsys.readouterr().err  # received messages are not checked here
