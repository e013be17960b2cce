"""Drafts built from the record that keep the user within the platform's rules: a note to a
client whose work is affected, an appeal to the platform, a status request to support.

Each is a journal.reply.Reply (subject, text, no request indexes), shown in the same preview
as the reply to support and logged the same way, as a sent message. What a draft says comes
from the incident only; it never suggests moving work, contact or payment off the platform
(the drafts are checked with journal.outgoing in the tests, and every draft is checked again,
after any edit, before it is logged).

Sources for what the drafts hold: an appeal succeeds only with new information, a policy
change or an error on the platform's side (Upwork, "Appeal an account suspension", read
2026-11-29, as in docs/rules.md); the rest is the record itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from journal import labels
from journal.deadlines import deadline_text
from journal.errors import BadInputError
from journal.i18n import _
from journal.model import Incident, Message
from journal.reply import Reply
from journal.text import one_line
from journal.timeshow import format_moment

DRAFT_KINDS = ("client-note", "appeal", "status-request")
"""The drafts `draft ID KIND` and the incident screen make."""

_EN = {
    "client_subject": "An update on our contract",
    "client_hello": "Hello {client},",
    "client_status": "I want to let you know that {platform} has placed my account under review ({kind}) since {since}. "
    "While the review goes on I cannot continue work on our contract{contract}; nothing changes on your side.",
    "client_status_contract": "I want to let you know that {platform} paused our contract{contract} on {since} while it "
    "reviews it; {platform} has not said why. Until it is active again I cannot continue work on it.",
    "client_paused": "Our contract is paused on {platform} until the review ends; I will resume work on it when {platform} "
    "makes it active again.",
    "client_timeline": "Expected timeline: {platform} has not given a date. I am following up with their support{follow} "
    "and will message you here on {platform} as soon as I can work again.",
    "client_can": "What you can do: nothing is needed from you. Any money for this contract stays with {platform}. "
    "If the deadline matters, you can keep the contract open and we will agree a new date here when I am back, or you "
    "can ask {platform} support about the contract from your side.",
    "client_deadline": "The current deadline is {deadline}; I will tell you here whether it still holds.",
    "client_bye": "I am sorry for the delay, and thank you for your patience.",
    "appeal_subject": "Appeal: {title}",
    "appeal_intro": "I am writing to appeal the {kind} on my account (reference: {ref}). The facts, in order:",
    "appeal_notice": "The notice, as I received it on {at} from {sender}:",
    "begin": "----- begin notice -----",
    "end": "----- end notice -----",
    "appeal_answers": "My answers to your questions:",
    "q": "Question: ",
    "a": "Answer:",
    "appeal_new": "What is new since your decision (an appeal is reviewed on new information, a policy change or an error):",
    "new_info": "- New information: [write it here, or delete this line]",
    "new_policy": "- A policy change: [write it here, or delete this line]",
    "new_error": "- An error on your side: [write it here, or delete this line]",
    "appeal_ask": "I ask you to review the decision with this information. I can send any document you need through this "
    "channel.",
    "status_subject": "Status request: {title}",
    "status_body": "I am writing about {title} (reference: {ref}), open since {since}.",
    "status_last": "My last message to you was sent on {at}; I have had no reply since.",
    "status_none": "I have not had an answer yet.",
    "status_follow": "I had planned to follow up on {at}, and that day has passed.",
    "status_ask": "Could you tell me the status of the review, and when I can expect a decision? If you need anything "
    "from me, please say what, and I will send it at once.",
    "hello": "Hello,",
    "bye": "Thank you,",
    "none": "(nothing recorded yet)",
}

_JA = {
    "client_subject": "契約についてのご連絡",
    "client_hello": "{client} 様",
    "client_status": "{since} から、{platform} により私のアカウントが審査中（{kind}）となっております。"
    "審査の間は契約{contract}の作業を続けることができません。お客様の側で変わることはございません。",
    "client_status_contract": "{since} から、{platform} が確認のため契約{contract}を一時停止しています(理由は示されていません)。"
    "再開されるまで作業を続けることができません。",
    "client_paused": "契約は審査が終わるまで {platform} 上で停止しています。{platform} で契約が再開され次第、作業を再開いたします。",
    "client_timeline": "今後の見通し：{platform} からは期日が示されていません。サポートに確認を続けており{follow}、"
    "作業を再開でき次第、この {platform} のメッセージでご連絡いたします。",
    "client_can": "お客様にお願いすること：特にございません。この契約のお支払いは {platform} が預かったままです。"
    "納期が重要な場合は、契約をそのままにして、再開後にこちらで新しい日程をご相談させてください。"
    "お客様の側から {platform} のサポートに契約についてお問い合わせいただくこともできます。",
    "client_deadline": "現在の納期は {deadline} です。守れるかどうか、こちらでお知らせいたします。",
    "client_bye": "ご迷惑をおかけして申し訳ございません。何卒よろしくお願いいたします。",
    "appeal_subject": "異議申し立て：{title}",
    "appeal_intro": "私のアカウントに対する措置（{kind}、参照番号 {ref}）について異議を申し立てます。事実を順に記します。",
    "appeal_notice": "{at} に {sender} から受け取った通知（原文のまま）：",
    "begin": "----- 通知ここから -----",
    "end": "----- 通知ここまで -----",
    "appeal_answers": "ご質問への私の回答：",
    "q": "ご質問：",
    "a": "回答：",
    "appeal_new": "決定の後に新しくわかったこと（新しい情報、規約の変更、または貴社側の誤り）：",
    "new_info": "- 新しい情報：[ここに書くか、この行を消してください]",
    "new_policy": "- 規約の変更：[ここに書くか、この行を消してください]",
    "new_error": "- 貴社側の誤り：[ここに書くか、この行を消してください]",
    "appeal_ask": "以上を踏まえ、決定を見直していただけますようお願いいたします。必要な書類はこの窓口からお送りします。",
    "status_subject": "状況の確認：{title}",
    "status_body": "{since} から続いている件（{title}、参照番号 {ref}）についてご連絡いたします。",
    "status_last": "最後にご連絡したのは {at} で、その後お返事をいただいておりません。",
    "status_none": "まだお返事をいただいておりません。",
    "status_follow": "{at} に改めて確認する予定でしたが、その日を過ぎました。",
    "status_ask": "審査の状況と、決定の見込み時期を教えていただけますでしょうか。必要なものがあれば、すぐにお送りします。",
    "hello": "ご担当者様",
    "bye": "よろしくお願いいたします。",
    "none": "（まだ記録がありません）",
}

WORDS = {"en": _EN, "ja": _JA}
"""The drafts' own words per language; the user's and the platform's texts stay as written."""


