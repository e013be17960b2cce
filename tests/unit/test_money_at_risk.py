"""Money at risk: a contract's amounts by state with the day each changes, read strictly,
kept in the file (unknown keys too), totalled per currency in `show` and its JSON."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from journal import at_risk, codec
from journal.cli import main
from journal.errors import BadInputError
from journal.model import Contract, Incident, Money

JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 29, 10, 0, tzinfo=JST)


@pytest.mark.parametrize(
    ("text", "amount", "currency", "state", "day"),
    [
        ("420.00 USD in escrow until 12/09", "420.00", "USD", "in-escrow", date(2026, 12, 9)),
        ("300 USD held until 2027-05-28", "300", "USD", "held", date(2027, 5, 28)),
        ("50 USD refunded", "50", "USD", "refunded", None),
        ("1,234.50 EUR in review by 2026-12-14", "1234.50", "EUR", "in-review", date(2026, 12, 14)),
        ("15000 JPY 仮払い 12/20まで", "15000", "JPY", "in-escrow", date(2026, 12, 20)),
        ("80 USD", "80", "USD", "pending", None),
        ("USD 99.5 available", "99.5", "USD", "available", None),
    ],
)
def test_an_amount_is_read_with_its_state_and_day(text, amount, currency, state, day) -> None:
    item = at_risk.parse_amount(text, NOW)
    assert (str(item.money.amount), item.money.currency, item.state, item.changes_on) == (amount, currency, state, day)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("420,50 EUR in escrow", "decimal comma"),
        ("in escrow until 12/09", "has no amount"),
        ("420 USD held until someday", "not a date"),
        ("420.505 USD held", "USD has 2 decimals"),
        ("-5 USD pending", "negative"),
    ],
)
def test_a_bad_amount_is_refused_saying_why(text: str, why: str) -> None:
    with pytest.raises(BadInputError, match=why):
        at_risk.parse_amount(text, NOW)


def test_several_amounts_read_back_as_typed() -> None:
    items = at_risk.parse_amounts("420.00 USD in escrow until 12/09; 300 USD held until 2027-05-28", NOW)
    assert at_risk.amounts_text(items) == "420.00 USD in escrow until 2026-12-09; 300.00 USD held until 2027-05-28"
    assert at_risk.parse_amounts(at_risk.amounts_text(items), NOW) == items


def _incident() -> Incident:
    incident = Incident(id="x", title="t", kind="payment-hold", opened_at=NOW)
    incident.contracts = [
        Contract("Acme", amounts=at_risk.parse_amounts("420.00 USD in escrow until 12/09; 50 USD refunded", NOW)),
        Contract("Beta", amounts=at_risk.parse_amounts("300 USD held until 2027-05-28; 100 USD available", NOW)),
        Contract("Kaisha", amounts=at_risk.parse_amounts("15000 JPY in review until 12/01", NOW)),
        Contract("Old file", pending=Money(Decimal("20.00"), "USD")),
    ]
    return incident


def test_money_at_risk_is_totalled_per_currency_soonest_day_first() -> None:
    risks = at_risk.money_at_risk(_incident())
    assert [r.currency for r in risks] == ["JPY", "USD"]
    usd = risks[1]
    assert usd.at_risk == Decimal("740.00")  # 420 in escrow + 300 held + 20 pending (older field)
    assert usd.by_state == {
        "in-escrow": Decimal("420.00"),
        "pending": Decimal("20.00"),
        "available": Decimal("100"),
        "held": Decimal("300"),
        "refunded": Decimal("50"),
    }
    assert [(d.isoformat(), c) for d, _, c in usd.dated] == [("2026-12-09", "Acme"), ("2027-05-28", "Beta")]
    assert at_risk.headline(_incident(), NOW) == (
        "15000 JPY: 15000 JPY in review until 12/01 · "
        "740.00 USD: 420.00 USD in escrow until 12/09, 300.00 USD held until 2027-05-28"
    )


def test_amounts_round_trip_through_the_file_with_unknown_keys() -> None:
    incident = _incident()
    text = codec.dumps(incident)
    assert "[[contracts.amounts]]" in text and 'state = "in-escrow"' in text and "changes_on = 2026-12-09" in text
    text = text.replace('state = "in-escrow"', 'state = "in-escrow"\nsource = "milestone 2"', 1)
    back = codec.loads(text)
    assert back.contracts[0].amounts[0].extra == {"source": "milestone 2"}
    assert codec.loads(codec.dumps(back)) == back
    assert back.contracts[3].amounts == [] and back.contracts[3].pending == Money(Decimal("20.00"), "USD")


def test_a_bad_state_in_the_file_names_the_file_and_key() -> None:
    text = codec.dumps(_incident()).replace('state = "held"', 'state = "frozen"', 1)
    with pytest.raises(codec.FormatError, match=r"amounts.*frozen.*in-escrow"):
        codec.loads(text, "x.toml")


def test_cli_money_sets_a_contracts_amounts_and_show_totals_them(capsys, tmp_path: Path) -> None:
    assert main(["new", "--kind", "payment-hold", "--title", "Payments held", "--opened", "2026-11-20 09:12"]) == 0
    incident_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["contracts", "add", "--client", "Acme", "--to-incident", incident_id]) == 0
    capsys.readouterr()
    assert (
        main(["money", incident_id, "1", "420.00 USD in escrow until 2026-12-09", "300 USD held until 2027-05-28"]) == 0
    )
    err = capsys.readouterr().err
    assert "Acme: 420.00 USD in escrow until 2026-12-09; 300.00 USD held until 2027-05-28" in err
    assert "Money at risk: 720.00 USD: 420.00 USD in escrow" in err
    assert main(["show", incident_id]) == 0
    out = capsys.readouterr().out
    assert "Money at risk: 720.00 USD: 420.00 USD in escrow until" in out
    assert main(["show", incident_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["money_at_risk"][0]["at_risk"] == "720.00"
    assert data["contracts"][0]["amounts"][0]["state"] == "in-escrow"
    assert main(["money", incident_id, "1", "420,50 EUR held"]) == 2
    assert "decimal comma" in capsys.readouterr().err
    assert main(["money", incident_id, "9", "1 USD"]) != 0
    assert "has no contract 9" in capsys.readouterr().err
    assert main(["money", incident_id, "1", "--clear"]) == 0
    capsys.readouterr()
    assert main(["show", incident_id, "--json"]) == 0
    assert "amounts" not in json.loads(capsys.readouterr().out)["contracts"][0]
