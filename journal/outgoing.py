"""The outgoing check: before a draft is sent, or when a message is logged as *sent*, find
what platforms treat as dealing outside the platform, each hit with why it matters.

What is looked for, in English and Japanese:
- e-mail addresses and phone numbers (the finders of journal.redact, which tell a phone number
  from a labelled certificate or order number);
- every phrase group of the word list (`[[warning]]` in journal/data/warnings.toml: direct
  payment, outside the platform, avoiding fees, payment and chat apps);
- the stricter `[[outgoing]]` groups of the same file: chat and call apps named at all (Zoom,
  Skype, Telegram, WhatsApp, LINE, WeChat, ...), asking for contact details, bank transfer and
  payment words (`PayPal で`, `銀行振込`, `direct payment`), links to files or documents.

A hit is a reminder shown before sending, never a block: the user decides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from journal import alerts, redact

CONTACT_WHY = {
    "email": "an e-mail address: sharing contact details is treated as moving the conversation off the platform",
    "phone": "a phone number: sharing contact details is treated as moving the conversation off the platform",
}
CONTACT_WHY_JA = {
    "email": "メールアドレスです(連絡先の共有はプラットフォーム外への誘導と見なされます)",
    "phone": "電話番号です(連絡先の共有はプラットフォーム外への誘導と見なされます)",
}


@dataclass(frozen=True)
class OutgoingHit:
    """One thing in a text about to be sent that a platform may read as dealing outside it."""

    rule: str
    """`email`, `phone`, or the word list group's id (`bank-payment-ja`, ...)."""
    found: str
    """The words or address found (normalised for phrases, as written for addresses)."""
    why: str
    """Why it matters, in the group's language (English for addresses unless asked)."""

    def line(self) -> str:
        return f'"{self.found}": {self.why}'


@functools.cache
def outgoing_rules() -> tuple[alerts.Rule, ...]:
    """The word list's groups used on outgoing text: every `[[warning]]` and `[[outgoing]]`."""
    text = alerts.WARNINGS_FILE.read_text(encoding="utf-8")
    where = str(alerts.WARNINGS_FILE)
    return tuple(alerts.parse_rules(text, where)) + tuple(alerts.parse_rules(text, where, table="outgoing"))


def check_outgoing(text: str, language: str = "en") -> list[OutgoingHit]:
    """Everything in `text` a platform may read as dealing outside it: addresses first (in
    text order), then phrase groups (at most one hit per group). Empty for a clean text."""
    hits: list[OutgoingHit] = []
    contact_why = CONTACT_WHY_JA if language == "ja" else CONTACT_WHY
    for found in redact.find(text[: alerts.MAX_SCAN_CHARS]):
        if found.kind in contact_why:
            hits.append(OutgoingHit(found.kind, text[found.start : found.end], contact_why[found.kind]))
    by_id = {rule.id: rule for rule in outgoing_rules()}
    for hit in alerts.find_phrases(text, outgoing_rules()):
        hits.append(OutgoingHit(hit.rule, hit.phrase, by_id[hit.rule].why))
    return hits
