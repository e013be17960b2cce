"""What each kind of incident is, in one line, where the user chooses it: what it is, and what
the platform usually asks. Facts from the project's domain notes (a freelancer's own account of six years on a
platform, and the platforms' help pages, late 2026)."""

from __future__ import annotations

from journal.model import KINDS

ABOUT: dict[str, dict[str, str]] = {
    "en": {
        "contract-suspension": "One contract paused while the platform reviews it (often a client-side issue); "
        "stop work on it. Usually nothing is asked: no action needed, they get back to you.",
        "account-hold": "The whole account stopped (\u201ctemporarily suspended\u201d, \u201con hold\u201d): no work, no messages. "
        "They often ask to verify your identity (ID, video call) or security questions.",
        "security-review": "An account hold after an unusual login or a report. Support usually asks: an IP-check "
        "screenshot without VPN, your last access, your devices, shared devices or account.",
        "account-closure": "The account closed for good (\u201cpermanently suspended\u201d). What is left: an appeal, "
        "getting earnings out, telling clients. An appeal needs new information.",
        "payment-hold": "Earnings or withdrawals held. They usually ask for identity or tax documents "
        "(names must match across ID, profile and bank).",
        "policy-warning": "A warning about a rule (off-platform contact, reviews, fees). Usually nothing to send; "
        "read the rule and keep the notice.",
        "identity-verification": "The platform asks you to verify your identity (ID documents, a video call) by a "
        "deadline; until then withdrawals and proposals may stop. Names must match across ID, profile and bank.",
        "payment-dispute": "A client asks for a refund or disputes hours or a milestone; you have days to accept or "
        "dispute. Support usually asks for the work delivered and the messages about it.",
        "other": "Anything else the platform did. Add what support asks as support requests.",
    },
    "ja": {
        "contract-suspension": "契約が1件だけ一時停止（審査中）。その契約の作業を止める。通常、求められることはなく、先方からの連絡を待つ。",
        "account-hold": "アカウント全体が停止（「一時停止」「保留」）。作業もメッセージも不可。本人確認（身分証・ビデオ通話）やセキュリティの質問を求められることが多い。",
        "security-review": "不審なログインや通報の後のアカウント保留。サポートが通常聞くこと：VPNなしのIP確認画面のスクリーンショット、最後のアクセス、使用端末、共有端末・アカウント共有の有無。",
        "account-closure": "アカウントの恒久的な閉鎖。残る手段は異議申し立て、売上の引き出し、クライアントへの連絡。異議には新しい情報が必要。",
        "payment-hold": "売上または出金の保留。本人確認書類や税務書類を求められることが多い（身分証・プロフィール・銀行の名義を一致させる）。",
        "policy-warning": "規約違反の警告（プラットフォーム外の連絡、レビュー、手数料など）。通常送るものはない。規約を読み、通知を保存する。",
        "identity-verification": "期限までに本人確認（身分証・ビデオ通話）を求められている。完了まで出金や提案が止まることがある。身分証・プロフィール・銀行の名義を一致させる。",
        "payment-dispute": "クライアントが返金を求める、または作業時間やマイルストーンに異議を申し立てた。承諾か異議の期限は数日。納品物とやり取りの記録を求められることが多い。",
        "other": "その他の措置。サポートに聞かれたことはサポート依頼として追加する。",
    },
}
assert all(set(table) == set(KINDS) for table in ABOUT.values())


def about(kind: str, language: str = "en") -> str:
    """One line on a kind: what it is and what the platform usually asks ("" for an unknown kind)."""
    table = ABOUT.get(language) or ABOUT["en"]
    return table.get(kind, "")
