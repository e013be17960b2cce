"""The Markdown summary's own words in each export language (`en`, `ja`), and the rule that
keeps a timeline line from repeating its event kind's words.

Only the summary's labels and headings are translated: the user's texts and the templates'
texts stay as written. English is the default, since support usually reads English.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("en", "ja")

JA = {
    "Untitled incident": "無題のインシデント",
    "Summary written {at}. Times are shown in my time zone and in UTC.": "{at} 作成。時刻は私のタイムゾーンと UTC で示しています。",
    "Platform": "プラットフォーム",
    "Kind": "種類",
    "Status": "状態",
    "Opened": "開始",
    "Closed": "終了",
    "Reference": "参照番号",
    "Days on hold": "保留日数",
    "Waiting on support": "サポートの返信待ち",
    "nothing sent to support yet": "サポートにはまだ何も送っていません",
    "no; support replied {gap} after my last message, at {at}": "いいえ。私の最後のメッセージの {gap} 後、{at} に返信がありました",
    "{gap} since my last message or answer, at {at}": "私の最後のメッセージまたは回答（{at}）から {gap}",
    "Support requests": "サポートからの依頼",
    "{n}, {open} not answered yet": "{n} 件、うち未回答 {open} 件",
    "Money pending": "未払いの金額",
    "Money at risk": "未確定の金額",
    "Deadlines (the platform rules)": "期限（プラットフォームの規則）",
    "Summary": "概要",
    "Timeline": "経緯",
    "Messages": "メッセージ",
    "From": "差出人",
    "At": "日時",
    "me": "私",
    "unknown": "不明",
    "received": "受信",
    "sent": "送信",
    "My note": "私のメモ",
    "Request": "依頼",
    "Asked": "依頼日時",
    "Answered": "回答日時",
    "(time not recorded)": "（時刻の記録なし）",
    "not yet": "未回答",
    "Attachments": "添付ファイル",
    "imported with the incident: the sender's file, not checked on this machine": (
        "インシデントと一緒に読み込み：送り手のファイルで、このコンピューターでは確認していません"
    ),
    "Affected contracts": "影響を受ける契約",
    "contract": "契約",
    "deadline": "締切",
    "pending": "未払い",
    "client told": "クライアントに連絡済み",
    "client not told yet": "クライアントに未連絡",
    "active": "進行中",
    "paused": "停止中",
    "ended": "終了",
    "Checklist ({done} of {total} done)": "チェックリスト（{total} 件中 {done} 件完了）",
    "done": "完了",
    "Evidence": "証拠",
    "{n} file": "{n} ファイル",
    "{n} files": "{n} ファイル",
    ", {n} not as recorded)": "、うち {n} 件が記録と不一致）",
    "open": "対応中",
    "waiting": "返信待ち",
    "action-needed": "要対応",
    "resolved": "解決",
    "closed": "終了",
    "Contract suspension": "契約の一時停止",
    "Account on hold": "アカウントの保留",
    "Security review": "セキュリティ審査",
    "Account closed": "アカウントの閉鎖",
    "Payment hold": "支払いの保留",
    "Policy warning": "規約違反の警告",
    "Other": "その他",
    "Identity verification": "本人確認",
    "Payment dispute": "支払いの紛争",
    "Notice received": "通知を受信",
    "Support contacted": "サポートに連絡",
    "Support replied": "サポートから返信",
    "Status changed": "状態の変更",
    "Password changed": "パスワード変更",
    "Work paused": "作業停止",
    "Work resumed": "作業再開",
    "Client notified": "クライアントに連絡",
    "Evidence sent": "証拠を送付",
    "Reinstated": "復旧",
    "Note": "メモ",
}
"""Japanese for every label and heading of the summary (keys are the English words)."""

KIND_PREFIXES = {
    "notice-received": ("Received: ",),
    "support-contacted": ("Sent: ",),
    "support-replied": ("Reply: ", "Replied: "),
    "status-changed": ("Status: ", "Status changed: "),
}
"""Words a timeline text may start with that only repeat its kind (as older versions wrote)."""


def translator(lang: str) -> Callable[[str], str]:
    """A function from the English label to the one in `lang` (en or ja; English for any
    other value and for a label not in the table)."""
    table = JA if lang == "ja" else {}
    return lambda text: table.get(text, text)


def without_kind_words(kind: str, text: str) -> str:
    """The text of a timeline line without leading words that repeat its kind
    ("Received: Temporary hold" under "Notice received" -> "Temporary hold")."""
    label = kind.replace("-", " ").lower() + ": "
    for prefix in (*KIND_PREFIXES.get(kind, ()), label):
        if text.lower().startswith(prefix.lower()) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text
