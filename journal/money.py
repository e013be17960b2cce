"""Money as people type it and as the journal shows it: one field, `420.00 USD`.

Parsing is strict, because a wrong amount in a record sent to support is worse than a
question: a decimal comma (`420,50 EUR`) is refused as ambiguous (is it 420.50 or 42,050?),
and so are negatives, exponents (`4.2e2`), codes that are not ISO 4217 currency codes, and
more decimals than the currency has (`420.50 JPY`: the yen has no minor unit). The list of
codes and their minor units comes from the `iso4217` package (ISO 4217 as published by its
maintenance agency, SIX).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from iso4217 import Currency

from journal.errors import BadInputError
from journal.i18n import N_, _
from journal.model import Money

MAX_INTEGER_DIGITS = 15
"""More digits than this before the decimal point is a typing slip, not money pending."""
EXAMPLE = N_("write it like 420.00 USD")
"""The hint that ends an amount refused (English, marked: translated where it is shown)."""

_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_CODE = re.compile(r"[A-Za-z]{3}")


def currency_digits(code: str) -> int | None:
    """How many decimals the ISO 4217 currency `code` has (USD 2, JPY 0, KWD 3); None for
    codes without a minor unit (gold, SDR). Raises BadInputError for an unknown code."""
    try:
        return Currency(code.upper()).exponent
    except ValueError:
        raise BadInputError(
            _("{code!r} is not an ISO 4217 currency code (USD, EUR, JPY, ...)").format(code=code)
        ) from None


def _split(text: str) -> tuple[str, str]:
    """(amount text, currency code) from `420 USD`, `USD 420`, `420USD`."""
    parts = text.split()
    if len(parts) == 1:
        match = re.fullmatch(r"([A-Za-z]{3})?([^A-Za-z]+)([A-Za-z]{3})?", parts[0])
        if match and bool(match[1]) != bool(match[3]):
            return match[2], match[1] or match[3]
        return parts[0], ""
    if len(parts) == 2:
        if _CODE.fullmatch(parts[0]) and not _CODE.fullmatch(parts[1]):
            return parts[1], parts[0]
        return parts[0], parts[1]
    raise BadInputError(_("could not read the amount {text!r}: {example}").format(text=text, example=_(EXAMPLE)))


def parse_money(text: str) -> Money:
    """Read `420.00 USD` (or `USD 420.00`, `1,234.50 EUR`, full-width digits) into Money.

    Raises BadInputError, with a line that says why, for: no currency, a decimal comma
    (`420,50 EUR`, ambiguous), a negative amount, an exponent, a code that is not ISO 4217,
    more decimals than the currency has (`420.50 JPY`) or more than 15 digits before the
    point. The amount is kept exactly as typed (`420.5` stays 420.5; shown as 420.50)."""
    raw = text
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        raise BadInputError(_("the amount is empty: {example}").format(example=_(EXAMPLE)))
    amount_text, code = _split(text)
    if amount_text.startswith(("-", "\u2212")):
        raise BadInputError(_("the amount {raw!r} is negative: money pending is 0 or more").format(raw=raw))
    amount_text = amount_text.lstrip("+")
    if re.search(r"\d[eE][+-]?\d", amount_text):
        raise BadInputError(_("the amount {raw!r} has an exponent: write the digits, like 420.00 USD").format(raw=raw))
    if not re.fullmatch(r"[\d.,]+", amount_text):
        raise BadInputError(_("could not read the amount {raw!r}: {example}").format(raw=raw, example=_(EXAMPLE)))
    if not code:
        raise BadInputError(_("the amount {raw!r} has no currency: {example}").format(raw=raw, example=_(EXAMPLE)))
    if not _CODE.fullmatch(code):
        raise BadInputError(_("could not read the currency in {raw!r}: {example}").format(raw=raw, example=_(EXAMPLE)))
    digits = currency_digits(code)
    # 1,234.50 and (for a currency with fewer than 3 decimals) 15,000 can only be thousands;
    # 420,50 could be a decimal comma: refused rather than guessed.
    grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+(\.\d+)?", amount_text)
    if "," in amount_text and not (grouped and (grouped[1] or (digits is not None and digits < 3))):
        raise BadInputError(
            _(
                "the amount {raw!r} has a comma, which could be a decimal comma or a thousands separator: write the decimal point as a dot, like 420.50 EUR (or 1,234.50 EUR)"
            ).format(raw=raw)
        )
    if not _AMOUNT.fullmatch(amount_text):
        raise BadInputError(_("could not read the amount {raw!r}: {example}").format(raw=raw, example=_(EXAMPLE)))
    plain_text = amount_text.replace(",", "")
    whole, _point, decimals = plain_text.partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise BadInputError(
            _("the amount {raw!r} has more than {most} digits before the point").format(
                raw=raw, most=MAX_INTEGER_DIGITS
            )
        )
    code = code.upper()
    if digits is not None and len(decimals) > digits:
        if digits == 0:
            reason = _("{code} has no minor unit: write a whole number, like 420 {code}").format(code=code)
        else:
            reason = _("{code} has {digits} decimals: write at most {digits}, like {sample} {code}").format(
                code=code, digits=digits, sample=f"{Decimal(420):.{digits}f}"
            )
        raise BadInputError(
            _("the amount {raw!r} has {count} decimals; {reason}").format(raw=raw, count=len(decimals), reason=reason)
        )
    return Money(amount=Decimal(plain_text if not plain_text.startswith(".") else "0" + plain_text), currency=code)


def money_text(money: Money | None) -> str:
    """`420.00 USD`: the amount with its currency's decimals (more when more were typed),
    the way every screen and command shows money and every form reads it back; "" for None."""
    if money is None:
        return ""
    try:
        digits = Currency(money.currency).exponent
    except ValueError:  # an older file's code that is no longer in ISO 4217
        digits = None
    amount = money.amount
    exponent = amount.as_tuple().exponent
    shown = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if digits is not None:
        shown = max(shown, digits)
    return f"{amount:.{shown}f} {money.currency}"
