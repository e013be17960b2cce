"""Money as one strictly read field, and deadlines read with their time and shown in the
same words everywhere (TZ is Asia/Tokyo in tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from journal.deadlines import deadline_input, deadline_key, deadline_words, is_soon, parse_deadline
from journal.errors import BadInputError
from journal.model import Money
from journal.money import money_text, parse_money
from journal.timeparse import TimeParseError

NOW = datetime.fromisoformat("2026-11-24T12:00:00+09:00")
JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("420.00 USD", "420.00", "USD"),
        ("USD 420", "420", "USD"),
        ("420usd", "420", "USD"),
        ("1,234.50 EUR", "1234.50", "EUR"),
        ("15,000 JPY", "15000", "JPY"),
        ("１５０００ JPY", "15000", "JPY"),
        ("0.125 KWD", "0.125", "KWD"),
    ],
)
def test_money_is_read_exactly(text: str, amount: str, currency: str) -> None:
    money = parse_money(text)
    assert (str(money.amount), money.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("420,50 EUR", "decimal comma"),
        ("1,234 KWD", "decimal comma"),
        ("-420 USD", "negative"),
        ("−420 USD", "negative"),
        ("4.2e2 USD", "exponent"),
        ("420 XYZ", "not an ISO 4217 currency code"),
        ("420.50 JPY", "JPY has no minor unit"),
        ("420.505 USD", "USD has 2 decimals"),
        ("420", "no currency"),
        ("lots", "could not read the amount"),
        ("", "empty"),
        ("1 2 3 USD", "could not read the amount"),
        ("9999999999999999 USD", "more than 15 digits"),
    ],
)
def test_money_that_could_be_misread_is_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(BadInputError, match=why):
        parse_money(text)


def test_money_is_shown_with_its_currency_decimals() -> None:
    assert money_text(Money(Decimal("420"), "USD")) == "420.00 USD"
    assert money_text(Money(Decimal("420.5"), "USD")) == "420.50 USD"
    assert money_text(Money(Decimal("15000"), "JPY")) == "15000 JPY"
    assert money_text(Money(Decimal("1.5"), "ZZZ")) == "1.5 ZZZ"  # an old file's unknown code still shows
    assert money_text(None) == ""


def test_a_deadline_with_a_time_keeps_it_with_its_offset() -> None:
    assert parse_deadline("today 18:00", NOW) == datetime(2026, 11, 24, 18, 0, tzinfo=JST)
    assert parse_deadline("2026-11-30 09:30+02:00", NOW) == datetime(
        2026, 11, 30, 9, 30, tzinfo=timezone(timedelta(hours=2))
    )
    assert parse_deadline("today", NOW) == date(2026, 11, 24)
    assert parse_deadline("+3d", NOW) == date(2026, 11, 27)
    assert parse_deadline("2026-11-30", NOW) == date(2026, 11, 30)
    with pytest.raises(TimeParseError, match="today 18:00"):
        parse_deadline("someday", NOW)


@pytest.mark.parametrize(
    ("deadline", "words"),
    [
        (datetime(2026, 11, 24, 18, 0, tzinfo=JST), "today 18:00"),
        (datetime(2026, 11, 24, 9, 0, tzinfo=JST), "today 09:00, passed"),
        (date(2026, 11, 24), "today"),
        (date(2026, 11, 25), "tomorrow"),
        (datetime(2026, 11, 25, 0, 30, tzinfo=UTC), "tomorrow 09:30"),  # shown in the local zone
        (date(2026, 11, 27), "in 3 days"),
        (date(2026, 11, 23), "yesterday"),
        (date(2026, 11, 22), "2 days ago"),
        (None, ""),
    ],
)
def test_deadline_words(deadline, words: str) -> None:
    assert deadline_words(deadline, NOW) == words


def test_deadlines_sort_and_count_as_soon_by_local_day() -> None:
    timed = datetime(2026, 11, 27, 18, 0, tzinfo=JST)
    assert is_soon(timed, NOW) and is_soon(date(2026, 11, 1), NOW) and not is_soon(date(2026, 11, 28), NOW)
    order = sorted([None, date(2026, 11, 27), timed, date(2026, 11, 25)], key=deadline_key)
    assert order == [date(2026, 11, 25), timed, date(2026, 11, 27), None]
    assert deadline_input(timed) == "2026-11-27 18:00+09:00" and deadline_input(date(2026, 11, 27)) == "2026-11-27"
