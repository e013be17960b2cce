"""How the stored values of an incident are shown: kinds, statuses, event kinds, channels,
directions, contract and money states, in the app's language (or another one, for an export).

The files keep the English keys (`contract-suspension`, `action-needed`, `in-escrow`); only
what the user reads goes through the catalogs. An unknown key (from a newer version or a hand
edit) is shown as written, never hidden.
"""

from __future__ import annotations

from collections.abc import Callable

from journal import i18n
from journal.i18n import N_

KINDS = {
    "contract-suspension": N_("Contract suspension"),
    "account-hold": N_("Account on hold"),
    "security-review": N_("Security review"),
    "account-closure": N_("Account closed"),
    "payment-hold": N_("Payment hold"),
    "policy-warning": N_("Policy warning"),
    "identity-verification": N_("Identity verification"),
    "payment-dispute": N_("Payment dispute"),
    "other": N_("Other"),
}
STATUSES = {
    "open": N_("open"),
    "waiting": N_("waiting"),
    "action-needed": N_("action needed"),
    "resolved": N_("resolved"),
    "closed": N_("closed"),
}
EVENT_KINDS = {
    "notice-received": N_("Notice received"),
    "support-contacted": N_("Support contacted"),
    "support-replied": N_("Support replied"),
    "status-changed": N_("Status changed"),
    "password-changed": N_("Password changed"),
    "work-paused": N_("Work paused"),
    "work-resumed": N_("Work resumed"),
    "client-notified": N_("Client notified"),
    "evidence-sent": N_("Evidence sent"),
    "reinstated": N_("Reinstated"),
    "note": N_("Note"),
}
CHANNELS = {
    "email": N_("email"),
    "in-app": N_("in-app"),
    "chat": N_("chat"),
    "phone": N_("phone"),
    "other": N_("other"),
}
DIRECTIONS = {"received": N_("received"), "sent": N_("sent")}
CONTRACT_STATES = {"active": N_("active"), "paused": N_("paused"), "ended": N_("ended")}
MONEY_STATES = {
    "in-escrow": N_("in escrow"),
    "in-review": N_("in review"),
    "pending": N_("pending"),
    "available": N_("available"),
    "held": N_("held"),
    "refunded": N_("refunded"),
}


def _shown(table: dict[str, str], key: str, lang: str | None) -> str:
    english = table.get(key)
    if english is None:
        return key
    return i18n.translations(lang).gettext(english)


def kind(key: str, lang: str | None = None) -> str:
    """`contract-suspension` -> "Contract suspension" / 「契約の一時停止」 (`lang`: en or ja;
    default the app's language). An unknown key is returned as written."""
    return _shown(KINDS, key, lang)


def status(key: str, lang: str | None = None) -> str:
    """`action-needed` -> "action needed" / 「要対応」."""
    return _shown(STATUSES, key, lang)


def event_kind(key: str, lang: str | None = None) -> str:
    """`work-paused` -> "Work paused" / 「作業停止」."""
    return _shown(EVENT_KINDS, key, lang)


def event_text(kind: str, text: str, lang: str | None = None) -> str:
    """A timeline event's text as shown: a status change is stored with its keys (`open ->
    waiting`, parsed back by the app) and shown with each status in `lang` (default: the
    app's language; English shows the keys as stored); any other text as written."""
    lang = lang or i18n.language()
    old, arrow, new = text.partition(" -> ")
    if lang == "en" or kind != "status-changed" or not arrow or old not in STATUSES or new not in STATUSES:
        return text
    return f"{status(old, lang)} -> {status(new, lang)}"


def channel(key: str, lang: str | None = None) -> str:
    """`in-app` -> "in-app" / 「アプリ内」."""
    return _shown(CHANNELS, key, lang)


def direction(key: str, lang: str | None = None) -> str:
    """`received` -> "received" / 「受信」."""
    return _shown(DIRECTIONS, key, lang)


def contract_state(key: str, lang: str | None = None) -> str:
    """`paused` -> "paused" / 「停止中」."""
    return _shown(CONTRACT_STATES, key, lang)


def money_state(key: str, lang: str | None = None) -> str:
    """`in-escrow` -> "in escrow" / 「エスクロー中」."""
    return _shown(MONEY_STATES, key, lang)


def choices(table: dict[str, str], lang: str | None = None) -> list[tuple[str, str]]:
    """(shown label, stored key) pairs of a table above, in its order, for a select list."""
    catalog = i18n.translations(lang)
    return [(catalog.gettext(english), key) for key, english in table.items()]


def for_table(table: dict[str, str]) -> Callable[[str], str]:
    """A function from a stored key of `table` to its label in the app's language."""
    return lambda key: _shown(table, key, None)