def _words(language: str) -> dict[str, str]:
    return WORDS.get(language, _EN)


def _when(moment: datetime | None) -> str:
    """A moment in the user's zone with UTC beside it (once, when the zone is UTC)."""
    if moment is None:
        return "-"
    if moment.astimezone().utcoffset() == timedelta(0):
        return format_moment(moment) + " (UTC)"
    return format_moment(moment, with_utc=True)


def _kind(kind: str, language: str) -> str:
    return labels.kind(kind, language) if language != "en" else labels.kind(kind, "en").lower()


def notice(incident: Incident) -> Message | None:
    """The platform's notice: the first message received (the earliest), None if none."""
    received = [m for m in incident.messages if m.direction == "received"]
    return min(received, key=lambda m: m.at) if received else None


def client_note(incident: Incident, contract: int | None = None, language: str = "en") -> Reply:
    """A note to the client of contract `contract` (0-based; None: the first affected one, or
    no name when there is none): the status, the expected timeline, what the client can do.
    Raises BadInputError for a contract number the incident does not have."""
    w = _words(language)
    chosen = None
    if contract is not None:
        if not 0 <= contract < len(incident.contracts):
            raise BadInputError(
                f"{incident.id}: "
                + _("there is no contract {number} (it has {count})").format(
                    number=contract + 1, count=len(incident.contracts)
                )
            )
        chosen = incident.contracts[contract]
    elif incident.contracts:
        chosen = incident.contracts[0]
    client = one_line(chosen.client) if chosen else ("client" if language != "ja" else "お客様")
    ref = f" (#{one_line(chosen.contract_id)})" if chosen and chosen.contract_id else ""
    follow = ""
    if incident.follow_up_at:
        follow = (
            f"（次は {format_moment(incident.follow_up_at)[:10]} に確認します）"
            if language == "ja"
            else f" (next on {format_moment(incident.follow_up_at)[:10]})"
        )
    fields = {
        "client": client,
        "platform": incident.platform,
        "since": format_moment(incident.opened_at)[:10],
        "kind": _kind(incident.kind, language),
        "contract": ref,
        "follow": follow,
    }
    status = "client_status_contract" if incident.kind == "contract-suspension" else "client_status"
    out = [w["client_hello"].format(**fields), "", w[status].format(**fields)]
    if chosen and chosen.state == "paused":
        out += ["", w["client_paused"].format(**fields)]
    out += ["", w["client_timeline"].format(**fields), "", w["client_can"].format(**fields)]
    if chosen and chosen.deadline:
        out += ["", w["client_deadline"].format(deadline=deadline_text(chosen.deadline))]
    out += ["", w["client_bye"]]
    return Reply(subject=w["client_subject"], text="\n".join(out) + "\n")


