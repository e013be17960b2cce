"""Money at risk: each affected contract's amounts by state (in escrow, in review, pending,
available, held, refunded) and the day each changes, totalled per currency.

Amounts are typed as one line per contract, entries separated by `;`:
`420.00 USD in escrow until 12/09; 300 USD held until 2027-05-28; 50 USD refunded`. The money
part is read by journal.money (strict: no decimal comma, ISO 4217 codes), the day by
journal.timeparse.parse_date. A contract with no amounts but money `pending` (the older field)
counts as that much pending, with no day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from journal import i18n, labels
from journal.errors import BadInputError, JournalError
from journal.i18n import N_, _
from journal.model import AT_RISK_STATES, MONEY_STATES, Amount, Contract, Incident
from journal.money import money_text, parse_money
from journal.timeparse import parse_date

STATE_WORDS: dict[str, str] = {
    "in escrow": "in-escrow",
    "in-escrow": "in-escrow",
    "escrow": "in-escrow",
    "funded": "in-escrow",
    "仮払い": "in-escrow",
    "エスクロー": "in-escrow",
    "in review": "in-review",
    "in-review": "in-review",
    "review": "in-review",
    "検収中": "in-review",
    "pending": "pending",
    "clearing": "pending",
    "保留中": "pending",
    "available": "available",
    "利用可能": "available",
    "held": "held",
    "on hold": "held",
    "hold": "held",
    "reserve": "held",
    "凍結": "held",
    "refunded": "refunded",
    "返金済み": "refunded",
    "返金": "refunded",
}
"""The words a user may type for each of MONEY_STATES (English, and the Japanese platforms' own)."""

STATE_LABELS = {state: state.replace("-", " ") for state in MONEY_STATES}
"""How each state reads in a sentence: `in escrow`."""
_UNTIL = re.compile(r"\s+(?:until|till|on|by)\s+(.+)$|\s+(\S+?)\s*まで$", re.IGNORECASE)
_STATE = re.compile(
    "(?:^|\\s)(" + "|".join(re.escape(w) for w in sorted(STATE_WORDS, key=len, reverse=True)) + ")$", re.IGNORECASE
)
EXAMPLE = N_("write it like 420.00 USD in escrow until 12/09 (states: {states})")
"""The hint that ends an amount refused (English, marked: translated and filled where shown)."""


def parse_amount(text: str, now: datetime | None = None) -> Amount:
    """One typed amount (`420.00 USD in escrow until 12/09`) into an Amount. The state may be
    left out (pending); `until DAY` is optional. Raises BadInputError naming what is wrong."""
    rest = " ".join(text.split())
    day: date | None = None
    until = _UNTIL.search(rest)
    if until:
        typed = until[1] or until[2]
        try:
            day = parse_date(typed, now=now)
        except (JournalError, ValueError):
            raise BadInputError(
                _("{text!r}: the day {typed!r} is not a date like 12/09 or 2027-05-28").format(text=text, typed=typed)
            ) from None
        rest = rest[: until.start()].strip()
    state = "pending"
    found = _STATE.search(rest)
    if found:
        state = STATE_WORDS[found[1].lower()]
        rest = rest[: found.start()].strip()
    if not rest:
        raise BadInputError(
            _("{text!r} has no amount: {example}").format(
                text=text, example=_(EXAMPLE).format(states=", ".join(STATE_LABELS.values()))
            )
        )
    try:
        money = parse_money(rest)
    except BadInputError as error:
        raise BadInputError(
            _("{error}; the state, if any, is one of: {items}").format(
                error=error, items=", ".join(STATE_LABELS.values())
            )
        ) from None
    return Amount(money=money, state=state, changes_on=day)


def parse_amounts(text: str, now: datetime | None = None) -> list[Amount]:
    """Amounts separated by `;` (or a new line); [] for empty text. Raises BadInputError."""
    parts = [p.strip() for p in re.split(r"[;\n；]", text)]
    return [parse_amount(p, now) for p in parts if p]


def day_text(day: date, now: datetime | None = None) -> str:
    """`12/09` within the current year of `now`, else `2027-05-28`."""
    if now is not None and day.year == now.year:
        return f"{day.month:02d}/{day.day:02d}"
    return day.isoformat()


def amount_text(item: Amount, now: datetime | None = None) -> str:
    """`420.00 USD in escrow until 12/09`: the form the parser reads back (dates in full when
    `now` is None, so a form round-trips across a new year)."""
    text = f"{money_text(item.money)} {STATE_LABELS.get(item.state, item.state)}"
    if item.changes_on:
        text += f" until {day_text(item.changes_on, now)}"
    return text


def amounts_text(items: list[Amount], now: datetime | None = None) -> str:
    """Amounts joined with `; ` (what the contract form shows and reads back)."""
    return "; ".join(amount_text(a, now) for a in items)


def contract_amounts(contract: Contract) -> list[Amount]:
    """The contract's amounts; an older record's `pending` money as one pending amount."""
    if contract.amounts:
        return contract.amounts
    return [Amount(money=contract.pending, state="pending")] if contract.pending else []


@dataclass
class CurrencyRisk:
    """What one currency's money stands at across an incident's contracts."""

    currency: str
    at_risk: Decimal = Decimal(0)
    """Sum of the amounts in AT_RISK_STATES."""
    by_state: dict[str, Decimal] = field(default_factory=dict)
    """Sum per state, in MONEY_STATES order."""
    dated: list[tuple[date, Amount, str]] = field(default_factory=list)
    """(day it changes, amount, client) of each amount at risk with a day, soonest first."""


def money_at_risk(incident: Incident) -> list[CurrencyRisk]:
    """Per currency (sorted by code): the total at risk, the sum per state, the dated amounts."""
    found: dict[str, CurrencyRisk] = {}
    for contract in incident.contracts:
        for item in contract_amounts(contract):
            risk = found.setdefault(item.money.currency, CurrencyRisk(item.money.currency))
            risk.by_state[item.state] = risk.by_state.get(item.state, Decimal(0)) + item.money.amount
            if item.state in AT_RISK_STATES:
                risk.at_risk += item.money.amount
                if item.changes_on:
                    risk.dated.append((item.changes_on, item, contract.client))
    for risk in found.values():
        risk.by_state = {s: risk.by_state[s] for s in MONEY_STATES if s in risk.by_state}
        risk.dated.sort(key=lambda row: row[0])
    return [found[code] for code in sorted(found)]


def _sum(amount: Decimal, currency: str) -> str:
    from journal.model import Money

    return money_text(Money(amount, currency))


def _amount_words(item: Amount, now: datetime | None, language: str) -> str:
    """One amount for a reader in `language` (not English: English reads as `amount_text`,
    the form the Money field takes back): `420.00 USD エスクロー中（12/09 まで）`."""
    say = i18n.translations(language).gettext
    state = labels.money_state(item.state, language)
    if item.changes_on:
        return say(N_("{amount} {state} until {day}")).format(
            amount=money_text(item.money), state=state, day=day_text(item.changes_on, now)
        )
    return say(N_("{amount} {state}")).format(amount=money_text(item.money), state=state)


def amounts_words(items: list[Amount], now: datetime | None = None, language: str = "en") -> str:
    """A contract's amounts for a reader (the Markdown export) in `language` (en or ja)."""
    if language != "en":
        return i18n.translations(language).gettext(N_(", ")).join(_amount_words(a, now, language) for a in items)
    return "; ".join(amount_text(a, now) for a in items)


def headline(incident: Incident, now: datetime | None = None, language: str = "en", shown: int = 2) -> str:
    """One line, after a label `Money at risk:`: `720.00 USD: 420.00 USD in escrow until 12/09,
    300.00 USD held until 2027-05-28` (the total at risk, then the first `shown` dated amounts,
    soonest first); currencies joined with ` · `; `language` en or ja. "" when nothing is at risk."""
    parts = []
    for risk in money_at_risk(incident):
        if not risk.at_risk:
            continue
        say = i18n.translations(language).gettext
        english = language == "en"
        text = _sum(risk.at_risk, risk.currency)
        if risk.dated:
            shown_amounts = [
                amount_text(a, now) if english else _amount_words(a, now, language) for _, a, _ in risk.dated[:shown]
            ]
            text = say(N_("{total}: {amounts}")).format(total=text, amounts=say(N_(", ")).join(shown_amounts))
            if len(risk.dated) > shown:
                text += say(N_(", +{n} more")).format(n=len(risk.dated) - shown)
        parts.append(text)
    return " · ".join(parts)


def lines(incident: Incident, now: datetime | None = None, language: str | None = None) -> list[str]:
    """The Overview's and `show`'s rows: per currency, the total at risk and each state's sum,
    then each amount at risk with its day, soonest first, with its client; in `language` (en
    or ja; default the app's language)."""
    language = language or i18n.language()
    say = i18n.translations(language).gettext
    english = language == "en"
    out = []
    for risk in money_at_risk(incident):
        states = say(N_(", ")).join(
            say(N_("{amount} {state}")).format(amount=_sum(v, risk.currency), state=labels.money_state(s, language))
            for s, v in risk.by_state.items()
        )
        out.append(say(N_("{total} at risk ({states})")).format(total=_sum(risk.at_risk, risk.currency), states=states))
        for day, item, client in risk.dated:
            amount = amount_text(item) if english else _amount_words(item, now, language)
            line = say(N_("by {day}: {amount} ({client})")).format(day=day_text(day, now), amount=amount, client=client)
            out.append("  " + line)
    return out


def set_amounts(incident: Incident, index: int, amounts: list[Amount]) -> str:
    """Replace the amounts of contract `index` (from 0). Returns what was done, for the
    user; raises BadInputError when there is no such contract."""
    if not 0 <= index < len(incident.contracts):
        raise BadInputError(
            _("{id} has no contract {number} (it has {count}; see `show {id}`)").format(
                id=incident.id, number=index + 1, count=len(incident.contracts)
            )
        )
    contract = incident.contracts[index]
    contract.amounts = amounts
    client = " ".join(contract.client.split())
    language = i18n.language()
    shown = amounts_text(amounts) if language == "en" else amounts_words(amounts, language=language)
    return f"{client}: " + (shown or _("no amounts"))