def appeal(incident: Incident, language: str = "en") -> Reply:
    """An appeal built from the record: the facts (timeline events in order, moments with
    UTC), the notice quoted verbatim (its body byte for byte between two marker lines), the
    answers given to support's questions, and a section for what is new, to fill in."""
    w = _words(language)
    ref = incident.id or "-"
    kind = _kind(incident.kind, language)
    out = [w["hello"], "", w["appeal_intro"].format(kind=kind, ref=ref), ""]
    facts = sorted(incident.events, key=lambda e: e.at)
    out += [f"- {_when(e.at)}: {one_line(e.text) or e.kind.replace('-', ' ')}" for e in facts] or [w["none"]]
    first = notice(incident)
    if first is not None:
        sender = one_line(first.sender) or incident.platform
        body = first.body if first.body.endswith("\n") or not first.body else first.body + "\n"
        out += ["", w["appeal_notice"].format(at=_when(first.at), sender=sender), w["begin"]]
        text = "\n".join(out) + "\n" + body + w["end"] + "\n"
        out = []
    else:
        text = ""
    answered = [r for r in incident.requests if r.answer.strip()]
    if answered:
        out += ["", w["appeal_answers"]]
        for request in answered:
            out += ["", w["q"] + one_line(request.question), w["a"], request.answer.strip("\n")]
    out += ["", w["appeal_new"], w["new_info"], w["new_policy"], w["new_error"], "", w["appeal_ask"], "", w["bye"]]
    text += "\n".join(out) + "\n"
    return Reply(subject=w["appeal_subject"].format(title=one_line(incident.title)), text=text)


def status_request(incident: Incident, now: datetime, language: str = "en") -> Reply:
    """A status request to support once the follow-up has passed: what the case is, when the
    last message was sent, and a plain question. Raises BadInputError while the follow-up is
    still ahead (say so, with its day) or for an incident that is over."""
    if not incident.is_active:
        raise BadInputError(
            _("{id} is {status}: there is no status to ask for").format(id=incident.id, status=incident.status)
        )
    if incident.follow_up_at and incident.follow_up_at > now:
        raise BadInputError(
            f"{incident.id}: "
            + _(
                "the follow-up is {follow_up_at}; a status request is for after it passes (f sets the follow-up; set-status or `due` shows what is due)"
            ).format(follow_up_at=format_moment(incident.follow_up_at))
        )
    w = _words(language)
    title, ref = one_line(incident.title), incident.id or "-"
    out = [w["hello"], "", w["status_body"].format(title=title, ref=ref, since=_when(incident.opened_at))]
    sent = [m.at for m in incident.messages if m.direction == "sent"]
    out.append(w["status_last"].format(at=_when(max(sent))) if sent else w["status_none"])
    if incident.follow_up_at:
        out.append(w["status_follow"].format(at=format_moment(incident.follow_up_at)[:10]))
    out += ["", w["status_ask"], "", w["bye"]]
    return Reply(subject=w["status_subject"].format(title=title), text="\n".join(out) + "\n")


def build_draft(
    incident: Incident, kind: str, now: datetime, language: str = "en", contract: int | None = None
) -> Reply:
    """The draft of `kind` (one of DRAFT_KINDS). Raises BadInputError for another kind and as
    each builder says."""
    if kind == "client-note":
        return client_note(incident, contract, language)
    if kind == "appeal":
        return appeal(incident, language)
    if kind == "status-request":
        return status_request(incident, now, language)
    raise BadInputError(_("no draft called {kind!r}; drafts: {items}").format(kind=kind, items=", ".join(DRAFT_KINDS)))
